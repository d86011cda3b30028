import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditEntry } from '../../../shared/src';
import { InformationRequest, type RequestItem } from '../../../shared/src/model/request';
import { sampleCase, sampleDocument, sampleRequest, sampleRequestItem } from '../../../shared/src/testing/samples';
import { buildDemoData, demoUserNamed } from '../demo/demo-data';
import { importRecords } from '../demo/seed';
import { SqliteStorage } from '../storage/sqlite.adapter';
import type { Actor, Applied } from './apply';
import { refused } from './refusal.testing';
import { applyRequest } from './request.apply';

const NOW = Date.UTC(2026, 1, 4, 9, 0);
const NOW_ISO = new Date(NOW).toISOString();
const demo = buildDemoData({ seed: 1, nowMs: NOW, caseCount: 3 });
const GROUND = 'OSL 21 kap. 3 §';
const SHA = 'cd'.repeat(32);

const demoUser = (username: string) => demoUserNamed(demo, username);
const registrar = demoUser('registrator');
const officer = demoUser('handlaggare');
const reader = demoUser('lasare');
const snRegistrar = demoUser('sn.registrator');

const REQUEST_CASE = sampleCase({
  id: 'case-req',
  caseNumber: 'KS 2026-00100',
  serial: 100,
  responsibleUserId: registrar.id,
  classCode: '1.4.1.1',
});
const CASE = sampleCase({ id: 'case-a', caseNumber: 'KS 2026-00042', responsibleUserId: officer.id });
const SECRET_CASE = sampleCase({
  id: 'case-secret',
  caseNumber: 'KS 2026-00043',
  serial: 43,
  responsibleUserId: officer.id,
  restrictionKind: 'secrecy',
  legalGround: 'OSL 26 kap. 1 §',
});
const DOC_A = sampleDocument({ id: 'doc-a', caseId: CASE.id, documentNumber: 'KS 2026-00042-1' });
const DOC_B = sampleDocument({ id: 'doc-b', caseId: CASE.id, documentNumber: 'KS 2026-00042-2' });
const SECRET_DOC = sampleDocument({
  id: 'doc-secret',
  caseId: SECRET_CASE.id,
  documentNumber: 'KS 2026-00043-1',
  responsibleUserId: officer.id,
});
const COPY_B = sampleDocument({
  id: 'copy-b',
  caseId: CASE.id,
  documentNumber: 'KS 2026-00042-3',
  maskedCopyOf: DOC_B.id,
  title: 'Maskad kopia av Synpunkt',
});
const DECISION_DOC = sampleDocument({
  id: 'doc-decision',
  caseId: REQUEST_CASE.id,
  documentNumber: 'KS 2026-00100-1',
  direction: 'created',
});
const SN_DOC = sampleDocument({ id: 'doc-sn', registerId: 'reg-sn', caseId: '', documentNumber: 'SNH 2026-00001' });

let dataDir: string;
let storage: SqliteStorage;
let ids: number;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-request-'));
  storage = new SqliteStorage(dataDir);
  await importRecords(storage, [
    { collection: 'registers', records: demo.registers },
    { collection: 'users', records: demo.users.map((u) => u.user) },
    { collection: 'cases', records: [REQUEST_CASE, CASE, SECRET_CASE] },
    { collection: 'documents', records: [DOC_A, DOC_B, SECRET_DOC, COPY_B, DECISION_DOC, SN_DOC] },
  ]);
  ids = 0;
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function push(actor: Actor, request: InformationRequest): Promise<Applied> {
  return storage.transaction(async (tx) => {
    const current = await tx.getRecord('requests', request.id);
    const merged: Record<string, unknown> = { ...request, updatedAt: NOW_ISO, syncVersion: current?.version ?? 0 };
    if (current)
      for (const f of ['createdBy', 'createdAt', 'newestKey', 'decidedBy', 'decidedAt', 'deliveredBy', 'deliveredAt'])
        merged[f] = current.data[f];
    else Object.assign(merged, { createdBy: actor.id, createdAt: NOW_ISO });
    return applyRequest(tx, actor, merged, current?.data ?? null, { nowMs: NOW, newId: () => `audit-${++ids}` });
  });
}

async function stored(id = 'request-1'): Promise<InformationRequest> {
  return InformationRequest.parse((await storage.getRecord('requests', id))!.data);
}

async function audit(): Promise<AuditEntry[]> {
  return (await storage.pullPage('audit', 0, 10_000, null)).map((r) => AuditEntry.parse(r.data));
}

const item = (id: string, targetId: string, o: Partial<RequestItem> = {}) => sampleRequestItem({ id, targetId, ...o });
const newRequest = (o: Partial<InformationRequest> = {}) =>
  sampleRequest({
    caseId: REQUEST_CASE.id,
    responsibleUserId: registrar.id,
    createdBy: '',
    createdAt: '',
    items: [item('i-a', DOC_A.id), item('i-b', DOC_B.id)],
    ...o,
  });

async function registered(o: Partial<InformationRequest> = {}): Promise<InformationRequest> {
  await push(registrar, newRequest(o));
  return stored();
}

describe('applyRequest', () => {
  it('an honest run: register, review, decide partial release, deliver; stamped and in the actor register', async () => {
    const r0 = await registered();
    expect(r0).toMatchObject({ status: 'received', createdBy: registrar.id, createdAt: NOW_ISO });
    expect(r0.newestKey).not.toBe('');

    const reviewed = {
      ...r0,
      status: 'in_review' as const,
      items: [
        { ...r0.items[0]!, review: 'release' as const },
        { ...r0.items[1]!, review: 'release_masked' as const, grounds: [GROUND], maskedDocumentId: COPY_B.id },
      ],
    };
    expect((await push(registrar, reviewed)).written.length).toBeGreaterThan(0);
    const r1 = await stored();
    expect(r1.items.map((i) => [i.reviewedBy, i.reviewedAt])).toEqual([
      [registrar.id, NOW_ISO],
      [registrar.id, NOW_ISO],
    ]);

    expect(
      (await push(registrar, { ...r1, status: 'decided', decision: 'partial_release', decisionDocumentId: DECISION_DOC.id })).written
        .length,
    ).toBeGreaterThan(0);
    const r2 = await stored();
    expect([r2.decidedBy, r2.decidedAt]).toEqual([registrar.id, NOW_ISO]);

    expect(
      (await push(registrar, { ...r2, status: 'delivered', deliveryFormat: 'pdf', deliverySha256: SHA })).written.length,
    ).toBeGreaterThan(0);
    expect(await stored()).toMatchObject({ status: 'delivered', deliveredBy: registrar.id, deliveredAt: NOW_ISO });

    const entries = await audit();
    expect(entries.map((a) => [a.action, a.recordCollection, a.caseId])).toEqual([
      ['create', 'requests', REQUEST_CASE.id],
      ['status_change', 'requests', REQUEST_CASE.id],
      ['status_change', 'requests', REQUEST_CASE.id],
      ['request_decision', 'cases', REQUEST_CASE.id],
      ['status_change', 'requests', REQUEST_CASE.id],
      ['request_delivery', 'cases', REQUEST_CASE.id],
    ]);
    const decision = entries.find((a) => a.action === 'request_decision')!;
    expect(decision.changes).toContainEqual({ field: 'decisionDocument', from: '', to: 'KS 2026-00100-1' });
    expect(decision.changes).toContainEqual({ field: 'item2', from: '', to: `KS 2026-00042-2: release_masked (${GROUND})` });
    const delivery = entries.find((a) => a.action === 'request_delivery')!;
    expect(delivery.changes).toEqual([
      { field: 'requestId', from: '', to: 'request-1' },
      { field: 'deliveryFormat', from: '', to: 'pdf' },
      { field: 'deliverySha256', from: '', to: SHA },
      { field: 'delivered1', from: '', to: 'KS 2026-00042-1' },
      { field: 'delivered2', from: '', to: 'KS 2026-00042-2 (maskad kopia KS 2026-00042-3)' },
    ]);
  });

  it('refuses readers, other registers, and case officers outside their own requests', async () => {
    expect(await refused(push(reader, newRequest()))).toEqual(['forbidden', []]);
    expect(await refused(push(snRegistrar, newRequest()))).toEqual(['not_member', ['registerId']]);
    expect(await refused(push(officer, newRequest()))).toEqual(['forbidden', []]);
    expect((await push(officer, newRequest({ responsibleUserId: officer.id }))).written.length).toBeGreaterThan(0);
  });

  it('refuses an unknown case, a record of another register, and an unknown responsible user', async () => {
    expect(await refused(push(registrar, newRequest({ caseId: 'nope' })))).toEqual(['unknown_reference', ['caseId']]);
    expect(await refused(push(registrar, newRequest({ items: [item('i-sn', SN_DOC.id)] })))).toEqual(['unknown_reference', ['items']]);
    expect(await refused(push(registrar, newRequest({ items: [item('i-x', 'no-such-doc')] })))).toEqual(['unknown_reference', ['items']]);
    expect(await refused(push(registrar, newRequest({ responsibleUserId: snRegistrar.id })))).toEqual([
      'unknown_reference',
      ['responsibleUserId'],
    ]);
    expect(await storage.getRecord('requests', 'request-1')).toBeNull();
    expect(await audit()).toEqual([]);
  });

  it('refuses forged stamps and grounds off the register list', async () => {
    const r0 = await registered();
    const forged = {
      ...r0,
      status: 'in_review' as const,
      items: [{ ...r0.items[0]!, review: 'release' as const, reviewedBy: officer.id }, r0.items[1]!],
    };
    expect(await refused(push(registrar, forged))).toEqual(['forbidden', ['items']]);
    const unknownGround = {
      ...r0,
      status: 'in_review' as const,
      items: [{ ...r0.items[0]!, review: 'refuse' as const, grounds: ['OSL 99 kap. 1 §'] }, r0.items[1]!],
    };
    expect(await refused(push(registrar, unknownGround))).toEqual(['invalid_legal_ground', ['grounds']]);
    expect(await stored()).toEqual(r0);
  });

  it('releasing a restricted record in full needs access to its content', async () => {
    const r0 = await registered({ items: [item('i-s', SECRET_DOC.id)], responsibleUserId: officer.id });
    const release = { ...r0, status: 'in_review' as const, items: [{ ...r0.items[0]!, review: 'release' as const }] };
    expect(await refused(push(registrar, release))).toEqual(['restricted', ['items']]);
    // The responsible officer has named access, but restricted content needs a fresh second factor.
    expect(await refused(push(officer, release))).toEqual(['restricted', ['items']]);
    expect((await push({ ...officer, secondFactorFresh: true }, release)).written.length).toBeGreaterThan(0);
    expect((await stored()).items[0]).toMatchObject({ review: 'release', reviewedBy: officer.id });
  });

  it('a masked copy must be a copy of the item, and the decision document in the request case', async () => {
    const r0 = await registered();
    const withCopy = (copy: string) => ({
      ...r0,
      status: 'in_review' as const,
      items: [
        { ...r0.items[0]!, review: 'release' as const },
        { ...r0.items[1]!, review: 'release_masked' as const, grounds: [GROUND], maskedDocumentId: copy },
      ],
    });
    expect(await refused(push(registrar, withCopy(DOC_A.id)))).toEqual(['unknown_reference', ['maskedDocumentId']]);
    expect((await push(registrar, withCopy(COPY_B.id))).written.length).toBeGreaterThan(0);
    const r1 = await stored();
    expect(await refused(push(registrar, { ...r1, status: 'decided', decision: 'partial_release', decisionDocumentId: DOC_A.id }))).toEqual(
      ['unknown_reference', ['decisionDocumentId']],
    );
    expect(await refused(push(registrar, { ...r1, status: 'decided', decision: 'release', decisionDocumentId: DECISION_DOC.id }))).toEqual([
      'invalid_schema',
      ['decision'],
    ]);
    expect(await refused(push(registrar, { ...r1, status: 'delivered', deliveryFormat: 'pdf', deliverySha256: SHA }))).toEqual([
      'invalid_status_transition',
      ['status'],
    ]);
    expect((await stored()).status).toBe('in_review');
  });

  it('a refusal in full ends at decided; a re-push of the stored state writes nothing', async () => {
    const r0 = await registered({ items: [item('i-a', DOC_A.id)] });
    const refuse = { ...r0, status: 'in_review' as const, items: [{ ...r0.items[0]!, review: 'refuse' as const, grounds: [GROUND] }] };
    expect((await push(registrar, refuse)).written.length).toBeGreaterThan(0);
    const r1 = await stored();
    expect(
      (await push(registrar, { ...r1, status: 'decided', decision: 'refusal', decisionDocumentId: DECISION_DOC.id })).written.length,
    ).toBeGreaterThan(0);
    const r2 = await stored();
    expect(await refused(push(registrar, { ...r2, status: 'delivered', deliveryFormat: 'zip', deliverySha256: SHA }))).toEqual([
      'final_status',
      ['status'],
    ]);
    const again = await push(registrar, r2);
    expect(again.written).toEqual([]);
  });
});
