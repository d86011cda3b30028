/**
 * Transfer to the e-archive from the running server (issue 17): 20 closed cases packaged while a
 * client keeps writing, both generations validated by xmllint with every checksum checked, a
 * transfer cut off by a server stop resumed on the same data folder, and the archive's receipt
 * making the records Arkiverat/Arkiverad — with the setting `remove` their files and content leave
 * the register while search still finds the case by number. Office documents get a PDF/A
 * rendition beside them, and a file that cannot be converted is noted as such.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Case, Document, FileRecord } from '../../../shared/src';
import { verifyAuditChain } from '../../../sync-server/src/audit/verify-chain';
import type { ArchiveGeneration } from '../../../shared/src/archive';
import { SEARCH_API } from '../../../shared/src/search/protocol';
import { ARCHIVE_API, RECEIPT_FORMAT, type TransferView } from '../../../shared/src/protocol/archive';
import { strToU8, zipSync } from 'fflate';
import { Attacker, accepted, download, edit, newCase, newDocument } from '../adversarial/attacks';
import type { Process } from '../fixtures';
import { RawClient, startTestServer, type TestServer } from '../harness';
import { makeOfficeFiles, removeFiles, type OfficeFiles } from '../conversion/tools';
import { checkMetsEntries, requireXmllint, sha256File, walk, xmllint } from './check-package';
import { api, closedCase, preserveProcess, settled } from './transfer-setup';

let server: TestServer;
let registrar: Attacker;
let qa: Attacker;
let archivist = '';
let admin = '';
let process: Process;
const made: { case: Case; document: Document }[] = [];
/** The transfer of 20 cases (confirmed with the setting keep). */
let twenty: TransferView;

const SCHEMA: Record<string, string> = {
  'METS.xml': 'drivers/eark-csip-sip-2.1.0-driver.xsd',
  'representations/rep1/METS.xml': 'drivers/eark-csip-sip-2.1.0-driver.xsd',
  'metadata/descriptive/ERMS.xml': 'xsd/cits-erms/ERMS.xsd',
  'sip.xml': 'drivers/fgs-paketstruktur-1.2-driver.xsd',
  'content/arendehantering.xml': 'xsd/fgs-arendehantering-1.0/arendehantering.xsd',
};

/** The package of a written transfer: its one folder under archive-out/<id>/, nothing partial beside it. */
function packageOf(t: TransferView): string {
  const dir = path.join(server.dataDir, 'archive-out', t.id);
  expect(readdirSync(dir)).toEqual([t.packageName]);
  return path.join(dir, t.packageName);
}

/** Independent checks: every XML by xmllint against its schema, every METS entry's size and checksum. */
function expectValid(root: string, generation: ArchiveGeneration): void {
  const xml = walk(root).filter((f) => f in SCHEMA);
  expect(xml.length).toBe(generation === 'fgs2' ? 3 : 2);
  for (const f of xml) {
    const r = xmllint(path.join(root, f), SCHEMA[f]!);
    expect(r.ok, `${f}: ${r.output}`).toBe(true);
  }
  const mets = generation === 'fgs2' ? ['METS.xml', 'representations/rep1/METS.xml'] : ['sip.xml'];
  for (const m of mets) expect(checkMetsEntries(root, m).problems).toEqual([]);
}

const start = (ids: string[]) => api(server, archivist, 'POST', ARCHIVE_API.transfers, { registerId: 'reg-ks', kind: 'cases', ids });
const settings = (o: Record<string, unknown>) =>
  api(server, admin, 'POST', ARCHIVE_API.settings, {
    generation: 'fgs2',
    archiveName: 'Kommunarkivet',
    archiveId: '',
    afterReceipt: 'keep',
    afterYears: 0,
    ...o,
  });
const receiptOf = (t: TransferView) =>
  JSON.stringify({ format: RECEIPT_FORMAT, objid: t.objid, metsSha256: t.metsSha256, reference: 'Lev 2026:17' });

async function connect(): Promise<void> {
  registrar = await Attacker.as(server.url, 'registrator');
  qa = await Attacker.as(server.url, 'kvalitet');
  archivist = (await RawClient.token(server.url, 'arkivarie')).token;
  admin = (await RawClient.token(server.url, 'admin')).token;
}

beforeAll(async () => {
  requireXmllint();
  server = await startTestServer();
  await connect();
  process = await preserveProcess(registrar, 'reg-ks');
  for (let i = 0; i < 25; i++) made.push(await closedCase(server, registrar, qa, process, `Arkivöverföring ${i}`));
}, 300_000);

afterAll(async () => {
  registrar?.close();
  qa?.close();
  await server?.stop();
});

describe('a transfer from the running server', () => {
  it('proposes the closed cases that are due, grouped by process', async () => {
    const [status, proposals] = await api(server, archivist, 'GET', `${ARCHIVE_API.proposals}?registerId=reg-ks`);
    expect(status).toBe(200);
    const proposed = (proposals.groups as { cases: { id: string }[] }[]).flatMap((g) => g.cases.map((c) => c.id));
    for (const m of made) expect(proposed).toContain(m.case.id);
    const group = (proposals.groups as { classCode: string; cases: { id: string }[] }[]).find((g) => g.classCode === process.node.code)!;
    expect(group.cases.map((c) => c.id)).toContain(made[0]!.case.id);
  });

  it('packages 20 cases while a client writes, with progress to the end, and the package validates (FGS 2.0)', async () => {
    let writing = true;
    let writes = 0;
    const writer = (async () => {
      while (writing) {
        await accepted(server, registrar, 'cases', newCase(process, 'usr-registrator', { title: `Under överföringen ${writes}` }));
        writes++;
      }
    })();
    const [status, started] = await start(made.slice(0, 20).map((m) => m.case.id));
    expect([status, started.state]).toEqual([202, 'running']);
    // Progress as the workspace polls it: never backwards, never past the total.
    const seen: number[] = [];
    let t: TransferView;
    do {
      t = (await api(server, archivist, 'GET', `${ARCHIVE_API.transferPrefix}${started.id!}`))[1] as TransferView;
      seen.push(t.done);
      if (t.total > 0) expect(t.done).toBeLessThanOrEqual(t.total);
    } while (t.state === 'running');
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    writing = false;
    await writer;
    expect(writes).toBeGreaterThan(0);
    expect(t.state).toBe('written');
    expect(t.done).toBe(t.total);
    expect(t.total).toBe(20 + 3); // 20 files, 3 XML files validated
    twenty = t;
    const root = packageOf(t);
    expectValid(root, 'fgs2');
    const mets = readFileSync(path.join(root, 'METS.xml'), 'utf8');
    expect(mets).toContain(`OBJID="${t.objid}"`);
    expect(sha256File(path.join(root, 'METS.xml'))).toBe(t.metsSha256);
    const erms = readFileSync(path.join(root, 'metadata/descriptive/ERMS.xml'), 'utf8');
    for (const m of made.slice(0, 20)) expect(erms).toContain(m.case.caseNumber);
    // The cases written meanwhile are not in it: one snapshot, of what was selected.
    expect(erms).not.toContain('Under överföringen');
  });

  it('packages in FGS 1.x when the authority says so, and the package validates', async () => {
    expect((await settings({ generation: 'fgs1' }))[0]).toBe(200);
    const [, started] = await start([made[20]!.case.id, made[21]!.case.id]);
    const t = await settled(server, archivist, started.id!);
    expect([t.state, t.generation]).toEqual(['written', 'fgs1']);
    const root = packageOf(t);
    expectValid(root, 'fgs1');
    expect(readFileSync(path.join(root, 'sip.xml'), 'utf8')).toContain(`OBJID="${t.objid}"`);
    expect((await settings({ generation: 'fgs2' }))[0]).toBe(200);
  });

  it('on the receipt (setting keep) the cases become Arkiverat, their documents Arkiverad, each in the actor register', async () => {
    const [status, confirmed] = await api(server, archivist, 'POST', `${ARCHIVE_API.transferPrefix}${twenty.id}/receipt`, {
      receiptText: receiptOf(twenty),
    });
    expect([status, confirmed.state, confirmed.receiptKind]).toEqual([200, 'confirmed', 'file']);
    const audit = await server.storage.pullPage('audit', 0, 1_000_000, ['reg-ks']);
    for (const m of made.slice(0, 20)) {
      expect((await server.storage.getRecord('cases', m.case.id))!.data.status).toBe('archived');
      const doc = (await server.storage.getRecord('documents', m.document.id))!.data;
      expect(doc.status).toBe('archived');
      // keep: the content stays.
      expect(doc.title).toBe(m.document.title);
      const entry = audit.find(
        (e) => e.data.recordId === m.case.id && (e.data.changes as { field: string }[]).some((ch) => ch.field === 'archivePackage'),
      );
      expect(entry?.data.changes).toEqual([
        { field: 'status', from: 'closed', to: 'archived' },
        { field: 'archiveTransfer', from: `written ${twenty.id}`, to: `confirmed ${twenty.id}` },
        { field: 'archivePackage', from: '', to: twenty.objid },
      ]);
      expect(entry?.data.action).toBe('status_change');
      expect(entry?.data.caseId).toBe(m.case.id);
    }
    const files = await server.storage.listWhere('files', 'documentId', made[0]!.document.id);
    expect((await download(server, registrar.token, files[0]!.id)).status).toBe(200);
  });
});

describe('free-standing documents', () => {
  it('a registered free-standing document to preserve is proposed and transferred as a package of its own', async () => {
    const d = await accepted<Document>(
      server,
      registrar,
      'documents',
      newDocument(process, 'usr-registrator', '', { title: 'Fristående delegationsbeslut att bevara' }),
    );
    expect((await edit(server, qa, 'documents', d.id, { status: 'registered' })).rejected).toEqual([]);
    const [, proposals] = await api(server, archivist, 'GET', `${ARCHIVE_API.proposals}?registerId=reg-ks`);
    expect(proposals.groups!.flatMap((g) => g.documents.map((x) => x.id))).toContain(d.id);
    const [status, started] = await api(server, archivist, 'POST', ARCHIVE_API.transfers, {
      registerId: 'reg-ks',
      kind: 'documents',
      ids: [d.id],
    });
    expect(status).toBe(202);
    const t = await settled(server, archivist, started.id!);
    expect(t.state, t.error).toBe('written');
    expect(t.packageName).toMatch(/-handlingar-fgs2-/);
    const root = packageOf(t);
    expectValid(root, 'fgs2');
    expect(readFileSync(path.join(root, 'metadata/descriptive/ERMS.xml'), 'utf8')).toContain(d.title);
    // A case's id is no free-standing document.
    expect(
      await api(server, archivist, 'POST', ARCHIVE_API.transfers, {
        registerId: 'reg-ks',
        kind: 'documents',
        ids: [made[24]!.document.id],
      }),
    ).toEqual([409, { error: 'item_not_due' }]);
  });
});

describe('archival renditions', () => {
  let office: OfficeFiles;
  beforeAll(async () => {
    office = await makeOfficeFiles();
  }, 120_000);
  afterAll(() => removeFiles(office));

  it.each(['fgs2', 'fgs1'] as const)(
    'a Word file gets its PDF/A-2b beside it, a damaged presentation a note that it could not be converted (%s)',
    async (generation) => {
      expect((await settings({ generation }))[0]).toBe(200);
      // A zip with a slide but no real presentation: LibreOffice's Impress cannot read it.
      const pptx = Buffer.from(
        zipSync({
          '[Content_Types].xml': strToU8('<Types/>'),
          'ppt/presentation.xml': strToU8('<p/>'),
          'ppt/slides/slide1.xml': strToU8('<p:sld><a:t>Bild ett</a:t></p:sld>'),
        }),
      );
      const m = await closedCase(server, registrar, qa, process, `Arkivöverföring med kontorsfiler ${generation}`, [
        { name: 'Yttrande.docx', bytes: office.docx },
        { name: 'Bilder.pptx', bytes: pptx },
      ]);
      const [, started] = await start([m.case.id]);
      const t = await settled(server, archivist, started.id!);
      expect(t.state, t.error).toBe('written');
      // 3 files, 1 converted, 1 not: 2 conversions tried, 3 copies, the XML validations.
      expect(t.total).toBe(2 + 3 + (generation === 'fgs2' ? 3 : 2));
      const root = packageOf(t);
      expectValid(root, generation);
      const files = walk(root);
      const docx = files.find((f) => f.endsWith('Yttrande.docx'))!;
      expect(files).toContain(`${docx}.pdf`);
      const pdf = readFileSync(path.join(root, `${docx}.pdf`));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.toString('latin1')).toMatch(/pdfaid:part(="|>)2/);
      expect(files.some((f) => f.endsWith('Bilder.pptx.pdf'))).toBe(false);
      const descriptive = readFileSync(
        path.join(root, generation === 'fgs2' ? 'metadata/descriptive/ERMS.xml' : 'content/arendehantering.xml'),
        'utf8',
      );
      if (generation === 'fgs2') {
        expect(descriptive).toContain(`path="${docx}.pdf"`);
        expect(descriptive).toContain('originalFileFormat="application/vnd.openxmlformats-officedocument.wordprocessingml.document"');
      } else {
        expect(descriptive).toContain(`Lank="${docx}.pdf"`);
        expect(descriptive).toContain(`Checksumma="${sha256File(path.join(root, `${docx}.pdf`))}"`);
      }
      expect(descriptive).toContain(`Original; återgiven som PDF/A-2b i ${docx}.pdf`);
      expect(descriptive).toContain('Kunde inte konverteras till PDF/A: LibreOffice kunde inte läsa eller konvertera filen');
    },
    180_000,
  );
});

describe('with the setting remove', () => {
  it('content and files leave the register on the receipt, and search still finds the case by number', async () => {
    expect((await settings({ afterReceipt: 'remove' }))[0]).toBe(200);
    const m = made[24]!;
    const [, started] = await start([m.case.id]);
    const t = await settled(server, archivist, started.id!);
    const file = (await server.storage.listWhere('files', 'documentId', m.document.id))[0]!;
    const sha = (file.data as unknown as FileRecord).sha256;
    const [status] = await api(server, archivist, 'POST', `${ARCHIVE_API.transferPrefix}${t.id}/receipt`, {
      manual: { name: 'Lars Ek', note: 'Kvitterat per telefon av Kommunarkivet' },
    });
    expect(status).toBe(200);
    const c = (await server.storage.getRecord('cases', m.case.id))!.data as unknown as Case;
    const d = (await server.storage.getRecord('documents', m.document.id))!.data as unknown as Document;
    expect([c.status, d.status]).toEqual(['archived', 'archived']);
    expect([c.title, c.caseNumber, d.title, d.documentNumber]).toEqual([
      m.case.title,
      m.case.caseNumber,
      m.document.title,
      m.document.documentNumber,
    ]);
    expect(d.sender).toBe('');
    const stripped = (await server.storage.getRecord('files', file.id))!;
    expect(stripped.deleted).toBe(true);
    expect(JSON.stringify(stripped.data)).not.toContain(sha);
    expect(existsSync(path.join(server.dataDir, 'blobs', sha.slice(0, 2), sha))).toBe(false);
    expect((await download(server, registrar.token, file.id)).status).toBe(404);
    const res = await fetch(`${server.url}${SEARCH_API}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${registrar.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: m.case.caseNumber }),
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain(m.case.id);
  });
});

describe('a transfer cut off by a stop', () => {
  it('is interrupted at the next start, nothing of it left, and resumes cleanly to a valid package', async () => {
    const ids = [made[22]!.case.id, made[23]!.case.id];
    const [, started] = await start(ids);
    // A kill mid-way: the server stops with the transfer running (and a partial folder a kill would leave).
    registrar.close();
    qa.close();
    await server.close();
    expect((await readTransfer(started.id!)).state).toBe('running');
    const leftover = path.join(server.dataDir, 'archive-out', started.id!, `.half.partial`);
    mkdirSync(leftover, { recursive: true });
    writeFileSync(path.join(leftover, 'METS.xml'), '<half');
    // Last in this file, so no other test runs against a restarted server.
    const restarted = await startTestServer({ dataDir: server.dataDir });
    server = { ...restarted, dataDir: server.dataDir };
    await connect();
    let t = await settledView(started.id!);
    expect(t.state).toBe('interrupted');
    expect(existsSync(path.join(server.dataDir, 'archive-out', started.id!))).toBe(false);
    // Its cases are still taken until it is resumed or confirmed.
    expect((await start(ids))[1]).toEqual({ error: 'item_in_transfer' });
    const [status] = await api(server, archivist, 'POST', `${ARCHIVE_API.transferPrefix}${started.id!}/resume`);
    expect(status).toBe(202);
    t = await settled(server, archivist, started.id!);
    expect(t.state).toBe('written');
    expectValid(packageOf(t), 'fgs2');
    // A written transfer is not resumed again.
    expect(await api(server, archivist, 'POST', `${ARCHIVE_API.transferPrefix}${started.id!}/resume`)).toEqual([
      409,
      { error: 'not_resumable' },
    ]);
    // Cancelled, its package goes and its cases are proposed again; a confirmed one is not cancelled.
    const [cancelled, gone] = await api(server, archivist, 'POST', `${ARCHIVE_API.transferPrefix}${started.id!}/cancel`);
    expect([cancelled, gone.state]).toEqual([200, 'cancelled']);
    expect(existsSync(path.join(server.dataDir, 'archive-out', started.id!))).toBe(false);
    const [, proposals] = await api(server, archivist, 'GET', `${ARCHIVE_API.proposals}?registerId=reg-ks`);
    expect(proposals.groups!.flatMap((g) => g.cases.map((c) => c.id))).toEqual(expect.arrayContaining(ids));
    expect(await api(server, archivist, 'POST', `${ARCHIVE_API.transferPrefix}${twenty.id}/cancel`)).toEqual([
      409,
      { error: 'not_cancellable' },
    ]);
    // The actor register of each case holds the start, the resumption and the cancellation, by the archivist.
    const audit = (await server.storage.pullPage('audit', 0, 1_000_000, ['reg-ks'])).map((r) => r.data as unknown as AuditEntry);
    const id = started.id!;
    for (const caseId of ids) {
      const acts = audit
        .filter((e) => e.recordId === caseId && e.changes.some((c) => c.field === 'archiveTransfer'))
        .sort((a, b) => a.position - b.position);
      expect(acts.map((e) => [e.action, e.actorName, e.caseId, e.changes])).toEqual(
        [
          ['', `running ${id}`],
          [`interrupted ${id}`, `running ${id}`],
          [`written ${id}`, `cancelled ${id}`],
        ].map(([from, to]) => ['status_change', 'Lars Ek', caseId, [{ field: 'archiveTransfer', from, to }]]),
      );
    }
    expect(await verifyAuditChain(server.storage, await server.storage.listAuditCheckpoints())).toMatchObject({ ok: true });
  }, 120_000);
});

async function readTransfer(id: string) {
  // The stopped server's store is closed: read the table as the next start will.
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(path.join(server.dataDir, 'diarium.sqlite'), { readonly: true });
  try {
    return db.prepare<[string], { state: string }>('SELECT state FROM archive_transfers WHERE id = ?').get(id)!;
  } finally {
    db.close();
  }
}

async function settledView(id: string): Promise<TransferView> {
  const [status, t] = await api(server, archivist, 'GET', `${ARCHIVE_API.transferPrefix}${id}`);
  expect(status).toBe(200);
  return t as TransferView;
}
