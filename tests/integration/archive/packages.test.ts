import { mkdtempSync, readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveGeneration } from '../../../shared/src/archive';
import { ArchiveError } from '../../../sync-server/src/archive/errors';
import { runArchive } from '../../../sync-server/src/archive/run';
import { block, checkMetsEntries, requireXmllint, sha256File, walk, xmllint } from './check-package';
import { NOW, TODAY, makeArchiveFolder, type ArchiveFixture } from './fixture';

let fx: ArchiveFixture;

beforeAll(async () => {
  requireXmllint();
  fx = await makeArchiveFolder(50);
});

const outDir = () => mkdtempSync(path.join(tmpdir(), 'diarium-archive-out-'));
const due = { due: true as const, today: TODAY, afterYears: 0 };
const GROUND = { secrecy: 'OSL 26 kap. 1 §', privacy: 'OSL 21 kap. 7 §', other: 'OSL 18 kap. 8 §' } as const;

function build(generation: ArchiveGeneration, out = outDir()) {
  return runArchive({ dataDir: fx.dataDir, outDir: out, generation, select: due, now: new Date(NOW) });
}

describe.each(['fgs2', 'fgs1'] as const)('a package of 50 cases with restrictions and files, %s', (generation) => {
  let casesPkg: string;
  let docsPkg: string;
  let result: Awaited<ReturnType<typeof build>>;
  const fgs2 = generation === 'fgs2';
  const descriptive = fgs2 ? 'metadata/descriptive/ERMS.xml' : 'content/arendehantering.xml';
  const data = fgs2 ? 'representations/rep1/data' : 'content/files';

  beforeAll(async () => {
    result = await build(generation);
    [casesPkg, docsPkg] = result.packages as [string, string];
  });

  it('takes exactly what is due: the closed cases with preserved documents and the free-standing document', () => {
    expect(result.packages).toHaveLength(2);
    expect([...result.cases].sort()).toEqual(fx.due.map((c) => c.caseNumber).sort());
    expect(result.documents).toEqual([fx.freeDocument.documentNumber]);
    for (const c of fx.notDue) expect(readFileSync(path.join(casesPkg, descriptive), 'utf8')).not.toContain(c.caseNumber);
  });

  it('follows the folder structure of its generation', () => {
    for (const pkg of [casesPkg, docsPkg]) {
      const files = walk(pkg);
      if (fgs2) {
        expect(readdirSync(pkg).sort()).toEqual(['METS.xml', 'metadata', 'representations', 'schemas']);
        expect(readdirSync(path.join(pkg, 'metadata')).sort()).toEqual(['descriptive', 'preservation']);
        expect(readdirSync(path.join(pkg, 'representations'))).toEqual(['rep1']);
        expect(files).toContain('representations/rep1/METS.xml');
        // CSIP: the root METS's OBJID is the package's folder name, the representation's its folder's.
        expect(readFileSync(path.join(pkg, 'METS.xml'), 'utf8')).toContain(`OBJID="${path.basename(pkg)}"`);
        expect(readFileSync(path.join(pkg, 'representations/rep1/METS.xml'), 'utf8')).toContain('OBJID="rep1"');
        expect(files.filter((f) => f.startsWith('schemas/')).sort()).toEqual(
          [
            'schemas/DILCISExtensionMETS.xsd',
            'schemas/DILCISExtensionSIPMETS.xsd',
            'schemas/ERMS.xsd',
            'schemas/mets.xsd',
            'schemas/xlink.xsd',
          ].sort(),
        );
      } else {
        expect(readdirSync(pkg).sort()).toEqual(['content', 'schemas', 'sip.xml']);
        expect(files.filter((f) => f.startsWith('schemas/')).sort()).toEqual([
          'schemas/CSPackageExtensionMETS.xsd',
          'schemas/CSPackageMETS.xsd',
          'schemas/arendehantering.xsd',
          'schemas/xlink.xsd',
        ]);
      }
      expect(files).toContain(descriptive);
      expect(files.filter((f) => f.startsWith(`${data}/`)).length).toBeGreaterThan(0);
    }
    // Nothing partial beside the packages.
    expect(readdirSync(path.dirname(casesPkg)).filter((e) => e.startsWith('.'))).toEqual([]);
  });

  it('validates every XML file with xmllint against the schemas', () => {
    for (const pkg of [casesPkg, docsPkg]) {
      const xml = walk(pkg).filter((f) => f.endsWith('.xml') && !f.startsWith(`${data}/`));
      expect(xml.sort()).toEqual(
        fgs2 ? ['METS.xml', 'metadata/descriptive/ERMS.xml', 'representations/rep1/METS.xml'] : ['content/arendehantering.xml', 'sip.xml'],
      );
      for (const f of xml) {
        const schema = f.endsWith('ERMS.xml')
          ? 'xsd/cits-erms/ERMS.xsd'
          : f.endsWith('arendehantering.xml')
            ? 'xsd/fgs-arendehantering-1.0/arendehantering.xsd'
            : fgs2
              ? 'drivers/eark-csip-sip-2.1.0-driver.xsd'
              : 'drivers/fgs-paketstruktur-1.2-driver.xsd';
        const r = xmllint(path.join(pkg, f), schema);
        expect(r.ok, `${f}: ${r.output}`).toBe(true);
      }
    }
  });

  it('lists every file with a matching checksum, and holds each file exactly as stored', () => {
    for (const pkg of [casesPkg, docsPkg]) {
      const mets = fgs2 ? ['METS.xml', 'representations/rep1/METS.xml'] : ['sip.xml'];
      const listed = new Set<string>(mets);
      for (const m of mets) {
        const r = checkMetsEntries(pkg, m);
        expect(r.problems).toEqual([]);
        for (const l of r.listed) listed.add(l);
      }
      expect(walk(pkg).filter((f) => !listed.has(f))).toEqual([]);
    }
    // The newest version of each logical file: 3 per case, the decision's v2 where it has one.
    const packaged = walk(casesPkg).filter((f) => f.startsWith(`${data}/`));
    expect(packaged).toHaveLength(150);
    const shas = new Set(fx.files.filter((f) => f.caseId !== '').map((f) => f.sha256));
    for (const f of packaged) expect(shas.has(sha256File(path.join(casesPkg, f)))).toBe(true);
    const desc = readFileSync(path.join(casesPkg, descriptive), 'utf8');
    expect(desc).toContain('Version 2');
    expect(packaged.some((f) => f.includes('-v2-'))).toBe(true);
    // Case 100's decision has two versions: only v2 is packaged.
    const versions = packaged.filter((f) => f.startsWith(`${data}/KS_2025-00100/KS_2025-00100-2/`));
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatch(/\/1-v2-[^/]+\.pdf$/);
  });

  it("keeps each restricted record's restriction with its legal ground", () => {
    const xml = readFileSync(path.join(casesPkg, descriptive), 'utf8');
    const caseStart = (id: string) => (fgs2 ? `systemIdentifier="${id}">` : `<ArkivobjektArende Systemidentifierare="${id}">`);
    const caseEnd = fgs2 ? /<record / : /<ArkivobjektListaHandlingar>/;
    const docStart = (id: string) => (fgs2 ? `<record systemIdentifier="${id}"` : `<ArkivobjektHandling Systemidentifierare="${id}">`);
    const docEnd = fgs2 ? /<\/record>/ : /<\/ArkivobjektHandling>/;
    const restricted = (text: string, kind: keyof typeof GROUND) =>
      fgs2
        ? new RegExp(
            `<restriction restrictionType="${{ secrecy: 'confidential', privacy: 'integrity', other: 'other_type' }[kind]}"[^>]*>(\\s*<explanatoryText>[^<]*</explanatoryText>)?\\s*<regulation>${GROUND[kind]}</regulation>`,
          ).test(text)
        : new RegExp(
            `<Restriktion Typ="${{ secrecy: 'Sekretess', privacy: 'Integritet', other: 'Annan typ' }[kind]}">(\\s*<ForklarandeText>[^<]*</ForklarandeText>)?\\s*<Lagrum>${GROUND[kind]}</Lagrum>`,
          ).test(text);
    let checked = 0;
    for (const c of fx.due) {
      const own = block(xml, caseStart(c.id), caseEnd);
      if (c.restrictionKind === 'none') expect(own).not.toMatch(fgs2 ? /<restriction/ : /<Restriktion/);
      else {
        expect(restricted(own, c.restrictionKind), `${c.caseNumber}`).toBe(true);
        checked++;
      }
      const [letter, decision] = fx.documents.get(c.id)!;
      const letterXml = block(xml, docStart(letter!.id), docEnd);
      if (letter!.restrictionKind === 'secrecy') expect(restricted(letterXml, 'secrecy')).toBe(true);
      if (letter!.shields.length > 0) expect(restricted(letterXml, 'privacy')).toBe(true);
      if (decision!.fileRestrictions.length > 0) expect(restricted(block(xml, docStart(decision!.id), docEnd), 'other')).toBe(true);
    }
    expect(checked).toBe(30);
  });

  it("gives parties as the archivist's projection does: protected identity and restricted-record parties withheld", () => {
    const xml = readFileSync(path.join(casesPkg, descriptive), 'utf8');
    const caseXml = (id: string) =>
      block(
        xml,
        fgs2 ? `systemIdentifier="${id}">` : `<ArkivobjektArende Systemidentifierare="${id}">`,
        fgs2 ? /<record / : /<ArkivobjektListaHandlingar>/,
      );
    // Named by a secret case: only its kind is left, the name says it is withheld.
    expect(caseXml('arc-case-0')).toContain(fgs2 ? '<name>Skyddad uppgift</name>' : '<Namn>Skyddad uppgift</Namn>');
    // Named only by an open case: whole.
    expect(caseXml('arc-case-3')).toContain(fx.openParty.name);
    expect(caseXml('arc-case-3')).toContain(fx.openParty.postalAddress);
  });

  it("escapes titles and keeps a protected party's identity out of every file", () => {
    const xml = readFileSync(path.join(casesPkg, descriptive), 'utf8');
    expect(xml).toContain('Bygglov &lt;Storgatan 1&gt; &amp; "A" \'B\' \uFFFD\uFFFD slut');
    expect(xml).toContain('Skyddad Sökande');
    for (const f of walk(casesPkg).filter((f) => !f.startsWith(`${data}/`))) {
      const text = readFileSync(path.join(casesPkg, f), 'utf8');
      for (const secret of [fx.protectedParty.idNumber, fx.protectedParty.postalAddress, fx.protectedParty.phone])
        expect(text, f).not.toContain(secret);
    }
  });

  it('carries the actor register of its records and the checkpoint that covers it', () => {
    const base = fgs2 ? 'metadata/preservation' : 'content';
    const register = JSON.parse(readFileSync(path.join(casesPkg, `${base}/actor-register.json`), 'utf8')) as {
      format: string;
      entries: { recordId: string; position: number; hash: string; prevHash: string; hashScheme: number }[];
    };
    expect(register.format).toBe('diarium-actor-register/2');
    expect(register.entries.every((e) => e.hashScheme === 2)).toBe(true);
    const ids = new Set(register.entries.map((e) => e.recordId));
    for (const c of fx.due) {
      expect(ids.has(c.id)).toBe(true);
      for (const d of fx.documents.get(c.id)!) expect(ids.has(d.id)).toBe(true);
    }
    expect(ids.has(fx.notDue[0]!.id)).toBe(false);
    for (const e of register.entries) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    const { checkpoints } = JSON.parse(readFileSync(path.join(casesPkg, `${base}/checkpoints.json`), 'utf8')) as {
      checkpoints: { position: number; signature: string }[];
    };
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(Math.min(...checkpoints.map((c) => c.position))).toBeGreaterThanOrEqual(Math.max(...register.entries.map((e) => e.position)));
  });
});

describe('a package that fails its checks is not left behind', () => {
  async function expectNothingLeft(out: string, run: Promise<unknown>, code: string, message: RegExp): Promise<void> {
    const err = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ArchiveError);
    expect((err as ArchiveError).code).toBe(code);
    expect((err as ArchiveError).message).toMatch(message);
    expect(readdirSync(out)).toEqual([]);
  }

  it('a builder that writes ERMS out of schema fails xmllint (FGS 2.0)', async () => {
    const out = outDir();
    const breakErms = (dir: string) => {
      const f = path.join(dir, 'metadata/descriptive/ERMS.xml');
      writeFileSync(f, readFileSync(f, 'utf8').replace('<objectId>', '<objectID>'));
    };
    await expectNothingLeft(
      out,
      runArchive({ dataDir: fx.dataDir, outDir: out, generation: 'fgs2', select: due, beforeValidation: breakErms }),
      'invalid_package',
      /ERMS\.xml/,
    );
  });

  it('a builder that puts FGS 1.0 elements out of order fails xmllint (FGS 1.x)', async () => {
    const out = outDir();
    const swap = (dir: string) => {
      const f = path.join(dir, 'content/arendehantering.xml');
      writeFileSync(f, readFileSync(f, 'utf8').replace(/(<Agent>.*?<\/Agent>)(\s*)(<Klass>[^<]*<\/Klass>)/s, '$3$2$1'));
    };
    // The first case has its Agent before its Klass; swapping them breaks the fixed order.
    await expectNothingLeft(
      out,
      runArchive({ dataDir: fx.dataDir, outDir: out, generation: 'fgs1', select: due, beforeValidation: swap }),
      'invalid_package',
      /arendehantering\.xml/,
    );
  });

  it('a file changed after it was listed fails the checksum check, as the second package of a run: the first goes too', async () => {
    const out = outDir();
    let n = 0;
    const corrupt = (dir: string) => {
      if (++n < 2) return;
      const f = walk(dir).find((x) => x.startsWith('representations/rep1/data/'))!;
      appendFileSync(path.join(dir, f), 'x');
    };
    await expectNothingLeft(
      out,
      runArchive({ dataDir: fx.dataDir, outDir: out, generation: 'fgs2', select: due, beforeValidation: corrupt }),
      'invalid_package',
      /checksum/,
    );
  });
});
