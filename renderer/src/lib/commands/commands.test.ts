// The commands against a real replica database (RxDB, memory storage, sealing on): what each
// writes, and that a refused form writes nothing.
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case, Document } from '../../../../shared/src';
import type { Flow } from '../../../../shared/src/model/flow';
import type { InformationRequest } from '../../../../shared/src/model/request';
import {
  sampleCase,
  sampleClassNode,
  sampleDocument,
  sampleDocumentType,
  sampleFlow,
  sampleRequest,
  sampleUser,
} from '../../../../shared/src/testing/samples';
import { addMarks, EMPTY_MARKS } from '../redaction/session/marks';
import { openDatabase, type DiariumDatabase } from '../replica/database';
import { sealRecord, viewOf } from '../replica/sealing';
import {
  addRequestItems,
  annulRecord,
  approveDocument,
  approveMany,
  correctDocument,
  sendBack,
  decideFlowStep,
  editCase,
  registerCase,
  registerRequest,
  restrictCase,
  restrictDocument,
  saveRedactionDraft,
  startFlow,
  withdrawRequest,
} from '.';

const NOW = Date.UTC(2026, 2, 5, 9, 30);
const registrar = sampleUser({ id: 'u-registrar', roles: ['registrar'] });
const process = sampleClassNode();
const sink = { report: () => undefined, isRejected: () => false };

let db: DiariumDatabase;
let replica: { db: DiariumDatabase };
let n = 0;
beforeEach(async () => {
  db = await openDatabase(`commands${Date.now()}${++n}`, getRxStorageMemory() as never, sink, 'commands-secret-0123456789abcdef');
  replica = { db };
});
afterEach(() => db.remove());

async function stored<T>(collection: 'cases' | 'documents' | 'flows' | 'requests', id: string): Promise<T | null> {
  const doc = await (db[collection] as DiariumDatabase['cases']).findOne(id).exec();
  if (!doc) return null;
  // The record as views see it, without RxDB's bookkeeping.
  const { _attachments, _deleted, _meta, _rev, ...record } = viewOf<Record<string, unknown>>(doc);
  return record as T;
}

describe('cases', () => {
  it('registerCase saves the case the form describes, and a form with errors nothing', async () => {
    const refused = await registerCase(
      replica,
      { registerId: 'reg-ks', title: '', classCode: '', responsibleUserId: '' },
      registrar,
      undefined,
      { nowMs: NOW, id: 'case-bad' },
    );
    expect(refused).toEqual({
      ok: false,
      errors: expect.objectContaining({ title: 'Ärendemening måste fyllas i.', classCode: 'Process måste fyllas i.' }),
    });
    expect(await stored('cases', 'case-bad')).toBeNull();

    const saved = await registerCase(
      replica,
      { registerId: 'reg-ks', title: 'Motion om cykelbanor', classCode: '1.1.3', responsibleUserId: 'u-registrar' },
      registrar,
      process,
      { nowMs: NOW, id: 'case-new' },
    );
    expect(saved.ok).toBe(true);
    expect(await stored<Case>('cases', 'case-new')).toMatchObject({
      title: 'Motion om cykelbanor',
      caseNumber: '',
      status: 'registered_unchecked',
      createdBy: 'u-registrar',
    });
  });

  it("editCase trims and requires the title, and keeps a restricted case's content sealed at rest", async () => {
    const c = sampleCase({ restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
    await db.cases.insert(sealRecord('cases', c) as never);
    const edit = { title: c.title, description: 'Ny beskrivning', responsibleUserId: c.responsibleUserId, unit: c.unit };

    expect(await editCase(replica, c, { ...edit, title: '   ' }, 'Skäl')).toEqual({
      ok: false,
      errors: { title: 'Ärendemening måste fyllas i.' },
    });
    expect((await stored<Case>('cases', c.id))!.description).toBe('');

    // The case is quality assured: a correction needs its reason.
    expect(await editCase(replica, c, { ...edit, title: '  Motion om gångbanor ' })).toEqual({
      ok: false,
      errors: { changeReason: 'Ange skälet till rättelsen.' },
    });
    expect((await editCase(replica, c, { ...edit, title: '  Motion om gångbanor ' }, ' Fel ärendemening ')).ok).toBe(true);
    expect(await stored<Case>('cases', c.id)).toMatchObject({
      title: 'Motion om gångbanor',
      description: 'Ny beskrivning',
      changeReason: 'Fel ärendemening',
    });
    const raw = (await db.cases.findOne(c.id).exec())!._data as Case & { sealed: Record<string, unknown> };
    expect(raw.title).toBe('');
    expect(raw.sealed.title).toBe('Motion om gångbanor');
  });
});

describe('documents', () => {
  it('approveDocument sets the status only (the server records who checked it)', async () => {
    const d = sampleDocument();
    await db.documents.insert(d as never);
    await approveDocument(replica, d.id);
    expect(await stored<Document>('documents', d.id)).toEqual({ ...d, status: 'registered' });
  });
});

describe('corrections (issue 16)', () => {
  const types = [sampleDocumentType({ id: 'dt-synpunkt' })];
  const edit = (d: Document) => ({
    title: d.title,
    description: d.description,
    documentTypeId: d.documentTypeId,
    receivedDate: d.receivedDate,
    dispatchedDate: d.dispatchedDate,
    createdDate: d.createdDate,
    sender: d.sender,
    recipient: d.recipient,
  });

  it('correctDocument asks for a reason once quality assured, checks the entry, and sends the reason with the change', async () => {
    const d = sampleDocument({ status: 'registered' });
    await db.documents.insert(d as never);
    expect(await correctDocument(replica, d, { ...edit(d), sender: 'Anna Andersén' }, ' ', registrar, process, types)).toEqual({
      ok: false,
      errors: { changeReason: 'Ange skälet till rättelsen.' },
    });
    expect(
      await correctDocument(replica, d, { ...edit(d), receivedDate: '2026-13-01' }, 'Fel datum', registrar, process, types),
    ).toMatchObject({
      ok: false,
      errors: { receivedDate: expect.any(String) },
    });
    expect(await stored<Document>('documents', d.id)).toEqual(d);
    const ok = await correctDocument(replica, d, { ...edit(d), sender: ' Anna Andersén ' }, ' Felstavat namn ', registrar, process, types);
    expect(ok.ok).toBe(true);
    expect(await stored<Document>('documents', d.id)).toEqual({ ...d, sender: 'Anna Andersén', changeReason: 'Felstavat namn' });
  });

  it('correctDocument before quality assurance sends no reason (the registrar is still registering)', async () => {
    const d = sampleDocument({ status: 'registered_unchecked', changeReason: '' });
    await db.documents.insert(d as never);
    expect(
      (await correctDocument(replica, d, { ...edit(d), title: 'Synpunkt på gångbanor' }, 'ignored', registrar, process, types)).ok,
    ).toBe(true);
    expect(await stored<Document>('documents', d.id)).toEqual({ ...d, title: 'Synpunkt på gångbanor' });
  });

  it('annulRecord needs a reason; sendBack a comment and a record awaiting quality assurance', async () => {
    const d = sampleDocument({ status: 'registered' });
    await db.documents.insert(d as never);
    expect(await annulRecord(replica, 'documents', d.id, '  ')).toEqual({ ok: false, error: 'Ange skälet till makuleringen.' });
    expect(await sendBack(replica, 'documents', d.id, 'Fel typ')).toEqual({
      ok: false,
      error: 'Bara poster som väntar på kvalitetssäkring kan återsändas.',
    });
    expect(await stored<Document>('documents', d.id)).toEqual(d);
    expect(await annulRecord(replica, 'documents', d.id, ' Dubblett ')).toEqual({ ok: true });
    expect(await stored<Document>('documents', d.id)).toEqual({ ...d, status: 'annulled', changeReason: 'Dubblett' });
    const c = sampleCase({ status: 'registered_unchecked' });
    await db.cases.insert(c as never);
    expect(await sendBack(replica, 'cases', c.id, '')).toEqual({ ok: false, error: 'Skriv vad registratorn ska rätta.' });
    expect(await sendBack(replica, 'cases', c.id, ' Saknar part ')).toEqual({ ok: true });
    expect(await stored<Case>('cases', c.id)).toEqual({ ...c, qaReturnComment: 'Saknar part' });
  });

  it('annulRecord of a case names the documents still living in it, and annuls it once they are annulled', async () => {
    const c = sampleCase({ status: 'registered' });
    const d = sampleDocument({ id: 'doc-living', caseId: c.id, documentNumber: 'KS 2026-00042-1', status: 'registered' });
    await db.cases.insert(c as never);
    await db.documents.insert(d as never);
    expect(await annulRecord(replica, 'cases', c.id, 'Fel diarium')).toEqual({
      ok: false,
      error: 'Ärendet kan inte makuleras förrän dess handlingar är makulerade eller flyttade: KS 2026-00042-1.',
    });
    expect(await stored<Case>('cases', c.id)).toEqual(c);
    expect(await annulRecord(replica, 'documents', d.id, 'Fel diarium')).toEqual({ ok: true });
    expect(await annulRecord(replica, 'cases', c.id, 'Fel diarium')).toEqual({ ok: true });
    expect(await stored<Case>('cases', c.id)).toEqual({ ...c, status: 'annulled', changeReason: 'Fel diarium' });
  });

  it('approveMany approves each record on its own and reports the ones it could not', async () => {
    const waiting = sampleDocument({ id: 'doc-a', status: 'registered_unchecked' });
    const done = sampleDocument({ id: 'doc-b', status: 'registered' });
    const c = sampleCase({ status: 'registered_unchecked' });
    await db.documents.bulkInsert([waiting, done] as never);
    await db.cases.insert(c as never);
    const results = await approveMany(replica, [
      { collection: 'documents', id: 'doc-a' },
      { collection: 'documents', id: 'doc-b' },
      { collection: 'documents', id: 'doc-gone' },
      { collection: 'cases', id: c.id },
    ]);
    expect(results).toEqual([
      { collection: 'documents', id: 'doc-a', ok: true },
      { collection: 'documents', id: 'doc-b', ok: false, error: 'väntar inte längre på kvalitetssäkring' },
      { collection: 'documents', id: 'doc-gone', ok: false, error: 'Posten finns inte längre i den här datorns kopia av diariet.' },
      { collection: 'cases', id: c.id, ok: true },
    ]);
    expect((await stored<Document>('documents', 'doc-a'))!.status).toBe('registered');
    expect((await stored<Case>('cases', c.id))!.status).toBe('registered');
  });
});

describe('restrictions', () => {
  it('asks for a legal ground for a restriction, a shield or a restricted file, and saves nothing then', async () => {
    const d = sampleDocument();
    await db.documents.insert(d as never);
    const base = {
      kind: 'secrecy' as const,
      ground: '',
      note: '',
      shields: [],
      accessUserIds: [],
      accessGroupIds: [],
      fileRestrictions: [],
    };
    expect(await restrictDocument(replica, d.id, base)).toEqual({ ok: false, error: 'restriction.error.ground' });
    expect(
      await restrictDocument(replica, d.id, { ...base, kind: 'none', shields: [{ field: 'sender', kind: 'secrecy', legalGround: '' }] }),
    ).toEqual({ ok: false, error: 'restriction.error.ground' });
    expect(
      await restrictDocument(replica, d.id, {
        ...base,
        kind: 'none',
        fileRestrictions: [{ fileKey: 'fk-1', kind: 'secrecy', legalGround: '' }],
      }),
    ).toEqual({ ok: false, error: 'restriction.error.ground' });
    expect(await stored('documents', d.id)).toEqual(d);
  });

  it('restricts with ground, note and named access; lifting clears ground and note', async () => {
    const c = sampleCase();
    await db.cases.insert(c as never);
    const input = {
      kind: 'secrecy' as const,
      ground: 'OSL 26 kap. 1 §',
      note: ' Uppgifter om enskild ',
      shields: [],
      accessUserIds: ['u-officer'],
      accessGroupIds: [],
    };
    expect(await restrictCase(replica, c.id, input)).toEqual({ ok: true });
    expect(await stored<Case>('cases', c.id)).toMatchObject({
      restrictionKind: 'secrecy',
      legalGround: 'OSL 26 kap. 1 §',
      restrictionNote: 'Uppgifter om enskild',
      accessUserIds: ['u-officer'],
    });

    expect(await restrictCase(replica, c.id, { ...input, kind: 'none' })).toEqual({ ok: true });
    expect(await stored<Case>('cases', c.id)).toMatchObject({ restrictionKind: 'none', legalGround: '', restrictionNote: '' });
  });
});

describe('flows', () => {
  it('startFlow refuses a flow without steps in Swedish, then saves a complete one', async () => {
    const input = {
      registerId: 'reg-ks',
      targetCollection: 'documents' as const,
      targetId: 'doc-1',
      caseId: 'case-1',
      mode: 'ordered' as const,
      steps: [],
    };
    const clock = { nowMs: NOW, id: 'flow-new', newStepId: () => 'step-new' };
    expect(await startFlow(replica, input, 'u-officer', clock)).toEqual({ ok: false, message: 'Lägg till minst ett steg.' });
    expect(await stored('flows', 'flow-new')).toBeNull();

    const steps = [{ approverId: 'u-approver', role: 'approver' as const, dueDate: '2026-03-20', requiresSignature: false }];
    expect((await startFlow(replica, { ...input, steps }, 'u-officer', clock)).ok).toBe(true);
    expect(await stored<Flow>('flows', 'flow-new')).toMatchObject({
      status: 'active',
      steps: [{ id: 'step-new', approverId: 'u-approver', status: 'active' }],
    });
  });

  it('decideFlowStep decides on the flow as stored; a missing comment is refused, a missing flow is null', async () => {
    const flow = sampleFlow();
    await db.flows.insert(flow as never);
    const step = flow.steps[0]!;
    const decision = {
      stepId: step.id,
      outcome: 'rejected' as const,
      comment: '',
      signatureFileId: '',
      userId: step.approverId,
      nowMs: NOW,
    };
    expect(await decideFlowStep(replica, flow.id, decision)).toEqual({
      ok: false,
      message: 'Skriv en kommentar för att avslå eller skicka tillbaka.',
    });
    expect(await stored('flows', flow.id)).toEqual(flow);

    const approved = await decideFlowStep(replica, flow.id, { ...decision, outcome: 'approved' });
    expect(approved?.ok).toBe(true);
    expect((await stored<Flow>('flows', flow.id))!.steps[0]).toMatchObject({ status: 'approved', decidedBy: step.approverId });
    expect(await decideFlowStep(replica, 'flow-gone', decision)).toBeNull();
  });
});

describe('requests', () => {
  const input = {
    registerId: 'reg-ks',
    anonymous: false,
    requesterName: 'Eva Ek',
    requesterContact: 'eva@example.se',
    receivedDate: '2026-03-05',
    description: 'Protokollen från mars',
    deliveryMethod: 'email' as const,
    dueDate: '',
    responsibleUserId: 'u-registrar',
    targets: [{ collection: 'documents' as const, id: 'doc-1' }],
  };
  let ids = 0;
  const clock = { nowMs: NOW, newId: () => `id-${++ids}` };

  it('registerRequest says what is wrong, and writes nothing then', async () => {
    expect(await registerRequest(replica, input, undefined, registrar, clock)).toEqual({
      ok: false,
      formError: expect.stringContaining('saknar en process'),
    });
    expect(await registerRequest(replica, { ...input, requesterName: '' }, process, registrar, clock)).toEqual({
      ok: false,
      formError: 'Rätta de markerade uppgifterna.',
      errors: { requesterName: 'request.form.error.requesterName' },
    });
    expect(await db.cases.count().exec()).toBe(0);
    expect(await db.requests.count().exec()).toBe(0);
  });

  it('registerRequest saves the case, waits for its number from the server, then saves the request in it', async () => {
    let caseId = '';
    const result = await registerRequest(replica, input, process, registrar, clock, () => {
      // What the server does when it accepts the case's push.
      void db.cases
        .find()
        .exec()
        .then(([c]) => ((caseId = c!.id), c!.incrementalPatch({ caseNumber: 'KS 2026-00007' })));
    });
    expect(result.ok).toBe(true);
    const request = (await db.requests.find().exec()).map((d) => viewOf<InformationRequest>(d));
    expect(request).toEqual([
      expect.objectContaining({
        caseId,
        requesterName: 'Eva Ek',
        items: [expect.objectContaining({ targetCollection: 'documents', targetId: 'doc-1', review: 'pending' })],
      }),
    ]);
  });

  it("changes follow the request's rules, on the request as stored", async () => {
    const r = sampleRequest({ status: 'received', items: [] });
    await db.requests.insert(r as never);
    const item = {
      id: 'item-9',
      targetCollection: 'cases' as const,
      targetId: 'case-9',
      review: 'pending' as const,
      grounds: [],
      maskedDocumentId: '',
      comment: '',
      reviewedBy: '',
      reviewedAt: '',
    };
    expect(await addRequestItems(replica, r.id, [item])).toBeNull();
    expect((await stored<InformationRequest>('requests', r.id))!.items.map((i) => i.id)).toEqual(['item-9']);
    expect(await withdrawRequest(replica, r.id)).toBeNull();
    expect((await stored<InformationRequest>('requests', r.id))!.status).toBe('withdrawn');
    expect(await addRequestItems(replica, r.id, [{ ...item, id: 'item-10' }])).toBe('Begäran är avslutad och kan inte ändras.');
    expect(await withdrawRequest(replica, 'request-gone')).toBe('Begäran finns inte i din kopia av diariet.');
  });
});

describe('redaction', () => {
  it("saveRedactionDraft keeps the other files' drafts and replaces this file's; a document gone is an error", async () => {
    const other = {
      fileId: 'file-2',
      boxes: [{ page: 1, x: 1, y: 1, w: 10, h: 10, ground: 'OSL 26 kap. 1 §' }],
      terms: [],
      updatedBy: 'u-x',
      updatedAt: '2026-03-01T08:00:00.000Z',
    };
    const d = sampleDocument({ redactionDrafts: [other] });
    await db.documents.insert(d as never);
    let id = 0;
    const marks = addMarks(
      EMPTY_MARKS,
      [{ page: 1, x: 72, y: 100, w: 200, h: 14, source: 'manual' }],
      'OSL 21 kap. 3 §',
      new Map([[1, { width: 595, height: 842 }]]),
      () => `m${++id}`,
    );
    await saveRedactionDraft(replica, d.id, 'file-1', marks, 'u-officer', NOW);
    expect((await stored<Document>('documents', d.id))!.redactionDrafts).toEqual([
      other,
      {
        fileId: 'file-1',
        boxes: [{ page: 1, x: 72, y: 100, w: 200, h: 14, ground: 'OSL 21 kap. 3 §', source: 'manual' }],
        terms: [],
        updatedBy: 'u-officer',
        updatedAt: '2026-03-05T09:30:00.000Z',
      },
    ]);
    await expect(saveRedactionDraft(replica, 'doc-gone', 'file-1', marks, 'u-officer', NOW)).rejects.toThrow(
      'no longer in the local register',
    );
  });
});
