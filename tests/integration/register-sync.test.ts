import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNumber, type Case, type Document } from '../../shared/src';
import { eventually, startTestServer, type TestServer } from './harness';
import { newCase, newIncoming, openProcess } from './fixtures';
import { RemoteClient } from './remote-client';

let server: TestServer;
const clients: RemoteClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.stop();
});

async function client(username: string): Promise<RemoteClient> {
  const c = await RemoteClient.start(server.url, username);
  clients.push(c);
  await c.awaitInitialSync();
  return c;
}

async function closeAll(list: RemoteClient[]): Promise<void> {
  await Promise.all(list.map((c) => c.close()));
  for (const c of list) clients.splice(clients.indexOf(c), 1);
}

describe('the register end to end through real clients', () => {
  it('assigns the case number on the server and shows it to another client', async () => {
    const a = await client('registrator');
    const b = await client('registrator2');
    const p = await openProcess(a);
    const draft = newCase(a.user.id, p);
    await a.insert('cases', draft);
    await b.waitFor('cases', draft.id, 'caseNumber');
    const seen = (await b.findOne<Case>('cases', draft.id))!;
    expect(seen.caseNumber).toMatch(/^KS \d{4}-\d{5}$/);
    expect(seen.createdBy).toBe(a.user.id);
    await a.waitFor('cases', draft.id, 'caseNumber');
    expect((await a.findOne<Case>('cases', draft.id))!.caseNumber).toBe(seen.caseNumber);
    // Exactly one record: the provisional one became the numbered one.
    expect(await a.find('cases', { title: draft.title, id: draft.id })).toHaveLength(1);

    const doc = newIncoming(a.user.id, p, draft.id);
    await a.insert('documents', doc);
    await b.waitFor('documents', doc.id, 'documentNumber');
    expect((await b.findOne<Document>('documents', doc.id))!.documentNumber).toBe(`${seen.caseNumber}-1`);
    // Reading the actor register is a right of its own: a quality assurer has it, another
    // registrar (neither audit reader nor responsible officer) does not receive it.
    const qa = await client('kvalitet');
    const history = await eventually(async () => {
      const entries = await qa.find<{ action: string; actorId: string }>('audit', { caseId: draft.id });
      return entries.length >= 2 ? entries : null;
    });
    expect(history.map((e) => e.action)).toContain('create');
    expect(history.every((e) => e.actorId === a.user.id)).toBe(true);
    expect(await b.find('audit', { caseId: draft.id })).toEqual([]);
    await closeAll([a, b, qa]);
  });

  it('gives 20 clients that registered offline unique, gap-free numbers', async () => {
    const registrars = await Promise.all(Array.from({ length: 20 }, (_, i) => client(i % 2 ? 'registrator' : 'registrator2')));
    const p = await openProcess(registrars[0]!);
    await Promise.all(registrars.map((c) => c.netDown()));
    const ids: string[] = [];
    await Promise.all(
      registrars.map(async (c, i) => {
        for (let k = 0; k < 3; k++) {
          const rec = newCase(c.user.id, p, `Offline-registrerat ärende ${i}-${k}`);
          ids.push(rec.id);
          await c.insert('cases', rec);
        }
      }),
    );
    await eventually(
      async () => (await Promise.all(registrars.map((c) => c.status()))).every((s) => s.pendingChanges === 3 && !s.online),
      20_000,
      'pending changes shown',
    );
    // Provisional: no number yet while offline.
    expect((await registrars[0]!.find<Case>('cases', { id: { $in: ids } })).every((c) => c.caseNumber === '')).toBe(true);
    await Promise.all(registrars.map((c) => c.netUp()));
    const numbered = await eventually(
      async () => {
        const recs = await Promise.all(ids.map((id) => server.storage.getRecord('cases', id)));
        return recs.every((r) => r && r.data.caseNumber) ? recs.map((r) => r!.data as unknown as Case) : null;
      },
      60_000,
      'all offline cases on the server',
    );
    expect(new Set(numbered.map((c) => c.caseNumber)).size).toBe(ids.length);
    const serials = numbered.map((c) => c.serial).sort((x, y) => x - y);
    for (let i = 1; i < serials.length; i++) expect(serials[i]).toBe(serials[i - 1]! + 1);
    for (const c of numbered) expect(parseNumber(c.caseNumber)?.serial).toBe(c.serial);
    // Every client ends with each case exactly once, numbered, and nothing waiting.
    await eventually(
      async () => {
        for (const c of registrars) {
          const local = await c.find<Case>('cases', { id: { $in: ids } });
          if (local.length !== ids.length || local.some((d) => d.caseNumber === '')) return false;
        }
        return true;
      },
      60_000,
      'numbers at every client',
    );
    await eventually(
      async () => (await Promise.all(registrars.map((c) => c.status()))).every((s) => s.pendingChanges === 0),
      20_000,
      'no pending changes',
    );
    await closeAll(registrars);
  });

  it('never sends a user records of a register they are not a member of', async () => {
    const sn = await client('sn.registrator');
    const cases = await sn.find<Case>('cases');
    const docs = await sn.find<Document>('documents');
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c) => c.registerId === 'reg-sn')).toBe(true);
    expect(docs.every((d) => d.registerId === 'reg-sn')).toBe(true);
    expect((await sn.find('registers')).map((r) => r.id)).toEqual(['reg-sn']);
    expect((await sn.find('audit')).every((e) => e.registerId === 'reg-sn')).toBe(true);
    await closeAll([sn]);
  });

  it('merges edits of different fields and shows same-field conflicts to the user', async () => {
    const a = await client('registrator');
    const b = await client('registrator2');
    const p = await openProcess(a);
    const draft = newCase(a.user.id, p, 'Ärende för konflikttest');
    await a.insert('cases', draft);
    await b.waitFor('cases', draft.id, 'caseNumber');
    await a.waitFor('cases', draft.id, 'caseNumber');
    await a.netDown();
    await b.netDown();
    await a.patch('cases', draft.id, { title: 'Titel från A', unit: 'Kansliet' });
    await b.patch('cases', draft.id, { description: 'Beskrivning från B', unit: 'Ekonomi' });
    await a.netUp();
    await eventually(async () => (await server.storage.getRecord('cases', draft.id))?.data.title === 'Titel från A', 20_000, 'A on server');
    await b.netUp();
    const merged = await eventually(
      async () => {
        const rec = await server.storage.getRecord('cases', draft.id);
        return rec?.data.description === 'Beskrivning från B' ? rec.data : null;
      },
      20_000,
      'merged case on the server',
    );
    expect(merged.title).toBe('Titel från A');
    expect(merged.unit).toBe('Kansliet');
    const notice = await eventually(async () => (await b.conflicts()).find((c) => c.id === draft.id), 20_000, 'conflict notice');
    expect(notice.conflicts).toEqual([{ field: 'unit', base: '', mine: 'Ekonomi', theirs: 'Kansliet' }]);
    await b.resolveConflict('cases', draft.id, 'unit', 'mine');
    await eventually(
      async () => (await server.storage.getRecord('cases', draft.id))?.data.unit === 'Ekonomi',
      20_000,
      'resolution on server',
    );
    await eventually(async () => (await a.findOne<Case>('cases', draft.id))?.unit === 'Ekonomi', 20_000, 'resolution at A');
    expect((await b.conflicts()).find((c) => c.id === draft.id)).toBeUndefined();
    await closeAll([a, b]);
  });

  it('shows a refused push to the user and keeps what they tried to save', async () => {
    const officer = await client('handlaggare');
    const p = await openProcess(officer);
    // A case officer may register cases only with themselves as the responsible officer.
    const forged = { ...newCase(officer.user.id, p, 'Ärende åt någon annan'), responsibleUserId: 'usr-registrator' };
    await officer.insert('cases', forged);
    const notice = await eventually(async () => (await officer.rejections()).find((r) => r.id === forged.id), 20_000, 'rejection');
    expect(notice.code).toBe('forbidden');
    expect(notice.attempted.title).toBe('Ärende åt någon annan');
    expect(await server.storage.getRecord('cases', forged.id)).toBeNull();
    await closeAll([officer]);
  });
});
