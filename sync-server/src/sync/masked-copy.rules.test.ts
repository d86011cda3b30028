import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case, Document } from '../../../shared/src';
import type { RedactionDraft } from '../../../shared/src/model/redaction';
import { sampleCase, sampleDocument, sampleFile } from '../../../shared/src/testing/samples';
import { buildDemoData, demoUserNamed } from '../demo/demo-data';
import { importRecords } from '../demo/seed';
import { SqliteStorage } from '../storage/sqlite.adapter';
import type { Actor } from './apply';
import { checkMaskedCopyFields } from './masked-copy.rules';
import { refused } from './refusal.testing';

const NOW_ISO = '2026-02-04T09:00:00.000Z';
const demo = buildDemoData({ seed: 1, nowMs: Date.parse(NOW_ISO), caseCount: 3 });
const GROUND = 'OSL 21 kap. 3 §';

const demoUser = (username: string) => demoUserNamed(demo, username);
const registrar = demoUser('registrator');
const officer = demoUser('handlaggare');
const reader = demoUser('lasare');

const CASE = sampleCase({ id: 'case-a', responsibleUserId: officer.id });
const OTHER_CASE = sampleCase({ id: 'case-b', caseNumber: 'KS 2026-00050', serial: 50 });
const SECRET_CASE = sampleCase({
  id: 'case-secret',
  caseNumber: 'KS 2026-00043',
  serial: 43,
  responsibleUserId: officer.id,
  restrictionKind: 'secrecy',
  legalGround: 'OSL 26 kap. 1 §',
});
const ORIGINAL = sampleDocument({ id: 'doc-orig', caseId: CASE.id, responsibleUserId: officer.id });
const SECRET_ORIGINAL = sampleDocument({ id: 'doc-secret', caseId: SECRET_CASE.id, responsibleUserId: officer.id });
const FILE = sampleFile({ id: 'file-orig', documentId: ORIGINAL.id, caseId: CASE.id });
const OTHER_FILE = sampleFile({ id: 'file-other', documentId: 'doc-elsewhere', caseId: OTHER_CASE.id, fileKey: 'fk-2' });

let dataDir: string;
let storage: SqliteStorage;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-masked-'));
  storage = new SqliteStorage(dataDir);
  await importRecords(storage, [
    { collection: 'registers', records: demo.registers },
    { collection: 'cases', records: [CASE, OTHER_CASE, SECRET_CASE] },
    { collection: 'documents', records: [ORIGINAL, SECRET_ORIGINAL] },
    { collection: 'files', records: [FILE, OTHER_FILE] },
  ]);
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function check(actor: Actor, prev: Document | null, next: Document, parentCase: Case | null = CASE): Promise<RedactionDraft[]> {
  return storage.transaction((tx) => checkMaskedCopyFields(tx, actor, prev, next, parentCase, NOW_ISO));
}

const copyOf = (original: Document, o: Partial<Document> = {}) =>
  sampleDocument({ id: 'doc-copy', caseId: original.caseId, maskedCopyOf: original.id, title: `Maskad kopia av ${original.title}`, ...o });
const draft = (o: Partial<RedactionDraft> = {}): RedactionDraft => ({
  fileId: FILE.id,
  boxes: [{ page: 1, x: 72, y: 100, w: 120, h: 14, ground: GROUND }],
  terms: [],
  updatedBy: '',
  updatedAt: '',
  ...o,
});

describe('maskedCopyOf', () => {
  it('is accepted on a new document in the same case whose original the actor may read in full', async () => {
    expect(await check(registrar, null, copyOf(ORIGINAL))).toEqual([]);
  });

  it('is refused for an original in another case, an unknown original, or itself', async () => {
    expect(await refused(check(registrar, null, copyOf(ORIGINAL, { caseId: OTHER_CASE.id }), OTHER_CASE))).toEqual([
      'unknown_reference',
      ['maskedCopyOf'],
    ]);
    expect(await refused(check(registrar, null, copyOf(ORIGINAL, { maskedCopyOf: 'nope' })))).toEqual([
      'unknown_reference',
      ['maskedCopyOf'],
    ]);
    expect(await refused(check(registrar, null, copyOf(ORIGINAL, { maskedCopyOf: 'doc-copy' })))).toEqual([
      'unknown_reference',
      ['maskedCopyOf'],
    ]);
  });

  it('needs access to all of a restricted original (named access and a fresh second factor)', async () => {
    expect(await refused(check(registrar, null, copyOf(SECRET_ORIGINAL), SECRET_CASE))).toEqual(['restricted', ['maskedCopyOf']]);
    expect(await refused(check(officer, null, copyOf(SECRET_ORIGINAL), SECRET_CASE))).toEqual(['restricted', ['maskedCopyOf']]);
    expect(await check({ ...officer, secondFactorFresh: true }, null, copyOf(SECRET_ORIGINAL), SECRET_CASE)).toEqual([]);
  });

  it('never changes after registration, not even set later', async () => {
    const plain = sampleDocument({ id: 'doc-copy', caseId: CASE.id });
    expect(await refused(check(registrar, plain, { ...plain, maskedCopyOf: ORIGINAL.id }))).toEqual(['forbidden', ['maskedCopyOf']]);
    const copy = copyOf(ORIGINAL);
    expect(await refused(check(registrar, copy, { ...copy, maskedCopyOf: '' }))).toEqual(['forbidden', ['maskedCopyOf']]);
  });
});

describe('redactionDrafts', () => {
  it('a changed draft is stamped by the server; an unchanged one keeps its stamps', async () => {
    const r = await check(registrar, ORIGINAL, { ...ORIGINAL, redactionDrafts: [draft()] });
    expect(r).toEqual([draft({ updatedBy: registrar.id, updatedAt: NOW_ISO })]);
    const prev = { ...ORIGINAL, redactionDrafts: [draft({ updatedBy: officer.id, updatedAt: 'T0' })] };
    const same = await check(registrar, prev, { ...prev, redactionDrafts: [draft({ updatedBy: '', updatedAt: 'forged' })] });
    expect(same).toEqual([draft({ updatedBy: officer.id, updatedAt: 'T0' })]);
  });

  it('refuses a draft for a file of another document, two drafts for one file, and a forged author', async () => {
    expect(await refused(check(registrar, ORIGINAL, { ...ORIGINAL, redactionDrafts: [draft({ fileId: OTHER_FILE.id })] }))).toEqual([
      'unknown_reference',
      ['redactionDrafts'],
    ]);
    expect(await refused(check(registrar, ORIGINAL, { ...ORIGINAL, redactionDrafts: [draft(), draft()] }))).toEqual([
      'invalid_schema',
      ['redactionDrafts'],
    ]);
    expect(await refused(check(registrar, ORIGINAL, { ...ORIGINAL, redactionDrafts: [draft({ updatedBy: officer.id })] }))).toEqual([
      'forbidden',
      ['redactionDrafts'],
    ]);
  });

  it('needs the right to edit the document, also to remove a draft', async () => {
    expect(await refused(check(reader, ORIGINAL, { ...ORIGINAL, redactionDrafts: [draft()] }))).toEqual(['forbidden', ['redactionDrafts']]);
    const prev = { ...ORIGINAL, redactionDrafts: [draft({ updatedBy: officer.id, updatedAt: 'T0' })] };
    expect(await refused(check(reader, prev, { ...prev, redactionDrafts: [] }))).toEqual(['forbidden', ['redactionDrafts']]);
    expect(await check(officer, prev, { ...prev, redactionDrafts: [] })).toEqual([]);
  });
});
