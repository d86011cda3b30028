import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry, type Case, type Checkpoint, type Document, type PushResponse } from '../../shared/src';
import { Flow, type FlowStep } from '../../shared/src/model/flow';
import { buildCase, buildDocument } from '../../renderer/src/lib/records';
import { buildFlow, decideStep, flowPatch } from '../../renderer/src/lib/flows';
import { patchRecord, viewOf } from '../../renderer/src/lib/replica/sealing';
import { confirmEnrolment, startEnrolment } from '../../renderer/src/lib/second-factor';
import { base32Decode, totp } from '../../sync-server/src/auth/totp';
import { RawClient, connectClient, eventually, issueEnrolmentCode, startTestServer, type TestServer } from './harness';
import { API, type FileRecord } from '../../shared/src';
import { pkcs12KeySource, signPdf } from '../../shared/src/signing';
import { protocolPdf } from './signing/test-pdfs';
import { createTestPki } from './signing/test-pki';
import { trustCa } from './signing/trust';

type Rec = Record<string, unknown>;

let server: TestServer;
// The server's injected clock (second-factor codes are computed for it); starts at the wall clock.
const clock = Math.floor(Date.now() / 30_000) * 30_000 + 1_000;
const clients: RawClient[] = [];
const ids: Record<string, string> = {};
let process: { code: string; doctypeId: string };
let legalGround: string;

async function as(username: string): Promise<RawClient> {
  const login = await RawClient.token(server.url, username);
  ids[username] = login.user.id;
  const c = await RawClient.connect(server.url, login.token);
  clients.push(c);
  return c;
}

async function push(client: RawClient, collection: string, state: Rec, assumed: Rec | null = null): Promise<PushResponse> {
  return client.send<PushResponse>({
    t: 'push',
    collection,
    rows: [{ assumedMasterState: assumed, newDocumentState: { ...state, _deleted: false } }],
  });
}

async function pull(
  client: RawClient,
  collection: string,
  checkpoint: Checkpoint | null = null,
): Promise<{ documents: Rec[]; checkpoint: Checkpoint }> {
  return client.send({ t: 'pull', collection, checkpoint, limit: 5000 });
}

async function stored(id: string): Promise<Flow> {
  return Flow.parse((await server.storage.getRecord('flows', id))!.data);
}

async function flowAudit(recordId: string): Promise<AuditEntry[]> {
  const page = await server.storage.pullPage('audit', 0, 100_000, null);
  return page.map((r) => AuditEntry.parse(r.data)).filter((a) => a.recordId === recordId && a.action.startsWith('flow_'));
}

async function newCase(client: RawClient, userId: string, o: Partial<Case> = {}): Promise<Case> {
  const c = {
    ...buildCase({ registerId: 'reg-ks', title: 'Upphandling av skolskjuts', classCode: process.code, responsibleUserId: userId }, userId, {
      nowMs: Date.now(),
      id: randomUUID(),
    }),
    ...o,
  };
  expect((await push(client, 'cases', c)).rejected).toEqual([]);
  return (await server.storage.getRecord('cases', c.id))!.data as unknown as Case;
}

async function newDocument(client: RawClient, userId: string, caseId: string): Promise<Document> {
  const d = buildDocument(
    {
      registerId: 'reg-ks',
      caseId,
      direction: 'created',
      title: 'Tjänsteskrivelse',
      documentTypeId: process.doctypeId,
      classCode: process.code,
      createdDate: '2026-11-20',
    },
    userId,
    { nowMs: Date.now(), id: randomUUID() },
  );
  expect((await push(client, 'documents', d)).rejected).toEqual([]);
  return (await server.storage.getRecord('documents', d.id))!.data as unknown as Document;
}

function step(approver: string, o: Partial<{ role: FlowStep['role']; requiresSignature: boolean }> = {}) {
  return { approverId: ids[approver]!, role: o.role ?? 'approver', dueDate: '2026-12-01', requiresSignature: o.requiresSignature ?? false };
}

/** A flow as the starter's client builds it. */
function flowOn(target: Case | Document, starter: string, steps: ReturnType<typeof step>[], mode: Flow['mode'] = 'ordered'): Flow {
  const isCase = 'caseNumber' in target;
  return buildFlow(
    {
      registerId: 'reg-ks',
      targetCollection: isCase ? 'cases' : 'documents',
      targetId: target.id,
      caseId: isCase ? target.id : (target as Document).caseId,
      mode,
      steps,
    },
    ids[starter]!,
    { nowMs: Date.now(), id: randomUUID(), newStepId: randomUUID },
  );
}

/** What a lying or plain client sends to decide a step: the step changed, nothing else. */
function decided(flow: Flow, index: number, status: FlowStep['status'], o: Partial<FlowStep> = {}): Flow {
  return { ...flow, steps: flow.steps.map((s, i) => (i === index ? { ...s, status, ...o } : s)) };
}

let registrar: RawClient;
let officer: RawClient;
let qa: RawClient;
let reader: RawClient;
let registrar2: RawClient;
let archivist: RawClient;
let doc: Document;

beforeAll(async () => {
  server = await startTestServer({ now: () => clock });
  registrar = await as('registrator');
  officer = await as('handlaggare');
  qa = await as('kvalitet');
  reader = await as('lasare');
  registrar2 = await as('registrator2');
  archivist = await as('arkivarie');
  const classes = await pull(registrar, 'classes');
  const types = await pull(registrar, 'doctypes');
  const covers = (t: Rec, code: string) => (t.classCodes as string[]).some((c) => code === c || code.startsWith(`${c}.`));
  const open = classes.documents.find(
    (c) =>
      c.registerId === 'reg-ks' &&
      c.selectable &&
      (c.registrationGroupIds as string[]).length === 0 &&
      types.documents.some((t) => t.registerId === 'reg-ks' && covers(t, c.code as string)),
  )!;
  process = {
    code: open.code as string,
    doctypeId: types.documents.find((t) => t.registerId === 'reg-ks' && covers(t, open.code as string))!.id as string,
  };
  const registers = await pull(registrar, 'registers');
  legalGround = (registers.documents.find((r) => r.id === 'reg-ks')!.legalGrounds as { code: string }[])[0]!.code;
  const c = await newCase(registrar, ids.registrator!);
  doc = await newDocument(registrar, ids.registrator!, c.id);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

describe('approval flows through the real server', () => {
  it('a two-step ordered flow is approved by the right people, in order, each step in the actor register', async () => {
    const flow = flowOn(doc, 'registrator', [step('handlaggare'), step('kvalitet', { role: 'decision_maker' })]);
    expect((await push(registrar, 'flows', flow)).rejected).toEqual([]);
    const started = await stored(flow.id);
    expect(started).toMatchObject({ startedBy: ids.registrator, status: 'active', caseId: doc.caseId, documentId: doc.id });

    // The first approver decides in a real replica, through the client helpers.
    const client = await connectClient(server, 'handlaggare');
    try {
      const local = await eventually(() => client.replica.db.flows.findOne(flow.id).exec(), 20_000, 'the flow in the approver replica');
      const change = decideStep(viewOf<Flow>(local), flow.steps[0]!.id, 'approved', '', '', ids.handlaggare!, Date.now());
      if (!change.ok) throw new Error(change.message);
      await patchRecord(local, flowPatch(change.flow));
      await eventually(async () => (await stored(flow.id)).steps[0]!.status === 'approved', 20_000, 'the decision on the server');
    } finally {
      await client.close();
    }
    const afterFirst = await stored(flow.id);
    expect(afterFirst.steps.map((s) => s.status)).toEqual(['approved', 'active']);
    expect(afterFirst.steps[0]).toMatchObject({ decidedBy: ids.handlaggare, decidedAt: new Date(clock).toISOString() });

    const res = await push(qa, 'flows', decided(afterFirst, 1, 'approved', { decidedBy: ids.kvalitet! }), afterFirst);
    expect(res.rejected).toEqual([]);
    expect(await stored(flow.id)).toMatchObject({ status: 'approved', completedAt: new Date(clock).toISOString() });
    expect((await flowAudit(doc.id)).map((a) => [a.action, a.actorId])).toEqual([
      ['flow_start', ids.registrator],
      ['flow_decision', ids.handlaggare],
      ['flow_decision', ids.kvalitet],
      ['flow_outcome', ids.kvalitet],
    ]);
  });

  it('refuses an approver not in the flow, a waiting step, a forged decider and a rejection without comment', async () => {
    const c = await newCase(registrar, ids.registrator!);
    const flow = flowOn(c, 'registrator', [step('handlaggare'), step('kvalitet')]);
    expect((await push(registrar, 'flows', flow)).rejected).toEqual([]);
    const s = await stored(flow.id);
    const refusals = [
      await push(registrar2, 'flows', decided(s, 0, 'approved'), s),
      await push(qa, 'flows', decided(s, 1, 'approved'), s),
      await push(officer, 'flows', decided(s, 0, 'approved', { decidedBy: ids.kvalitet! }), s),
      await push(officer, 'flows', decided(s, 0, 'rejected'), s),
    ];
    expect(refusals.map((r) => [r.rejected[0]?.code, r.rejected[0]?.fields])).toEqual([
      ['forbidden', ['steps']],
      ['invalid_status_transition', ['steps']],
      ['forbidden', ['steps']],
      ['missing_mandatory_fields', ['comment']],
    ]);
    // Each refusal sends the server's state back, and nothing was stored or recorded.
    expect(refusals.every((r) => r.conflicts[0]?.id === flow.id)).toBe(true);
    expect(await stored(flow.id)).toEqual(s);
    expect((await flowAudit(c.id)).map((a) => a.action)).toEqual(['flow_start']);

    expect((await push(officer, 'flows', decided(s, 0, 'rejected', { comment: 'Kostnaden saknas.' }), s)).rejected).toEqual([]);
    expect((await stored(flow.id)).status).toBe('rejected');
    expect((await flowAudit(c.id)).map((a) => a.action)).toEqual(['flow_start', 'flow_decision', 'flow_outcome']);
  });

  it('a forged starter is refused, and a reader may not start a flow', async () => {
    const c = await newCase(registrar, ids.registrator!);
    const forged = { ...flowOn(c, 'registrator', [step('handlaggare')]), startedBy: ids.handlaggare! };
    expect((await push(registrar, 'flows', forged)).rejected).toMatchObject([{ code: 'forbidden', fields: ['startedBy'] }]);
    expect((await push(reader, 'flows', flowOn(c, 'lasare', [step('handlaggare')]))).rejected).toMatchObject([{ code: 'forbidden' }]);
    expect(await server.storage.getRecord('flows', forged.id)).toBeNull();
  });

  it('a step that requires a signature is not approved without a signed file', async () => {
    const flow = flowOn(doc, 'registrator', [step('handlaggare', { requiresSignature: true })]);
    expect((await push(registrar, 'flows', flow)).rejected).toEqual([]);
    const s = await stored(flow.id);
    const res = await push(officer, 'flows', decided(s, 0, 'approved'), s);
    expect(res.rejected).toMatchObject([{ code: 'missing_mandatory_fields', fields: ['signatureFileId'] }]);
    const cancel = await push(registrar, 'flows', { ...s, status: 'cancelled' }, s);
    expect(cancel.rejected).toEqual([]);
    expect((await stored(flow.id)).status).toBe('cancelled');
  });

  it('a signature step is approved with the PDF signed by the approver, and refused when someone else signed', async () => {
    // Signed at the wall-clock time: the certificates were issued just now (the server's clock may lag by up to 30 s).
    const pki = createTestPki();
    await trustCa(server, pki.caPem);
    const upload = async (bytes: Uint8Array, fileKey?: string): Promise<FileRecord> => {
      const params = new URLSearchParams({ documentId: doc.id, name: 'beslut.pdf', ...(fileKey ? { fileKey } : {}) });
      const res = await fetch(`${server.url}${API.files}?${params}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${registrar.token}` },
        body: new Uint8Array(bytes),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as FileRecord;
    };
    const original = await protocolPdf(false);
    const first = await upload(original);
    const sign = (pdf: Uint8Array, name: string) =>
      signPdf(pdf, pkcs12KeySource(pki.signer(name, 'hemligt').p12, 'hemligt'), {
        signingTime: new Date(),
        reason: 'Godkänt',
        role: 'Handläggare',
      });
    const otherBytes = await sign(original, 'Johan Falk');
    const byOther = await upload(otherBytes, first.fileKey);
    // The signed file is frozen: a new version must append to it, keeping every signature valid.
    const rewritten = await fetch(
      `${server.url}${API.files}?${new URLSearchParams({ documentId: doc.id, name: 'beslut.pdf', fileKey: first.fileKey })}`,
      { method: 'POST', headers: { authorization: `Bearer ${registrar.token}` }, body: new Uint8Array(original) },
    );
    expect(rewritten.status).toBe(409);
    const byApprover = await upload(await sign(otherBytes, 'Erik Berg'), first.fileKey);

    const flow = flowOn(doc, 'registrator', [step('handlaggare', { requiresSignature: true })]);
    expect((await push(registrar, 'flows', flow)).rejected).toEqual([]);
    const s = await stored(flow.id);
    const unsigned = await push(officer, 'flows', decided(s, 0, 'approved', { signatureFileId: first.id }), s);
    expect(unsigned.rejected).toMatchObject([{ code: 'forbidden', fields: ['signatureFileId'] }]);
    const other = await push(officer, 'flows', decided(s, 0, 'approved', { signatureFileId: byOther.id }), s);
    expect(other.rejected).toMatchObject([{ code: 'forbidden', fields: ['signatureFileId'] }]);
    const signed = await push(officer, 'flows', decided(s, 0, 'approved', { signatureFileId: byApprover.id }), s);
    expect(signed.rejected).toEqual([]);
    expect((await stored(flow.id)).status).toBe('approved');
  });

  it('a parallel flow completes when all approve, in any order', async () => {
    const c = await newCase(registrar, ids.registrator!);
    const flow = flowOn(c, 'registrator', [step('handlaggare'), step('kvalitet'), step('registrator2')], 'parallel');
    expect((await push(registrar, 'flows', flow)).rejected).toEqual([]);
    for (const [client, index] of [
      [registrar2, 2],
      [officer, 0],
      [qa, 1],
    ] as const) {
      const s = await stored(flow.id);
      expect(s.status).toBe('active');
      expect((await push(client, 'flows', decided(s, index, 'approved'), s)).rejected).toEqual([]);
    }
    expect(await stored(flow.id)).toMatchObject({
      status: 'approved',
      steps: [{ status: 'approved' }, { status: 'approved' }, { status: 'approved' }],
    });
  });
});

describe('flows on restricted targets', () => {
  /** The officer after enrolling a second factor: this session may read and edit restricted content. */
  let fresh: RawClient;

  beforeAll(async () => {
    const login = await RawClient.token(server.url, 'handlaggare');
    const session = { serverUrl: server.url, token: login.token };
    const start = await startEnrolment(session, await issueEnrolmentCode(server, 'handlaggare'));
    await confirmEnrolment(session, totp(base32Decode(start.secret), clock));
    fresh = await RawClient.connect(server.url, login.token);
    clients.push(fresh);
  });

  it('a user without access to the restricted target receives nothing of the flow; history values are blanked', async () => {
    const secret = await newCase(fresh, ids.handlaggare!, { restrictionKind: 'secrecy', legalGround, accessUserIds: [ids.kvalitet!] });
    // An approver without named access would approve what they cannot read.
    const blind = flowOn(secret, 'handlaggare', [step('registrator2')]);
    expect((await push(fresh, 'flows', blind)).rejected).toMatchObject([{ code: 'restricted', fields: ['steps'] }]);
    // Without content access the target cannot get a flow at all.
    expect((await push(registrar, 'flows', flowOn(secret, 'registrator', [step('kvalitet')]))).rejected).toMatchObject([
      { code: 'restricted' },
    ]);

    const flow = flowOn(secret, 'handlaggare', [step('kvalitet', { role: 'decision_maker' })]);
    expect((await push(fresh, 'flows', flow)).rejected).toEqual([]);
    for (const outsider of [reader, registrar2, registrar, archivist]) {
      expect((await pull(outsider, 'flows')).documents.map((d) => d.id)).not.toContain(flow.id);
    }
    // Named access without a fresh second factor is not enough either.
    expect((await pull(qa, 'flows')).documents.map((d) => d.id)).not.toContain(flow.id);
    expect((await pull(fresh, 'flows')).documents.find((d) => d.id === flow.id)).toMatchObject({ steps: [{ approverId: ids.kvalitet }] });
    // The archivist reads the actor register: the entry exists, its values do not reach them.
    const entries = (await pull(archivist, 'audit')).documents.filter((a) => a.recordId === secret.id && a.action === 'flow_start');
    expect(entries).toHaveLength(1);
    expect((entries[0]!.changes as { to: string }[]).every((ch) => ch.to === '')).toBe(true);
  });

  it('a target restricted after the flow started: readers who held the flow get a stripped tombstone', async () => {
    const c = await newCase(fresh, ids.handlaggare!);
    const flow = flowOn(c, 'handlaggare', [step('kvalitet')]);
    expect((await push(fresh, 'flows', flow)).rejected).toEqual([]);
    const first = await pull(reader, 'flows');
    expect(first.documents.find((d) => d.id === flow.id)).toMatchObject({ status: 'active' });
    const restricted = { ...c, restrictionKind: 'secrecy', legalGround };
    expect((await push(fresh, 'cases', restricted, c)).rejected).toEqual([]);
    const next = await pull(reader, 'flows', first.checkpoint);
    const gone = next.documents.find((d) => d.id === flow.id);
    expect(gone).toMatchObject({ _deleted: true, steps: [], startedBy: '' });
  });
});
