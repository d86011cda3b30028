import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuditEntry,
  COLLECTION_NAMES,
  newestKey,
  parseNumber,
  type Case,
  type CollectionName,
  type Document,
  type Party,
  type PushRow,
  type RejectionCode,
  type User,
  unrestricted,
  NO_CORRECTION,
} from '../../../shared/src';
import { buildDemoData, demoUserNamed } from '../demo/demo-data';
import { importRecords } from '../demo/seed';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { ClassificationCache } from './classification-cache';
import { ContextLoader } from './access-context';
import { PushService, type PushOutcome } from './push.service';

// The demo register (small) in a real SQLite file; the clock is a parameter.
const NOW = Date.UTC(2026, 10, 26, 9, 0); // 2026-11-26 10:00 in Sweden
const TODAY = '2026-11-26';
const demo = buildDemoData({ seed: 1, nowMs: NOW, caseCount: 5 });

/** An open process with document types, a process limited to the HR group, and its types. */
const OPEN = '1.1.3.2';
const LIMITED = '2.3.6.1';
const MOTION = 'dt-ks-motion';
const BESLUT = 'dt-ks-beslut';

const demoUser = (username: string) => demoUserNamed(demo, username);
const registrar = demoUser('registrator'); // registrar, KS, groups kansli + HR
const registrar2 = demoUser('registrator2'); // registrar, KS, kansli only
const officer = demoUser('handlaggare'); // case officer, KS, HR
const qa = demoUser('kvalitet'); // quality assurer, KS
const reader = demoUser('lasare'); // reader, KS
const snRegistrar = demoUser('sn.registrator'); // registrar, SN only

/** Next number of a series after the imported ones (importRecords raises the counters). */
function nextSerial(numbers: string[], prefix: string, year: number): number {
  const serials = numbers
    .map((n) => parseNumber(n))
    .filter((p) => p && p.prefix === prefix && p.year === year && p.documentSerial === null);
  return Math.max(0, ...serials.map((p) => p!.serial)) + 1;
}
const NEXT_CASE = nextSerial(
  demo.cases.map((c) => c.caseNumber),
  'KS',
  2026,
);
const NEXT_FREE = nextSerial(
  demo.documents.map((d) => d.documentNumber),
  'KSH',
  2026,
);

let dataDir: string;
let storage: SqliteStorage;
let service: PushService;
let clock: number;
let ids: number;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-push-'));
  storage = new SqliteStorage(dataDir);
  await importRecords(storage, [
    { collection: 'registers', records: demo.registers },
    { collection: 'classes', records: demo.classes },
    { collection: 'doctypes', records: demo.doctypes },
    { collection: 'groups', records: demo.groups },
    { collection: 'users', records: demo.users.map((u) => u.user) },
    { collection: 'parties', records: demo.parties },
    { collection: 'cases', records: demo.cases },
    { collection: 'documents', records: demo.documents },
  ]);
  clock = NOW;
  ids = 0;
  let auditIds = 0;
  service = new PushService(
    storage,
    new ClassificationCache(storage),
    new ContextLoader(storage),
    () => clock,
    () => `audit-test-${++auditIds}`,
  );
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A new case as a client builds it: placeholders in the server-owned fields. */
function newCase(user: User, o: Partial<Case> = {}): Case {
  return {
    id: `case-new-${++ids}`,
    registerId: 'reg-ks',
    syncVersion: 0,
    updatedAt: '',
    caseNumber: '',
    year: 2026,
    serial: 0,
    title: 'Motion om fler cykelbanor',
    classCode: OPEN,
    status: 'registered_unchecked',
    responsibleUserId: user.id,
    unit: 'Kansliet',
    partyIds: [],
    description: '',
    registeredDate: '',
    closedDate: '',
    createdBy: user.id,
    createdAt: new Date(clock).toISOString(),
    newestKey: newestKey(clock),
    nextDocumentSerial: 1,
    ...NO_CORRECTION,
    ...unrestricted(),
    ...o,
  };
}

/** A new incoming document as a client builds it. */
function newDocument(user: User, o: Partial<Document> = {}): Document {
  return {
    id: `doc-new-${++ids}`,
    registerId: 'reg-ks',
    syncVersion: 0,
    updatedAt: '',
    caseId: '',
    documentNumber: '',
    serial: 0,
    direction: 'incoming',
    status: 'registered_unchecked',
    title: 'Motion om cykelbanor',
    documentTypeId: MOTION,
    classCode: OPEN,
    receivedDate: '2026-11-25',
    dispatchedDate: '',
    createdDate: '',
    sender: 'Lena Frisk (L)',
    recipient: '',
    senderPartyId: '',
    recipientPartyId: '',
    responsibleUserId: user.id,
    description: '',
    registeredDate: '',
    createdBy: user.id,
    createdAt: new Date(clock).toISOString(),
    newestKey: newestKey(clock),
    listKey: '',
    qualityAssuredBy: '',
    messageId: '',
    mailReferences: [],
    ...NO_CORRECTION,
    ...unrestricted(),
    fileRestrictions: [],
    inheritedRestriction: 'none',
    maskedCopyOf: '',
    redactionDrafts: [],
    ...o,
  };
}

type Doc = Record<string, unknown>;

function push(user: User, collection: CollectionName, newDocumentState: Doc, assumedMasterState: Doc | null = null): Promise<PushOutcome> {
  return service.push(user, collection, [{ assumedMasterState, newDocumentState: { ...newDocumentState, _deleted: false } }]);
}

/** The stored state of a record, as a client that is up to date holds it. */
async function current<T = Doc>(collection: CollectionName, id: string): Promise<T> {
  const rec = await storage.getRecord(collection, id);
  if (!rec) throw new Error(`no ${collection} ${id}`);
  return rec.data as T;
}

/** Pushes an edit of a stored record with the right assumed state. */
async function edit(user: User, collection: CollectionName, id: string, change: Doc): Promise<PushOutcome> {
  const state = await current(collection, id);
  return push(user, collection, { ...state, ...change }, state);
}

/** Accepts a push or fails with what was rejected. */
function accepted(outcome: PushOutcome): PushOutcome {
  expect(outcome.rejected).toEqual([]);
  expect(outcome.conflicts).toEqual([]);
  return outcome;
}

/** Creates a case through the service and returns it as stored. */
async function createCase(user: User, o: Partial<Case> = {}): Promise<Case> {
  const c = newCase(user, o);
  accepted(await push(user, 'cases', c));
  return current<Case>('cases', c.id);
}

/** Record counts per collection and the highest sequence number: any write changes it. */
async function snapshot() {
  const counts: Record<string, number> = {};
  let seq = 0;
  for (const c of COLLECTION_NAMES) {
    counts[c] = await storage.countRecords(c);
    seq = Math.max(seq, await storage.maxSeq(c));
  }
  return { counts, seq };
}

/** Runs a push that must be refused with `code` and `fields`, and checks nothing was written. */
async function expectRejected(run: () => Promise<PushOutcome>, code: RejectionCode, fields: string[] = []): Promise<PushOutcome> {
  const before = await snapshot();
  const outcome = await run();
  expect(outcome.rejected).toHaveLength(1);
  expect({ code: outcome.rejected[0]!.code, fields: [...outcome.rejected[0]!.fields].sort() }).toEqual({
    code,
    fields: [...fields].sort(),
  });
  expect(outcome.rejected[0]!.detail).not.toBe('');
  expect(outcome.written).toEqual([]);
  expect(await snapshot()).toEqual(before);
  return outcome;
}

async function auditFor(recordId: string): Promise<AuditEntry[]> {
  const page = await storage.pullPage('audit', 0, 10_000, null);
  return page.map((r) => AuditEntry.parse(r.data)).filter((a) => a.recordId === recordId);
}

const snCase = demo.cases.find((c) => c.registerId === 'reg-sn')!;

describe('PushService refuses', () => {
  it('invalid_schema: values outside the schema, and a row without an id', async () => {
    const bad = await expectRejected(
      () => push(registrar, 'cases', newCase(registrar, { title: 'x'.repeat(501), status: 'bogus' as Case['status'] })),
      'invalid_schema',
      ['title', 'status'],
    );
    expect(bad.rejected[0]!.id).toMatch(/^case-new-/);
    const noId = await expectRejected(() => push(registrar, 'cases', { ...newCase(registrar), id: undefined }), 'invalid_schema', ['id']);
    expect(noId.rejected[0]!.id).toBe('');
    await expectRejected(
      () => push(registrar, 'documents', newDocument(registrar, { direction: 'sideways' as Document['direction'] })),
      'invalid_schema',
      ['direction'],
    );
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { id: '../etc' })), 'invalid_schema', ['id']);
  });

  it('forbidden: missing rights, deletion, forged authorship, QA without the role, moves', async () => {
    // A reader may not register.
    await expectRejected(() => push(reader, 'cases', newCase(reader)), 'forbidden');
    await expectRejected(() => push(reader, 'parties', { ...demo.parties[0]!, name: 'Nytt namn' }, demo.parties[0]), 'forbidden');
    // A case officer may register only cases they are responsible for.
    await expectRejected(() => push(officer, 'cases', newCase(officer, { responsibleUserId: registrar.id })), 'forbidden');
    // Records are annulled, never deleted.
    const existing = await createCase(registrar);
    await expectRejected(
      () => service.push(registrar, 'cases', [{ assumedMasterState: existing, newDocumentState: { ...existing, _deleted: true } }]),
      'forbidden',
    );
    // createdBy must be the signed-in user on a new record, and stays on an old one.
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { createdBy: qa.id })), 'forbidden', ['createdBy']);
    await expectRejected(() => edit(registrar, 'cases', existing.id, { createdBy: qa.id }), 'forbidden', ['createdBy']);
    // Quality assurance needs the quality assurer role.
    await expectRejected(() => edit(registrar, 'cases', existing.id, { status: 'registered' }), 'forbidden', ['status']);
    // A case officer may not edit someone else's case.
    await expectRejected(() => edit(officer, 'cases', existing.id, { title: 'Ändrad' }), 'forbidden');
    // A document may not move to another case or change its direction.
    const doc = newDocument(registrar, { caseId: existing.id });
    accepted(await push(registrar, 'documents', doc));
    const other = await createCase(registrar);
    await expectRejected(() => edit(registrar, 'documents', doc.id, { caseId: other.id }), 'forbidden', ['caseId']);
    // The direction is capture data (push.service.ts, before the collection's module).
    await expectRejected(
      () => edit(registrar, 'documents', doc.id, { direction: 'outgoing', dispatchedDate: TODAY, recipient: 'X' }),
      'capture_locked',
      ['direction'],
    );
  });

  it('not_member: a register the user is not a member of', async () => {
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { registerId: 'reg-sn' })), 'not_member', ['registerId']);
    await expectRejected(() => push(registrar, 'parties', { ...demo.parties[0]!, id: 'pty-new', registerId: 'reg-sn' }), 'not_member', [
      'registerId',
    ]);
    await expectRejected(() => push(snRegistrar, 'documents', newDocument(snRegistrar)), 'not_member', ['registerId']);
  });

  it('access first: a row naming a register the user is not a member of is refused before its schema is read', async () => {
    for (const collection of ['cases', 'documents', 'parties', 'flows', 'requests'] as const) {
      await expectRejected(() => push(registrar, collection, { id: `bad-${collection}`, registerId: 'reg-sn', title: 42 }), 'not_member', [
        'registerId',
      ]);
    }
  });

  it('process_not_allowed: a process limited to a group, a non-selectable node, a change of process', async () => {
    // registrator2 is not in the HR group that 2.3.6.1 is limited to.
    await expectRejected(() => push(registrar2, 'cases', newCase(registrar2, { classCode: LIMITED })), 'process_not_allowed', [
      'classCode',
    ]);
    await expectRejected(
      () => push(registrar2, 'documents', newDocument(registrar2, { classCode: LIMITED, documentTypeId: BESLUT })),
      'process_not_allowed',
      ['classCode'],
    );
    // 1.1.3 has sub-processes and takes no cases itself.
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { classCode: '1.1.3' })), 'process_not_allowed', ['classCode']);
    const existing = await createCase(registrar2);
    await expectRejected(() => edit(registrar2, 'cases', existing.id, { classCode: LIMITED }), 'process_not_allowed', ['classCode']);
    // The HR group's members may (the control case).
    accepted(await push(registrar, 'cases', newCase(registrar, { classCode: LIMITED })));
  });

  it('invalid_status_transition: new records in a later status, jumps and back-steps', async () => {
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { status: 'closed' })), 'invalid_status_transition', ['status']);
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { status: 'registered' })), 'invalid_status_transition', [
      'status',
    ]);
    await expectRejected(
      () => push(registrar, 'documents', newDocument(registrar, { status: 'registered' })),
      'invalid_status_transition',
      ['status'],
    );
    await expectRejected(() => push(registrar, 'documents', newDocument(registrar, { status: 'draft' })), 'invalid_status_transition', [
      'status',
    ]);
    const existing = await createCase(registrar);
    await expectRejected(() => edit(registrar, 'cases', existing.id, { status: 'archived' }), 'invalid_status_transition', ['status']);
    // Annulment is an activity with its own rules (corrections.ts): never from a closed case.
    accepted(await edit(qa, 'cases', existing.id, { status: 'registered' }));
    accepted(await edit(registrar, 'cases', existing.id, { status: 'closed' }));
    await expectRejected(
      () => edit(registrar, 'cases', existing.id, { status: 'annulled', changeReason: 'Fel' }),
      'invalid_status_transition',
      ['status'],
    );
    accepted(await edit(registrar, 'cases', existing.id, { status: 'registered' }));
    accepted(await edit(qa, 'cases', existing.id, { status: 'registered' }));
    await expectRejected(() => edit(qa, 'cases', existing.id, { status: 'registered_unchecked' }), 'invalid_status_transition', ['status']);
  });

  it('missing_mandatory_fields: per record and direction', async () => {
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { title: '   ' })), 'missing_mandatory_fields', ['title']);
    await expectRejected(
      () => push(registrar, 'documents', newDocument(registrar, { receivedDate: '', sender: ' ' })),
      'missing_mandatory_fields',
      ['receivedDate', 'sender'],
    );
    await expectRejected(
      () =>
        push(
          registrar,
          'documents',
          newDocument(registrar, { direction: 'outgoing', receivedDate: '', sender: '', dispatchedDate: '', recipient: '' }),
        ),
      'missing_mandatory_fields',
      ['dispatchedDate', 'recipient'],
    );
    await expectRejected(
      () => push(registrar, 'documents', newDocument(registrar, { direction: 'created', receivedDate: '', sender: '' })),
      'missing_mandatory_fields',
      ['createdDate'],
    );
  });

  it('unknown_reference: process, document type, type outside the process, case, responsible user', async () => {
    const aCase = await createCase(registrar);
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { classCode: '9.9.9' })), 'unknown_reference', ['classCode']);
    await expectRejected(() => push(registrar, 'documents', newDocument(registrar, { classCode: '9.9.9' })), 'unknown_reference', [
      'classCode',
    ]);
    await expectRejected(
      () => push(registrar, 'documents', newDocument(registrar, { documentTypeId: 'dt-ks-nonexistent' })),
      'unknown_reference',
      ['documentTypeId'],
    );
    // Another register's document type does not exist here.
    await expectRejected(
      () => push(registrar, 'documents', newDocument(registrar, { documentTypeId: 'dt-sn-motion' })),
      'unknown_reference',
      ['documentTypeId'],
    );
    // Medborgarförslag is used in 1.1.3.3 only.
    await expectRejected(
      () => push(registrar, 'documents', newDocument(registrar, { documentTypeId: 'dt-ks-medborgarforslag' })),
      'unknown_reference',
      ['documentTypeId'],
    );
    await expectRejected(
      () => push(registrar, 'documents', newDocument(registrar, { caseId: 'case-does-not-exist' })),
      'unknown_reference',
      ['caseId'],
    );
    // Another register's case answers the same as a missing one.
    await expectRejected(() => push(registrar, 'documents', newDocument(registrar, { caseId: snCase.id })), 'unknown_reference', [
      'caseId',
    ]);
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { responsibleUserId: 'usr-nobody' })), 'unknown_reference', [
      'responsibleUserId',
    ]);
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { responsibleUserId: snRegistrar.id })), 'unknown_reference', [
      'responsibleUserId',
    ]);
    await expectRejected(
      () => push(registrar, 'documents', newDocument(registrar, { caseId: aCase.id, responsibleUserId: 'usr-nobody' })),
      'unknown_reference',
      ['responsibleUserId'],
    );
  });

  it('read_only_collection: every collection the server alone writes', async () => {
    const me = await current('users', registrar.id);
    await expectRejected(() => push(registrar, 'users', { ...me, roles: ['administrator'] }, me), 'read_only_collection');
    for (const collection of ['registers', 'classes', 'doctypes', 'groups', 'audit', 'files'] as const) {
      await expectRejected(() => push(registrar, collection, { id: `x-${collection}`, registerId: 'reg-ks' }), 'read_only_collection');
    }
  });

  it('final_status: editing an annulled case, or adding a document to it', async () => {
    const c = await createCase(registrar);
    // Annulment is an activity of its own (not a push): write it directly.
    await storage.transaction((tx) => tx.putRecord('cases', { ...c, status: 'annulled' }));
    const annulled = await current<Case>('cases', c.id);
    await expectRejected(() => push(registrar, 'cases', { ...annulled, title: 'Ändrad' }, annulled), 'final_status');
    await expectRejected(() => push(registrar, 'cases', { ...annulled, status: 'registered' }, annulled), 'final_status');
    await expectRejected(() => push(registrar, 'documents', newDocument(registrar, { caseId: c.id })), 'final_status', ['caseId']);
    // A refused edit comes back with the server's state, for the client to revert to.
    const outcome = await push(registrar, 'cases', { ...annulled, title: 'Ändrad' }, annulled);
    expect(outcome.conflicts).toEqual([{ ...annulled, _deleted: false }]);
  });

  it('server_owned_field: forged numbers on new and existing records', async () => {
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { caseNumber: 'KS 2026-99999' })), 'server_owned_field', [
      'caseNumber',
    ]);
    await expectRejected(() => push(registrar, 'cases', newCase(registrar, { serial: 7 })), 'server_owned_field', ['serial']);
    await expectRejected(
      () => push(registrar, 'documents', newDocument(registrar, { documentNumber: 'KSH 2026-00001' })),
      'server_owned_field',
      ['documentNumber'],
    );
    const c = await createCase(registrar);
    await expectRejected(() => edit(registrar, 'cases', c.id, { caseNumber: 'KS 2020-00001' }), 'server_owned_field', ['caseNumber']);
    const doc = newDocument(registrar);
    accepted(await push(registrar, 'documents', doc));
    await expectRejected(() => edit(registrar, 'documents', doc.id, { documentNumber: 'KSH 2026-00001' }), 'server_owned_field', [
      'documentNumber',
    ]);
    await expectRejected(() => edit(registrar, 'documents', doc.id, { serial: 1 }), 'server_owned_field', ['serial']);
  });

  it("not_found: another register's record, and an update of a record that does not exist", async () => {
    const sn = await current<Case>('cases', snCase.id);
    const outcome = await expectRejected(() => push(registrar, 'cases', { ...sn, title: 'Ändrad' }, sn), 'not_found');
    // Nothing of the hidden record is sent back.
    expect(outcome.conflicts).toEqual([]);
    // A "new" record reusing a hidden record's id does not overwrite it either: checked as a new
    // record, refused only where it would be written.
    const reuse = await expectRejected(() => push(registrar, 'cases', newCase(registrar, { id: snCase.id })), 'forbidden', ['id']);
    expect(reuse.conflicts).toEqual([]);
    expect((await current<Case>('cases', snCase.id)).title).toBe(snCase.title);
    const ghost = newCase(registrar);
    await expectRejected(() => push(registrar, 'cases', ghost, { ...ghost, syncVersion: 1 }), 'not_found');
  });

  it('stored_record_invalid: a stored record out of shape (a missing record migration) is refused, not an internal error', async () => {
    const doc = demo.documents.find((d) => d.registerId === 'reg-ks' && d.caseId === '' && d.status === 'registered')!;
    // As stored before maskedCopyOf and redactionDrafts existed, with no migration step to add them.
    const { maskedCopyOf: _m, redactionDrafts: _r, ...old } = doc;
    await storage.transaction(async (tx) => {
      await tx.putRecord('documents', old);
    });
    const stored = await current('documents', doc.id);
    const outcome = await expectRejected(
      () => push(registrar, 'documents', { ...stored, maskedCopyOf: '', redactionDrafts: [], title: 'Ny titel' }, stored),
      'stored_record_invalid',
    );
    expect(outcome.rejected[0]!.detail).toContain(`stored documents ${doc.id} does not match the current schema`);
  });

  it('number_series_full: the 100 000th case of a year', async () => {
    await storage.transaction((tx) => tx.raiseCounter('reg-ks', 'case', 2026, 99_999));
    await expectRejected(() => push(registrar, 'cases', newCase(registrar)), 'number_series_full');
  });
});

describe('PushService accepts', () => {
  it('a new case: numbered by the server, server-owned values replaced, audited', async () => {
    const proposed = newCase(registrar, {
      registeredDate: '1999-01-01',
      createdAt: '1999-01-01T00:00:00.000Z',
      year: 1999,
      newestKey: '0',
      closedDate: '2020-01-01',
      nextDocumentSerial: 40,
    });
    const outcome = accepted(await push(registrar, 'cases', proposed));
    const stored = await current<Case>('cases', proposed.id);
    const number = `KS 2026-${String(NEXT_CASE).padStart(5, '0')}`;
    expect(stored).toMatchObject({
      caseNumber: number,
      year: 2026,
      serial: NEXT_CASE,
      registeredDate: TODAY,
      closedDate: '',
      createdBy: registrar.id,
      createdAt: new Date(NOW).toISOString(),
      updatedAt: new Date(NOW).toISOString(),
      newestKey: newestKey(NOW),
      nextDocumentSerial: 1,
      ...NO_CORRECTION,
      syncVersion: 1,
      status: 'registered_unchecked',
    });
    expect(outcome.written.map((w) => w.collection)).toEqual(['cases', 'audit']);
    const [entry] = await auditFor(proposed.id);
    expect(entry).toMatchObject({
      action: 'create',
      actorId: registrar.id,
      actorName: registrar.displayName,
      recordCollection: 'cases',
      caseId: proposed.id,
      label: number,
      position: 1,
    });
    const second = await createCase(registrar);
    expect(second.serial).toBe(NEXT_CASE + 1);
  });

  it('a document in a case takes the case serial, and the case is written with the next one', async () => {
    const c = await createCase(registrar);
    const before = await storage.getRecord('cases', c.id);
    const doc = newDocument(registrar, { caseId: c.id });
    const outcome = accepted(await push(registrar, 'documents', doc));
    expect(outcome.written.map((w) => `${w.collection}:${w.id}`)).toEqual([
      `cases:${c.id}`,
      `documents:${doc.id}`,
      `audit:${outcome.written[2]!.id}`,
    ]);
    const storedDoc = await current<Document>('documents', doc.id);
    expect(storedDoc).toMatchObject({
      documentNumber: `${c.caseNumber}-1`,
      serial: 1,
      registeredDate: TODAY,
      qualityAssuredBy: '',
      ...NO_CORRECTION,
      createdBy: registrar.id,
    });
    const after = await storage.getRecord('cases', c.id);
    expect(after!.version).toBe(before!.version + 1);
    expect(after!.data.nextDocumentSerial).toBe(2);
    // Two more in one batch are numbered in order.
    const d2 = newDocument(registrar, { caseId: c.id });
    const d3 = newDocument(registrar, { caseId: c.id, direction: 'created', receivedDate: '', sender: '', createdDate: TODAY });
    const batch = await service.push(registrar, 'documents', [{ newDocumentState: d2 }, { newDocumentState: d3 }]);
    expect(batch.rejected).toEqual([]);
    expect((await current<Document>('documents', d2.id)).documentNumber).toBe(`${c.caseNumber}-2`);
    expect((await current<Document>('documents', d3.id)).documentNumber).toBe(`${c.caseNumber}-3`);
    expect((await current<Case>('cases', c.id)).nextDocumentSerial).toBe(4);
    // The imported cases continue from their own serial.
    const imported = demo.cases.find((x) => x.id === 'case-ks-2026-00001')!;
    const late = newDocument(registrar, { caseId: imported.id, classCode: imported.classCode, documentTypeId: BESLUT });
    accepted(await push(registrar, 'documents', late));
    expect((await current<Document>('documents', late.id)).documentNumber).toBe(`${imported.caseNumber}-${imported.nextDocumentSerial}`);
  });

  it('a free-standing document takes the next number of the free series', async () => {
    const doc = newDocument(registrar);
    const outcome = accepted(await push(registrar, 'documents', doc));
    expect(outcome.written.map((w) => w.collection)).toEqual(['documents', 'audit']);
    expect((await current<Document>('documents', doc.id)).documentNumber).toBe(`KSH 2026-${String(NEXT_FREE).padStart(5, '0')}`);
    const next = newDocument(registrar);
    accepted(await push(registrar, 'documents', next));
    expect((await current<Document>('documents', next.id)).serial).toBe(NEXT_FREE + 1);
  });

  it('a draft gets no registration date until it moves to registered_unchecked', async () => {
    const draft = newDocument(officer, {
      direction: 'created',
      status: 'draft',
      receivedDate: '',
      sender: '',
      createdDate: '',
      registeredDate: '2026-01-01',
    });
    accepted(await push(officer, 'documents', draft));
    const stored = await current<Document>('documents', draft.id);
    expect(stored.status).toBe('draft');
    expect(stored.registeredDate).toBe('');
    expect(stored.documentNumber).toBe(`KSH 2026-${String(NEXT_FREE).padStart(5, '0')}`);
    // Editing the draft keeps it unregistered: a proposed registration date is refused (capture data).
    await expectRejected(() => edit(officer, 'documents', draft.id, { registeredDate: TODAY }), 'capture_locked', ['registeredDate']);
    accepted(await edit(officer, 'documents', draft.id, { title: 'Utkast till yttrande' }));
    expect((await current<Document>('documents', draft.id)).registeredDate).toBe('');
    // Registering it needs the mandatory date and sets the registration date to "now".
    await expectRejected(() => edit(officer, 'documents', draft.id, { status: 'registered_unchecked' }), 'missing_mandatory_fields', [
      'createdDate',
    ]);
    clock = Date.UTC(2026, 10, 30, 12);
    accepted(await edit(officer, 'documents', draft.id, { status: 'registered_unchecked', createdDate: '2026-11-27' }));
    expect(await current<Document>('documents', draft.id)).toMatchObject({ status: 'registered_unchecked', registeredDate: '2026-11-30' });
    expect((await auditFor(draft.id)).map((a) => a.action)).toEqual(['create', 'update', 'status_change']);
  });

  it('quality assurance by a quality assurer records who did it', async () => {
    const doc = newDocument(registrar, { qualityAssuredBy: registrar.id });
    accepted(await push(registrar, 'documents', doc));
    expect((await current<Document>('documents', doc.id)).qualityAssuredBy).toBe('');
    await expectRejected(() => edit(registrar, 'documents', doc.id, { status: 'registered' }), 'forbidden', ['status']);
    // A forged qualityAssuredBy on an ordinary edit is ignored.
    accepted(await edit(registrar, 'documents', doc.id, { title: 'Ny rubrik', qualityAssuredBy: qa.id }));
    expect((await current<Document>('documents', doc.id)).qualityAssuredBy).toBe('');
    accepted(await edit(qa, 'documents', doc.id, { status: 'registered', qualityAssuredBy: registrar.id }));
    const stored = await current<Document>('documents', doc.id);
    expect(stored).toMatchObject({ status: 'registered', qualityAssuredBy: qa.id });
    const entries = await auditFor(doc.id);
    expect(entries.at(-1)).toMatchObject({ action: 'status_change', actorId: qa.id });
    expect(entries.at(-1)!.changes).toEqual(
      expect.arrayContaining([
        { field: 'qualityAssuredBy', from: '', to: qa.id },
        { field: 'status', from: 'registered_unchecked', to: 'registered' },
      ]),
    );
  });

  it('closing a case sets the closing date; reopening clears it', async () => {
    const c = await createCase(registrar);
    accepted(await edit(qa, 'cases', c.id, { status: 'registered' }));
    clock = Date.UTC(2026, 11, 3, 8);
    accepted(await edit(registrar, 'cases', c.id, { status: 'closed' }));
    expect(await current<Case>('cases', c.id)).toMatchObject({ status: 'closed', closedDate: '2026-12-03' });
    // A proposed closing date is not taken while the status stays (a correction: with a reason).
    accepted(
      await edit(registrar, 'cases', c.id, { description: 'Avslutat.', closedDate: '2020-01-01', changeReason: 'Beskrivning saknades' }),
    );
    expect((await current<Case>('cases', c.id)).closedDate).toBe('2026-12-03');
    accepted(await edit(registrar, 'cases', c.id, { status: 'registered', closedDate: '2026-12-03' }));
    expect(await current<Case>('cases', c.id)).toMatchObject({ status: 'registered', closedDate: '' });
    expect((await auditFor(c.id)).map((a) => a.action)).toEqual(['create', 'status_change', 'status_change', 'update', 'status_change']);
  });

  it('a batch stores its good rows and refuses only the bad ones', async () => {
    const good = newCase(registrar);
    const bad = newCase(registrar, { classCode: '9.9.9' });
    const before = await snapshot();
    const rows: PushRow[] = [{ newDocumentState: good }, { newDocumentState: bad }];
    const outcome = await service.push(registrar, 'cases', rows);
    expect(outcome.rejected).toMatchObject([{ id: bad.id, code: 'unknown_reference', fields: ['classCode'] }]);
    expect(outcome.written.map((w) => `${w.collection}:${w.id}`)).toEqual([`cases:${good.id}`, expect.stringMatching(/^audit:/)]);
    expect(await storage.getRecord('cases', good.id)).not.toBeNull();
    expect(await storage.getRecord('cases', bad.id)).toBeNull();
    const after = await snapshot();
    expect(after.counts).toEqual({ ...before.counts, cases: before.counts.cases! + 1, audit: before.counts.audit! + 1 });
  });

  it('a stale assumed state returns the server state as a conflict and writes nothing', async () => {
    const c = await createCase(registrar);
    accepted(await edit(registrar, 'cases', c.id, { title: 'Andra versionen' }));
    const server = await current<Case>('cases', c.id);
    const before = await snapshot();
    const outcome = await push(registrar, 'cases', { ...c, title: 'Från en gammal kopia' }, c);
    expect(outcome.rejected).toEqual([]);
    expect(outcome.written).toEqual([]);
    expect(outcome.conflicts).toEqual([{ ...server, _deleted: false }]);
    // A "new" row for an id that exists is stale too.
    const again = await push(registrar, 'cases', { ...c, title: 'Dubblett' });
    expect(again.conflicts).toEqual([{ ...server, _deleted: false }]);
    expect(await snapshot()).toEqual(before);
  });

  it('parties: registered and edited by those with the right, audited', async () => {
    const party: Party = { ...demo.parties[0]!, id: 'pty-new', name: 'Ny Förening', syncVersion: 0 };
    const outcome = accepted(await push(registrar, 'parties', party));
    expect(outcome.written.map((w) => w.collection)).toEqual(['parties', 'audit']);
    const stored = await current<Party>('parties', 'pty-new');
    expect(stored).toMatchObject({ name: 'Ny Förening', syncVersion: 1, updatedAt: new Date(NOW).toISOString() });
    expect(stored).not.toHaveProperty('createdBy');
    accepted(await edit(officer, 'parties', 'pty-new', { city: 'Norrby' }));
    expect((await auditFor('pty-new')).map((a) => [a.action, a.label])).toEqual([
      ['create', 'Ny Förening'],
      ['update', 'Ny Förening'],
    ]);
  });
});

describe('PushService and restrictions', () => {
  const GROUND = 'OSL 26 kap. 1 §';
  const withFactor = (u: User) => ({ ...u, secondFactorFresh: true });

  /** A case of the officer's, restricted, with named access as given. */
  async function restrictedCase(o: Partial<Case> = {}): Promise<Case> {
    const c = await createCase(registrar, { responsibleUserId: officer.id });
    accepted(await edit(registrar, 'cases', c.id, { restrictionKind: 'secrecy', legalGround: GROUND }));
    // Who else has access is the responsible officer's decision.
    if (Object.keys(o).length) {
      const r = await current<Case>('cases', c.id);
      accepted(
        await service.push(withFactor(officer), 'cases', [{ assumedMasterState: r, newDocumentState: { ...r, ...o, _deleted: false } }]),
      );
    }
    return current<Case>('cases', c.id);
  }

  it("anyone who may edit can restrict; the ground must come from the register's list", async () => {
    const c = await createCase(registrar, { responsibleUserId: officer.id });
    await expectRejected(
      () => edit(registrar, 'cases', c.id, { restrictionKind: 'secrecy', legalGround: 'Påhittad lag 1 §' }),
      'invalid_legal_ground',
      ['legalGround'],
    );
    await expectRejected(() => edit(registrar, 'cases', c.id, { restrictionKind: 'secrecy', legalGround: '' }), 'invalid_legal_ground', [
      'legalGround',
    ]);
    await expectRejected(() => edit(registrar, 'cases', c.id, { legalGround: GROUND }), 'invalid_legal_ground', ['legalGround']);
    accepted(await edit(registrar, 'cases', c.id, { restrictionKind: 'secrecy', legalGround: GROUND }));
  });

  it('editing a restricted record needs named access and a fresh second factor', async () => {
    const c = await restrictedCase();
    await expectRejected(() => edit(registrar, 'cases', c.id, { unit: 'Ny enhet' }), 'restricted');
    await expectRejected(() => edit(officer, 'cases', c.id, { unit: 'Ny enhet' }), 'restricted');
    accepted(
      await service.push(withFactor(officer), 'cases', [
        { assumedMasterState: c, newDocumentState: { ...c, unit: 'Ny enhet', _deleted: false } },
      ]),
    );
  });

  it('the refused edit is answered with the projected state, never the content', async () => {
    const c = await restrictedCase();
    const out = await edit(registrar, 'cases', c.id, { title: 'Försök' });
    expect(out.conflicts).toHaveLength(1);
    expect(out.conflicts[0]).toMatchObject({ id: c.id, title: '', restrictionKind: 'secrecy' });
    expect(JSON.stringify(out.conflicts)).not.toContain(c.title);
  });

  it('lifting a restriction needs the responsible officer or a quality assurer', async () => {
    const c = await restrictedCase({ accessUserIds: [registrar.id] });
    await expectRejected(
      () =>
        service.push(withFactor(registrar), 'cases', [
          { assumedMasterState: c, newDocumentState: { ...c, restrictionKind: 'none', legalGround: '', _deleted: false } },
        ]),
      'forbidden',
      ['restrictionKind'],
    );
    accepted(
      await service.push(withFactor(officer), 'cases', [
        { assumedMasterState: c, newDocumentState: { ...c, restrictionKind: 'none', legalGround: '', _deleted: false } },
      ]),
    );
  });

  it('a user with access cannot widen it; the officer can; unknown users and groups are refused', async () => {
    const c = await restrictedCase({ accessUserIds: [registrar.id] });
    const grant = (u: User, change: Doc) =>
      service.push(withFactor(u), 'cases', [{ assumedMasterState: c, newDocumentState: { ...c, ...change, _deleted: false } }]);
    await expectRejected(() => grant(registrar, { accessUserIds: [registrar.id, registrar2.id] }), 'forbidden', [
      'accessUserIds',
      'accessGroupIds',
    ]);
    await expectRejected(() => grant(officer, { accessUserIds: ['usr-nobody'] }), 'unknown_reference', ['accessUserIds']);
    await expectRejected(() => grant(officer, { accessGroupIds: ['grp-nobody'] }), 'unknown_reference', ['accessGroupIds']);
    await expectRejected(() => grant(officer, { accessUserIds: [snRegistrar.id] }), 'unknown_reference', ['accessUserIds']);
    accepted(await grant(officer, { accessUserIds: [registrar.id, registrar2.id] }));
  });

  it('shields name shieldable fields with a listed ground', async () => {
    const c = await createCase(registrar, { responsibleUserId: officer.id });
    await expectRejected(
      () => edit(registrar, 'cases', c.id, { shields: [{ field: 'caseNumber', kind: 'secrecy', legalGround: GROUND }] }),
      'forbidden',
      ['shields'],
    );
    await expectRejected(
      () => edit(registrar, 'cases', c.id, { shields: [{ field: 'title', kind: 'secrecy', legalGround: 'Nej' }] }),
      'invalid_legal_ground',
      ['shields'],
    );
    accepted(await edit(registrar, 'cases', c.id, { shields: [{ field: 'title', kind: 'secrecy', legalGround: GROUND }] }));
    // From now on the registrar sees the title withheld and cannot edit the case without access.
    await expectRejected(() => edit(registrar, 'cases', c.id, { unit: 'X' }), 'restricted');
  });

  it('a forged withheld list is never stored', async () => {
    const c = await createCase(registrar);
    accepted(await edit(registrar, 'cases', c.id, { withheld: ['title'] }));
    expect((await current<Case>('cases', c.id)).withheld).toEqual([]);
  });

  it('restricting a case re-sends its documents and history (new sequence numbers)', async () => {
    const c = await createCase(registrar, { responsibleUserId: officer.id });
    const d = newDocument(registrar, { caseId: c.id });
    accepted(await push(registrar, 'documents', d));
    const before = (await storage.getRecord('documents', d.id))!.seq;
    const out = accepted(await edit(registrar, 'cases', c.id, { restrictionKind: 'secrecy', legalGround: GROUND }));
    const after = await storage.getRecord('documents', d.id);
    expect(after!.seq).toBeGreaterThan(before);
    expect(after!.data).toEqual((await storage.getRecord('documents', d.id))!.data);
    expect(out.written.map((w) => w.collection)).toEqual(expect.arrayContaining(['cases', 'audit', 'documents']));
  });

  it('handing a case with restricted documents to oneself is an access decision', async () => {
    const c = await createCase(registrar, { responsibleUserId: officer.id });
    const d = newDocument(registrar, { caseId: c.id });
    accepted(await push(registrar, 'documents', d));
    accepted(
      await edit(registrar, 'documents', d.id, { fileRestrictions: [{ fileKey: 'fk-secret', kind: 'secrecy', legalGround: GROUND }] }),
    );
    await expectRejected(() => edit(registrar2, 'cases', c.id, { responsibleUserId: registrar2.id }), 'forbidden', ['responsibleUserId']);
    // An open case with open documents is handed over as before.
    const open = await createCase(registrar, { responsibleUserId: officer.id });
    accepted(await edit(registrar2, 'cases', open.id, { responsibleUserId: registrar2.id }));
  });

  it('re-sent dependents keep their version in step, so the next honest edit does not conflict', async () => {
    const c = await createCase(registrar, { responsibleUserId: officer.id });
    const d = newDocument(registrar, { caseId: c.id });
    accepted(await push(registrar, 'documents', d));
    accepted(await edit(registrar, 'cases', c.id, { shields: [{ field: 'description', kind: 'secrecy', legalGround: GROUND }] }));
    const stored = await storage.getRecord('documents', d.id);
    expect((stored!.data as Document).syncVersion).toBe(stored!.version);
    accepted(await edit(registrar, 'documents', d.id, { description: 'Kompletterad' }));
  });
});
