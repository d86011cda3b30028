import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/src';
import { ACTOR_REGISTER_FORMAT, packagePaths, type ArchiveGeneration } from '../../../shared/src/archive';
import { SAMPLE_HEADER, sampleArchiveContent } from '../../../shared/src/testing/archive-samples';
import { sampleAudit } from '../../../shared/src/testing/samples';
import { auditEntryHash, disposeEntryValues, sealEntryValues } from '../audit/audit-hash';
import { ArchiveError } from './errors';
import { verifyPackage } from './verify';
import { writePackage } from './write-package';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'diarium-archive-unit-'));
const BYTES = Buffer.from('%PDF-1.4\n% a small file for the package tests\n');
const SHA = createHash('sha256').update(BYTES).digest('hex');

/** Two scheme 2 entries about the sample document; the second has had its title disposed of. */
function sealedEntries(): AuditEntry[] {
  const entry = (id: string, position: number, title: string): AuditEntry => {
    const changes = [{ field: 'title', from: '', to: title }];
    const content = { ...sampleAudit({ id, position, changes, hashScheme: 2 }), ...sealEntryValues('KS 2026-00042-3', changes) };
    return { ...content, hash: auditEntryHash(content)! };
  };
  const kept = entry('a1', 1, 'Synpunkt på cykelbanor');
  const disposed = disposeEntryValues(entry('a2', 2, 'Gallrad rubrik'), { label: false, changes: [true] })!;
  return [kept, disposed];
}

/** The sample case with its one file made real: a blob whose checksum the file record states. */
async function written(
  generation: ArchiveGeneration,
  blob: string | 'missing' | null = null,
  outDir = tmp(),
  audit: AuditEntry[] = [],
): Promise<string> {
  const blobFile = path.join(tmp(), SHA);
  writeFileSync(blobFile, BYTES);
  const content = sampleArchiveContent(generation);
  if (content.kind !== 'cases') throw new Error('sample');
  const f = content.cases[0]!.documents[0]!.files[0]!;
  f.file = { ...f.file, sha256: SHA, size: BYTES.length };
  return writePackage({
    outDir,
    generation,
    header: { ...SAMPLE_HEADER, name: `pkg-${generation}` },
    source: {
      registerId: 'reg-ks',
      content,
      files: [{ path: f.path, sha256: SHA, size: BYTES.length, mediaType: 'application/pdf' }],
      audit,
    },
    checkpoints: [],
    blobPath: (sha) => (sha !== SHA || blob === 'missing' ? null : (blob ?? blobFile)),
  });
}

describe.each(['fgs2', 'fgs1'] as const)('writePackage and verifyPackage, %s', (generation) => {
  it('writes a package that verifies, under its name, with nothing beside it', async () => {
    const pkg = await written(generation);
    expect(path.basename(pkg)).toBe(`pkg-${generation}`);
    expect(readdirSync(path.dirname(pkg))).toEqual([`pkg-${generation}`]);
    expect(verifyPackage(pkg, generation)).toEqual([]);
  });

  it('finds an unlisted file, a stray root entry and a missing file', async () => {
    const pkg = await written(generation);
    const data = generation === 'fgs2' ? 'representations/rep1/data' : 'content/files';
    const copy = (change: (dir: string) => void): string[] => {
      const dir = path.join(tmp(), 'p');
      cpSync(pkg, dir, { recursive: true });
      change(dir);
      return verifyPackage(dir, generation);
    };
    expect(copy((d) => writeFileSync(path.join(d, data, 'extra.pdf'), 'x'))).toEqual([
      `${data}/extra.pdf is in the package but no METS file lists it`,
    ]);
    expect(copy((d) => writeFileSync(path.join(d, 'notes.txt'), 'x'))).toEqual(['unexpected notes.txt in the package root']);
    const missing = copy((d) => rmSync(path.join(d, data), { recursive: true }));
    expect(missing).toContain(`missing folder ${data}/`);
  });

  it('packages the actor register as format /2 and checks each entry against its hash, disposed values included', async () => {
    const pkg = await written(generation, null, tmp(), sealedEntries());
    const file = packagePaths(generation).actorRegister;
    const json = JSON.parse(readFileSync(path.join(pkg, file), 'utf8')) as { format: string; entries: AuditEntry[] };
    expect(json.format).toBe(ACTOR_REGISTER_FORMAT);
    expect(json.entries.map((e) => e.changes[0]!.to)).toEqual(['Synpunkt på cykelbanor', '[gallrad]']);
    expect(verifyPackage(pkg, generation)).toEqual([]);
    // A value changed in the packaged register (not dropped) breaks its entry's hash.
    const dir = path.join(tmp(), 'p');
    cpSync(pkg, dir, { recursive: true });
    const changed = readFileSync(path.join(dir, file), 'utf8').replace('Synpunkt på cykelbanor', 'Synpunkt på gångbanor');
    writeFileSync(path.join(dir, file), changed);
    expect(verifyPackage(dir, generation)).toContain(`${file}: entry a1 does not match its hash`);
    writeFileSync(path.join(dir, file), changed.replace(ACTOR_REGISTER_FORMAT, 'diarium-actor-register/1'));
    expect(verifyPackage(dir, generation)).toContain(`${file}: format diarium-actor-register/1, expected ${ACTOR_REGISTER_FORMAT}`);
  });

  it('refuses a blob that is missing or does not match its checksum, leaving nothing', async () => {
    const out = tmp();
    const err = await written(generation, 'missing', out).then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as ArchiveError).code).toBe('missing_blob');
    const other = path.join(tmp(), 'other');
    writeFileSync(other, 'not the bytes the record names');
    const bad = await written(generation, other, out).then(
      () => null,
      (e: unknown) => e,
    );
    expect(bad).toBeInstanceOf(ArchiveError);
    expect((bad as ArchiveError).message).toMatch(/does not match its checksum/);
    expect(readdirSync(out)).toEqual([]);
  });
});
