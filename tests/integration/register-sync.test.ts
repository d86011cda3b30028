import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNumber, type Case } from '../../shared/src';
import { connectClient, eventually, startTestServer, type TestClient, type TestServer } from './harness';
import { newCase, newIncoming, openProcess } from './fixtures';

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.stop();
});

async function client(username: string): Promise<TestClient> {
  const c = await connectClient(server, username);
  clients.push(c);
  await c.replica.awaitInitialSync();
  return c;
}

async function caseById(c: TestClient, id: string): Promise<Case | null> {
  const doc = await c.replica.db.cases.findOne(id).exec();
  return doc ? (doc.toMutableJSON() as Case) : null;
}

describe('the register end to end through real clients', () => {
  it('assigns the case number on the server and shows it to another client', async () => {
    const a = await client('registrator');
    const b = await client('registrator2');
    const p = await openProcess(a.replica);
    const draft = newCase(a.replica, p);
    await a.replica.db.cases.insert(draft);
    const seen = await eventually(async () => {
      const c = await caseById(b, draft.id);
      return c && c.caseNumber ? c : null;
    }, 10_000, 'case at the second client');
    expect(seen.caseNumber).toMatch(/^KS \d{4}-\d{5}$/);
    expect(seen.createdBy).toBe(a.replica.session.user.id);
    const own = await eventually(async () => (await caseById(a, draft.id))?.caseNumber || null);
    expect(own).toBe(seen.caseNumber);

    const doc = newIncoming(a.replica, p, draft.id);
    await a.replica.db.documents.insert(doc);
    const docAtB = await eventually(async () => {
      const d = await b.replica.db.documents.findOne(doc.id).exec();
      return d?.documentNumber ? d : null;
    });
    expect(docAtB.documentNumber).toBe(`${seen.caseNumber}-1`);
    // The actor register for the case is readable at the other client.
    const history = await eventually(async () => {
      const entries = await b.replica.db.audit.find({ selector: { caseId: draft.id } }).exec();
      return entries.length >= 2 ? entries : null;
    });
    expect(history.map((e) => e.action)).toContain('create');
    expect(history.every((e) => e.actorId === a.replica.session.user.id)).toBe(true);
  });

  it('gives 20 clients that registered offline unique, gap-free numbers', async () => {
    const registrars = await Promise.all(Array.from({ length: 20 }, (_, i) => client(i % 2 ? 'registrator' : 'registrator2')));
    const p = await openProcess(registrars[0]!.replica);
    for (const c of registrars) c.net.down();
    const ids: string[] = [];
    for (const [i, c] of registrars.entries()) {
      for (let k = 0; k < 3; k++) {
        const rec = newCase(c.replica, p, `Offline-registrerat ärende ${i}-${k}`);
        ids.push(rec.id);
        await c.replica.db.cases.insert(rec);
      }
    }
    await eventually(() => registrars.every((c) => c.replica.status.value.pendingChanges > 0) || null, 10_000, 'pending changes shown');
    for (const c of registrars) c.net.restore();
    for (const c of registrars) c.replica.reconnect();
    const numbers = await eventually(async () => {
      const recs = await Promise.all(ids.map((id) => server.storage.getRecord('cases', id)));
      return recs.every((r) => r && r.data.caseNumber) ? recs.map((r) => r!.data as unknown as Case) : null;
    }, 60_000, 'all offline cases on the server');
    const serials = numbers.map((c) => c.serial).sort((x, y) => x - y);
    expect(new Set(numbers.map((c) => c.caseNumber)).size).toBe(ids.length);
    for (let i = 1; i < serials.length; i++) expect(serials[i]).toBe(serials[i - 1]! + 1);
    for (const c of numbers) expect(parseNumber(c.caseNumber)?.serial).toBe(c.serial);
    // Every client ends with each case exactly once, numbered.
    await eventually(async () => {
      for (const c of registrars) {
        const local = await c.replica.db.cases.find({ selector: { id: { $in: ids } } }).exec();
        if (local.length !== ids.length || local.some((d) => d.caseNumber === '')) return false;
      }
      return true;
    }, 60_000, 'numbers at every client');
    await eventually(() => registrars.every((c) => c.replica.status.value.pendingChanges === 0) || null, 10_000, 'no pending changes');
  });

  it('never sends a user records of a register they are not a member of', async () => {
    const sn = await client('sn.registrator');
    const cases = await sn.replica.db.cases.find().exec();
    const docs = await sn.replica.db.documents.find().exec();
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c) => c.registerId === 'reg-sn')).toBe(true);
    expect(docs.every((d) => d.registerId === 'reg-sn')).toBe(true);
    const registers = await sn.replica.db.registers.find().exec();
    expect(registers.map((r) => r.id)).toEqual(['reg-sn']);
  });

  it('merges edits of different fields and shows same-field conflicts to the user', async () => {
    const a = await client('registrator');
    const b = await client('registrator2');
    const p = await openProcess(a.replica);
    const draft = newCase(a.replica, p, 'Ärende för konflikttest');
    await a.replica.db.cases.insert(draft);
    await eventually(async () => (await caseById(b, draft.id))?.caseNumber || null);
    await eventually(async () => (await caseById(a, draft.id))?.caseNumber || null);
    a.net.down();
    b.net.down();
    await (await a.replica.db.cases.findOne(draft.id).exec())!.incrementalPatch({ title: 'Titel från A', unit: 'Kansliet' });
    await (await b.replica.db.cases.findOne(draft.id).exec())!.incrementalPatch({ description: 'Beskrivning från B', unit: 'Ekonomi' });
    a.net.restore();
    a.replica.reconnect();
    await eventually(async () => (await server.storage.getRecord('cases', draft.id))?.data.title === 'Titel från A' || null);
    b.net.restore();
    b.replica.reconnect();
    const merged = await eventually(async () => {
      const rec = await server.storage.getRecord('cases', draft.id);
      return rec?.data.description === 'Beskrivning från B' ? rec.data : null;
    }, 20_000, 'merged case on the server');
    expect(merged.title).toBe('Titel från A');
    expect(merged.unit).toBe('Kansliet');
    const notice = await eventually(() => b.replica.conflicts.value.find((c) => c.id === draft.id), 10_000, 'conflict notice');
    expect(notice.conflicts).toEqual([{ field: 'unit', base: '', mine: 'Ekonomi', theirs: 'Kansliet' }]);
    await b.replica.resolveConflict('cases', draft.id, 'unit', 'mine');
    await eventually(async () => (await server.storage.getRecord('cases', draft.id))?.data.unit === 'Ekonomi' || null, 10_000, 'resolution on server');
    await eventually(async () => (await caseById(a, draft.id))?.unit === 'Ekonomi' || null, 10_000, 'resolution at A');
    expect(b.replica.conflicts.value.find((c) => c.id === draft.id)).toBeUndefined();
  });

  it('shows a refused push to the user and keeps what they tried to save', async () => {
    const officer = await client('handlaggare');
    const p = await openProcess(officer.replica);
    // A case officer may register cases only with themselves as the responsible officer.
    const forged = { ...newCase(officer.replica, p, 'Ärende åt någon annan'), responsibleUserId: 'usr-registrator' };
    await officer.replica.db.cases.insert(forged);
    const notice = await eventually(() => officer.replica.rejections.value.find((r) => r.id === forged.id), 10_000, 'rejection');
    expect(notice.code).toBe('forbidden');
    expect(notice.attempted.title).toBe('Ärende åt någon annan');
    expect(await server.storage.getRecord('cases', forged.id)).toBeNull();
  });
});
