import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../../shared/src';
import { Flow, type FlowStep } from '../../../shared/src/model/flow';
import { sampleCase, sampleDocument, sampleFile, sampleFlow, sampleFlowStep } from '../../../shared/src/testing/samples';
import { buildDemoData, demoUserNamed } from '../demo/demo-data';
import { importRecords } from '../demo/seed';
import { SqliteStorage } from '../storage/sqlite.adapter';
import type { Actor, Applied } from './apply';
import { applyFlow, refuseUnverifiedSignatures, type FlowSignatureVerifier } from './flow.apply';
import { refused } from './refusal.testing';

const NOW = Date.UTC(2026, 10, 26, 9, 0);
const NOW_ISO = new Date(NOW).toISOString();
const demo = buildDemoData({ seed: 1, nowMs: NOW, caseCount: 3 });

const demoUser = (username: string) => demoUserNamed(demo, username);
const registrar = demoUser('registrator');
const registrar2 = demoUser('registrator2');
const officer = demoUser('handlaggare');
const qa = demoUser('kvalitet');
const reader = demoUser('lasare');
const snRegistrar = demoUser('sn.registrator');

const CASE = sampleCase({ id: 'case-flow', responsibleUserId: officer.id, caseNumber: 'KS 2026-00901', serial: 901 });
const DOC = sampleDocument({ id: 'doc-flow', caseId: CASE.id, documentNumber: 'KS 2026-00901-1', responsibleUserId: officer.id });
const SECRET_CASE = sampleCase({
  id: 'case-secret',
  responsibleUserId: officer.id,
  caseNumber: 'KS 2026-00902',
  serial: 902,
  restrictionKind: 'secrecy',
  legalGround: 'OSL 26 kap. 1 §',
  accessUserIds: [qa.id],
});
const SIGNED = sampleFile({ id: 'file-signed', documentId: DOC.id, caseId: CASE.id });
const OTHER_FILE = sampleFile({ id: 'file-other', documentId: 'doc-elsewhere', caseId: 'case-elsewhere', fileKey: 'fk-2' });

let dataDir: string;
let storage: SqliteStorage;
let ids: number;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-flow-'));
  storage = new SqliteStorage(dataDir);
  await importRecords(storage, [
    { collection: 'registers', records: demo.registers },
    { collection: 'users', records: demo.users.map((u) => u.user) },
    { collection: 'cases', records: [CASE, SECRET_CASE] },
    { collection: 'documents', records: [DOC] },
    { collection: 'files', records: [SIGNED, OTHER_FILE] },
  ]);
  ids = 0;
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Pushes a flow as PushService does: the stored state as `before`, the server's clock. */
async function push(actor: Actor, flow: Flow, verifySignature: FlowSignatureVerifier = refuseUnverifiedSignatures): Promise<Applied> {
  return storage.transaction(async (tx) => {
    const current = await tx.getRecord('flows', flow.id);
    return applyFlow(tx, actor, { ...flow, updatedAt: NOW_ISO, syncVersion: current?.version ?? 0 }, current?.data ?? null, {
      nowMs: NOW,
      newId: () => `audit-${++ids}`,
      verifySignature,
    });
  });
}

async function stored(id: string): Promise<Flow> {
  return Flow.parse((await storage.getRecord('flows', id))!.data);
}

/** A new two-step ordered flow on the document: the officer, then the quality assurer (signature required). */
function newFlow(o: Partial<Flow> = {}): Flow {
  return sampleFlow({
    id: `flow-${++ids}`,
    registerId: 'reg-ks',
    targetCollection: 'documents',
    targetId: DOC.id,
    caseId: '',
    documentId: '',
    syncVersion: 0,
    startedBy: '',
    startedAt: '',
    steps: [
      sampleFlowStep({ approverId: officer.id }),
      sampleFlowStep({ id: 'step-2', approverId: qa.id, role: 'decision_maker', status: 'waiting', requiresSignature: true }),
    ],
    ...o,
  });
}

function decided(flow: Flow, stepId: string, status: FlowStep['status'], o: Partial<FlowStep> = {}): Flow {
  return { ...flow, steps: flow.steps.map((s) => (s.id === stepId ? { ...s, status, ...o } : s)) };
}

async function audits(): Promise<AuditEntry[]> {
  const page = await storage.pullPage('audit', 0, 1000, null);
  return page.map((r) => AuditEntry.parse(r.data));
}

describe('starting a flow', () => {
  it('an editor of the target starts it; the server assigns starter, time and the target case', async () => {
    const flow = newFlow();
    const r = await push(registrar, { ...flow, startedAt: '1999-01-01T00:00:00.000Z', completedAt: 'x' });
    expect(r.written.length).toBeGreaterThan(0);
    expect(await stored(flow.id)).toMatchObject({
      startedBy: registrar.id,
      startedAt: NOW_ISO,
      completedAt: '',
      caseId: CASE.id,
      documentId: DOC.id,
      status: 'active',
    });
    const [entry] = await audits();
    expect(entry).toMatchObject({
      action: 'flow_start',
      actorId: registrar.id,
      recordCollection: 'documents',
      recordId: DOC.id,
      caseId: CASE.id,
      label: DOC.documentNumber,
    });
    expect(entry!.changes[0]).toEqual({ field: 'flowId', from: '', to: flow.id });
  });

  it('someone who may not edit the target is refused', async () => {
    expect(await refused(push(reader, newFlow()))).toEqual(['forbidden', []]);
  });

  it('a forged starter is refused', async () => {
    expect(await refused(push(registrar, newFlow({ startedBy: officer.id })))).toEqual(['forbidden', ['startedBy']]);
  });

  it('approvers must be active users of the register', async () => {
    const outsider = newFlow({ steps: [sampleFlowStep({ approverId: snRegistrar.id })] });
    expect(await refused(push(registrar, outsider))).toEqual(['unknown_reference', ['steps']]);
    const ghost = newFlow({ steps: [sampleFlowStep({ approverId: 'usr-nobody' })] });
    expect(await refused(push(registrar, ghost))).toEqual(['unknown_reference', ['steps']]);
  });

  it('an unknown target is refused, and a second open flow on the same target too', async () => {
    expect(await refused(push(registrar, newFlow({ targetId: 'doc-missing' })))).toEqual(['unknown_reference', ['targetId']]);
    expect((await push(registrar, newFlow())).written.length).toBeGreaterThan(0);
    expect(await refused(push(registrar, newFlow()))).toEqual(['invalid_status_transition', ['targetId']]);
  });

  it('a restricted target: the starter needs content access, and so does every approver', async () => {
    const onSecret = (o: Partial<Flow> = {}) => newFlow({ targetCollection: 'cases', targetId: SECRET_CASE.id, ...o });
    // The registrar edits cases but has no named access to this one.
    expect(await refused(push(registrar, onSecret()))).toEqual(['restricted', ['targetId']]);
    // The officer has named access, but not without a fresh second factor.
    expect(await refused(push(officer, onSecret()))).toEqual(['restricted', ['targetId']]);
    const fresh = { ...officer, secondFactorFresh: true };
    expect(await refused(push(fresh, onSecret({ steps: [sampleFlowStep({ approverId: registrar2.id })] })))).toEqual([
      'restricted',
      ['steps'],
    ]);
    const ok = onSecret({ steps: [sampleFlowStep({ approverId: qa.id })] });
    expect((await push(fresh, ok)).written.length).toBeGreaterThan(0);
    expect(await stored(ok.id)).toMatchObject({ caseId: SECRET_CASE.id, documentId: '' });
  });
});

describe('deciding steps', () => {
  async function started(): Promise<Flow> {
    const flow = newFlow();
    expect((await push(registrar, flow)).written.length).toBeGreaterThan(0);
    return stored(flow.id);
  }

  it('two steps in order, each recorded in the actor register; the outcome is its own entry', async () => {
    const flow = await started();
    expect((await push(officer, decided(flow, 'step-1', 'approved', { decidedBy: officer.id }))).written.length).toBeGreaterThan(0);
    const afterFirst = await stored(flow.id);
    expect(afterFirst.steps.map((s) => s.status)).toEqual(['approved', 'active']);
    expect(afterFirst.steps[0]).toMatchObject({ decidedBy: officer.id, decidedAt: NOW_ISO });
    const accept: FlowSignatureVerifier = async ({ file, signer }) =>
      file.id === SIGNED.id && signer.id === qa.id ? { valid: true } : { valid: false, code: 'forbidden', detail: 'wrong signer' };
    expect(
      (await push(qa, decided(afterFirst, 'step-2', 'approved', { signatureFileId: SIGNED.id }), accept)).written.length,
    ).toBeGreaterThan(0);
    expect(await stored(flow.id)).toMatchObject({ status: 'approved', completedAt: NOW_ISO });
    expect((await audits()).map((a) => [a.action, a.actorId, a.recordId])).toEqual([
      ['flow_start', registrar.id, DOC.id],
      ['flow_decision', officer.id, DOC.id],
      ['flow_decision', qa.id, DOC.id],
      ['flow_outcome', qa.id, DOC.id],
    ]);
  });

  it('a step requiring a signature: refused until a verifier is plugged in, and for a file of another document', async () => {
    const flow = await started();
    await push(officer, decided(flow, 'step-1', 'approved'));
    const afterFirst = await stored(flow.id);
    const [code, fields] = await refused(push(qa, decided(afterFirst, 'step-2', 'approved', { signatureFileId: SIGNED.id })));
    expect([code, fields]).toEqual(['forbidden', ['signatureFileId']]);
    const accept: FlowSignatureVerifier = async () => ({ valid: true });
    expect(await refused(push(qa, decided(afterFirst, 'step-2', 'approved', { signatureFileId: OTHER_FILE.id }), accept))).toEqual([
      'unknown_reference',
      ['signatureFileId'],
    ]);
    expect(await refused(push(qa, decided(afterFirst, 'step-2', 'approved'), accept))).toEqual([
      'missing_mandatory_fields',
      ['signatureFileId'],
    ]);
    expect((await stored(flow.id)).steps[1]?.status).toBe('active');
  });

  it('the wrong person, a waiting step and a forged decider are refused', async () => {
    const flow = await started();
    expect(await refused(push(registrar, decided(flow, 'step-1', 'approved')))).toEqual(['forbidden', ['steps']]);
    expect(await refused(push(qa, decided(flow, 'step-2', 'approved', { signatureFileId: SIGNED.id })))).toEqual([
      'invalid_status_transition',
      ['steps'],
    ]);
    expect(await refused(push(officer, decided(flow, 'step-1', 'approved', { decidedBy: qa.id })))).toEqual(['forbidden', ['steps']]);
    expect((await stored(flow.id)).steps.map((s) => s.status)).toEqual(['active', 'waiting']);
  });

  it('rejection needs a comment; with one it ends the flow', async () => {
    const flow = await started();
    expect(await refused(push(officer, decided(flow, 'step-1', 'rejected')))).toEqual(['missing_mandatory_fields', ['comment']]);
    expect(
      (await push(officer, decided(flow, 'step-1', 'rejected', { comment: 'Underlaget räcker inte.' }))).written.length,
    ).toBeGreaterThan(0);
    expect(await stored(flow.id)).toMatchObject({ status: 'rejected', completedAt: NOW_ISO });
    const entries = await audits();
    expect(entries.at(-2)?.changes).toContainEqual({ field: 'comment', from: '', to: 'Underlaget räcker inte.' });
    expect(entries.at(-1)).toMatchObject({
      action: 'flow_outcome',
      changes: [
        { field: 'flowId', from: '', to: flow.id },
        { field: 'flowStatus', from: 'active', to: 'rejected' },
      ],
    });
  });

  it('send back and restart by the starter; a re-push of the stored state writes nothing', async () => {
    const flow = await started();
    expect((await push(officer, decided(flow, 'step-1', 'sent_back', { comment: 'Komplettera.' }))).written.length).toBeGreaterThan(0);
    const back = await stored(flow.id);
    expect(back.status).toBe('sent_back');
    const restart = { ...decided(back, 'step-1', 'active', { comment: '', decidedBy: '', decidedAt: '' }), status: 'active' as const };
    expect(await refused(push(reader, restart))).toEqual(['forbidden', ['status']]);
    expect((await push(registrar, restart)).written.length).toBeGreaterThan(0);
    const again = await stored(flow.id);
    expect(again.steps[0]?.status).toBe('active');
    const before = (await audits()).length;
    const same = await push(registrar, again);
    expect(same.written).toEqual([]);
    expect((await audits()).length).toBe(before);
  });
});
