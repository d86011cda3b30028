import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Checkpoint, CollectionName, User } from '../../../shared/src';
import { sampleAudit, sampleCase, sampleDocument, sampleFile, sampleUser } from '../../../shared/src/testing/samples';
import { buildDemoData } from '../demo/demo-data';
import { importRecords } from '../demo/seed';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { ContextLoader } from './access-context';
import { PullService, accessFingerprint, strippedTombstone, toWire } from './pull.service';
import { auditCandidates } from './audit-candidates';

let dataDir: string;
let storage: SqliteStorage;
let pull: PullService;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-pull-'));
  storage = new SqliteStorage(dataDir);
  pull = new PullService(storage, new ContextLoader(storage));
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const ksUser = sampleUser({ id: 'usr-ks', username: 'ks', roles: ['registrar'], registerIds: ['reg-ks'] });

type Seedable = Record<string, unknown> & { id: string; registerId: string };

async function seed(collection: CollectionName, records: Seedable[]): Promise<void> {
  await importRecords(storage, [{ collection, records }]);
}

function caseIn(registerId: string, n: number): Seedable {
  return sampleCase({ id: `case-${registerId}-${n}`, registerId, caseNumber: '', serial: 0, title: `Ärende ${n}` });
}

/** Pulls until a short batch, as RxDB does; returns every batch. */
async function pullAll(user: User, collection: CollectionName, limit: number) {
  const batches: { ids: string[]; checkpoint: Checkpoint }[] = [];
  let checkpoint: Checkpoint | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const res = await pull.pull(user, collection, checkpoint, limit);
    batches.push({ ids: res.documents.map((d) => d.id as string), checkpoint: res.checkpoint });
    checkpoint = res.checkpoint;
    if (res.documents.length < limit) return batches;
  }
  throw new Error('pull did not end');
}

/** Pulls until a short batch that is not cut short (`more`), as the replica does. */
async function pullThrough(service: PullService, user: User, collection: CollectionName, limit: number, from: Checkpoint | null = null) {
  const steps: { ids: string[]; checkpoint: Checkpoint; more: boolean }[] = [];
  let checkpoint: Checkpoint | null = from;
  for (let guard = 0; guard < 1000; guard++) {
    const res = await service.pull(user, collection, checkpoint, limit);
    steps.push({ ids: res.documents.map((d) => d.id as string), checkpoint: res.checkpoint, more: res.more === true });
    checkpoint = res.checkpoint;
    if (res.documents.length < limit && !res.more) return steps;
  }
  throw new Error('pull did not end');
}

describe('PullService: bounded work and the actor register filtered in SQL', () => {
  const officer = sampleUser({ id: 'usr-officer', username: 'officer', roles: ['case_officer'], registerIds: ['reg-ks'] });
  const reader = sampleUser({ id: 'usr-reader', username: 'reader', roles: ['reader'], registerIds: ['reg-ks'] });
  const archivist = sampleUser({ id: 'usr-arch', username: 'arch', roles: ['archivist'], registerIds: ['reg-ks'] });

  /** Cases of the officer and of others, documents (one the officer holds in another's case), a file, and entries about each. */
  async function seedRegister(): Promise<void> {
    await seed('cases', [
      sampleCase({ id: 'c-mine', registerId: 'reg-ks', responsibleUserId: 'usr-officer' }),
      sampleCase({ id: 'c-other', registerId: 'reg-ks', responsibleUserId: 'usr-x' }),
    ]);
    await seed('documents', [
      sampleDocument({ id: 'd-in-mine', registerId: 'reg-ks', caseId: 'c-mine', responsibleUserId: 'usr-x' }),
      sampleDocument({ id: 'd-mine-elsewhere', registerId: 'reg-ks', caseId: 'c-other', responsibleUserId: 'usr-officer' }),
      sampleDocument({ id: 'd-other', registerId: 'reg-ks', caseId: 'c-other', responsibleUserId: 'usr-x' }),
    ]);
    await seed('files', [
      sampleFile({ id: 'f-mine', registerId: 'reg-ks', documentId: 'd-in-mine' }),
      sampleFile({ id: 'f-other', registerId: 'reg-ks', documentId: 'd-other', fileKey: 'k2' }),
    ]);
    const about: [string, 'cases' | 'documents' | 'files', string][] = [
      ['c-mine', 'cases', 'c-mine'],
      ['c-other', 'cases', 'c-other'],
      ['d-in-mine', 'documents', 'c-mine'],
      ['d-mine-elsewhere', 'documents', 'c-other'],
      ['d-other', 'documents', 'c-other'],
      ['f-mine', 'files', 'c-mine'],
      ['f-other', 'files', 'c-other'],
    ];
    const entries: Seedable[] = [];
    for (let round = 0; round < 5; round++) {
      for (const [recordId, recordCollection, caseId] of about) {
        entries.push(
          sampleAudit({
            id: `a-${recordId}-${round}`,
            registerId: 'reg-ks',
            recordId,
            recordCollection,
            caseId,
            position: entries.length + 1,
          }),
        );
      }
    }
    await seed('audit', entries);
  }

  it('a user without audit.read receives exactly what the projection lets through, read from SQL candidates only', async () => {
    await seedRegister();
    for (const user of [officer, reader, archivist]) {
      const all = await storage.pullPage('audit', 0, 10_000, ['reg-ks']);
      const ctx = await new ContextLoader(storage).contexts(all);
      const expected = all.filter((r, i) => toWire(user, r, ctx[i]) !== null).map((r) => r.id);
      const got = (await pullThrough(pull, user, 'audit', 4)).flatMap((s) => s.ids);
      expect(got, user.username).toEqual(expected);
    }
    const mine = (await pullThrough(pull, officer, 'audit', 100)).flatMap((s) => s.ids);
    expect(new Set(mine.map((id) => id.replace(/-\d+$/, '')))).toEqual(
      new Set(['a-c-mine', 'a-d-in-mine', 'a-d-mine-elsewhere', 'a-f-mine']),
    );
    expect((await auditCandidates(storage, reader.id, ['reg-ks'], 0)).seqs).toEqual([]);
    // The sync bar's total counts candidates, not the register.
    expect(await pull.remaining(reader, 'audit', { seq: 0, fp: '' })).toBe(0);
    expect(await pull.remaining(officer, 'audit', { seq: 0, fp: '' })).toBe(mine.length);
    // Past the candidates, the checkpoint moves to the end of the log as it does past hidden rows.
    const none = await pull.pull(reader, 'audit', null, 10);
    expect(none.checkpoint.seq).toBe(await storage.maxSeq('audit'));
  });

  it('the candidates come in bounded pages whose union is the whole set, however small the pages', async () => {
    await seedRegister();
    // One entry changed since written: a candidate for every user of the register (its tombstone).
    await storage.transaction(async (tx) => {
      await tx.touchWhere('audit', 'caseId', 'c-other');
    });
    const walk = async (userId: string, size: number) => {
      const seqs: number[] = [];
      let pages = 0;
      for (let at = null as Awaited<ReturnType<typeof storage.auditCandidatePage>>['next']; ; pages++) {
        const page = await storage.auditCandidatePage(userId, ['reg-ks'], 0, at, size);
        expect(page.seqs.length, 'a page holds at most the entries of `size` targets').toBeLessThanOrEqual(size * 20);
        seqs.push(...page.seqs);
        if (!page.next) return { seqs: [...new Set(seqs)].sort((a, b) => a - b), pages };
        at = page.next;
      }
    };
    for (const user of [officer, reader]) {
      const whole = await walk(user.id, 10_000);
      const paged = await walk(user.id, 1);
      expect(paged.seqs, user.username).toEqual(whole.seqs);
      expect(paged.seqs.length).toBeGreaterThan(0);
      expect(paged.pages).toBeGreaterThan(whole.pages);
      expect((await auditCandidates(storage, user.id, ['reg-ks'], 0)).seqs).toEqual(whole.seqs);
    }
    expect(await storage.auditCandidatePage(officer.id, [], 0, null, 10)).toEqual({ seqs: [], next: null });
  });

  it('a first download walks the candidates once in all, its count is exactly what the following pulls send, and a commit makes the next pull walk again', async () => {
    // More of the officer's cases than one page of the walk holds, each with entries; others' cases too.
    const cases = Array.from({ length: 260 }, (_, i) =>
      sampleCase({ id: `c-${String(i).padStart(3, '0')}`, registerId: 'reg-ks', responsibleUserId: i % 9 === 0 ? 'usr-x' : 'usr-officer' }),
    );
    await seed('cases', cases);
    await seed(
      'audit',
      cases.flatMap((c, i) =>
        [0, 1].map((round) =>
          sampleAudit({
            id: `a-${c.id}-${round}`,
            registerId: 'reg-ks',
            recordId: c.id,
            recordCollection: 'cases',
            caseId: c.id,
            position: 2 * i + round + 1,
          }),
        ),
      ),
    );
    const page = storage.auditCandidatePage.bind(storage);
    let [walks, pages] = [0, 0];
    storage.auditCandidatePage = (userId, registerIds, afterSeq, at, size) => {
      if (at === null) walks++;
      pages++;
      return page(userId, registerIds, afterSeq, at, size);
    };
    const first = await pull.pull(officer, 'audit', null, 50, false, true);
    expect(walks).toBe(1);
    expect(pages).toBeGreaterThan(3);
    const steps = await pullThrough(pull, officer, 'audit', 50, first.checkpoint);
    const rest = steps.flatMap((s) => s.ids);
    expect(steps.length).toBeGreaterThan(3);
    // Nothing was committed meanwhile: every later pull takes the first one's walk from its checkpoint on.
    expect(walks).toBe(1);
    expect(first.documents).toHaveLength(50);
    expect(first.remaining).toBe(rest.length);
    const mine = cases.filter((c) => c.responsibleUserId === 'usr-officer').length * 2;
    expect(first.documents.length + rest.length).toBe(mine);
    // Asked without the pull, the count takes the same walk and agrees.
    expect(await pull.remaining(officer, 'audit', first.checkpoint)).toBe(rest.length);
    expect(walks).toBe(1);
    // A commit moves the head: the next pull walks again and finds the new entry about the officer's case.
    const mineCase = cases.find((c) => c.responsibleUserId === 'usr-officer')!;
    await seed('audit', [
      sampleAudit({
        id: 'a-new',
        registerId: 'reg-ks',
        recordId: mineCase.id,
        recordCollection: 'cases',
        caseId: mineCase.id,
        position: 521,
      }),
    ]);
    const after = await pull.pull(officer, 'audit', steps.at(-1)!.checkpoint, 50);
    expect(walks).toBe(2);
    expect(after.documents.map((d) => d.id)).toEqual(['a-new']);
  });

  it('an entry changed after it was written reaches a user who no longer reads it as a stripped tombstone', async () => {
    await seedRegister();
    const before = await pull.pull(officer, 'audit', null, 100);
    // The officer hands the case over; its entries are touched (their access changed).
    await storage.transaction(async (tx) => {
      const c = (await tx.getRecord('cases', 'c-mine'))!;
      await tx.putRecord('cases', { ...(c.data as Seedable), responsibleUserId: 'usr-x' });
      await tx.touchWhere('audit', 'caseId', 'c-mine');
    });
    const after = await pull.pull(officer, 'audit', before.checkpoint, 100);
    const gone = after.documents.filter((d) => d._deleted === true).map((d) => d.id);
    expect(gone.length).toBeGreaterThan(0);
    expect(after.documents.every((d) => d._deleted === true && (d.changes as unknown[]).length === 0)).toBe(true);
  });

  it('after an access change, a user without audit.read gets exactly the entries that now project differently, found in SQL', async () => {
    await seedRegister();
    await seed('cases', [
      sampleCase({
        id: 'c-secret',
        registerId: 'reg-ks',
        responsibleUserId: 'usr-officer',
        restrictionKind: 'secrecy',
        legalGround: 'OSL 26:1',
      }),
    ]);
    await seed('audit', [
      sampleAudit({
        id: 'a-secret',
        registerId: 'reg-ks',
        recordId: 'c-secret',
        recordCollection: 'cases',
        caseId: 'c-secret',
        position: 99,
      }),
    ]);
    const before = { ...officer, secondFactorFresh: false };
    const after = { ...officer, secondFactorFresh: true };
    const held = await pullThrough(pull, before, 'audit', 100);
    const all = await storage.pullPage('audit', 0, 10_000, ['reg-ks']);
    const ctx = await new ContextLoader(storage).contexts(all);
    const expected = all
      .filter((r, i) => JSON.stringify(toWire(before, r, ctx[i])) !== JSON.stringify(toWire(after, r, ctx[i])))
      .map((r) => r.id);
    expect(expected).toEqual(['a-secret']);
    const res = await pull.pull(after, 'audit', held.at(-1)!.checkpoint, 100);
    expect(res.documents.map((d) => d.id)).toEqual(expected);
  });

  it('stops at its scan budget with what it found, a checkpoint where it stopped, and `more`; pulling on yields everything once', async () => {
    const bounded = new PullService(storage, new ContextLoader(storage), 10);
    const records: Seedable[] = [
      ...Array.from({ length: 30 }, (_, i) => caseIn('reg-sn', i)),
      ...Array.from({ length: 5 }, (_, i) => caseIn('reg-ks', i)),
    ];
    const hidden = Array.from({ length: 30 }, (_, i) =>
      sampleUser({ id: `usr-bn-${i}`, username: `bn${i}`, registerId: 'reg-bn', registerIds: ['reg-bn'] }),
    );
    await seed('users', [...hidden, sampleUser({ id: 'usr-ks-0', username: 'ks0', registerIds: ['reg-ks'] })]);
    await seed('cases', records);
    const first = await bounded.pull(ksUser, 'users', null, 5);
    expect(first).toEqual({ documents: [], checkpoint: { seq: 10, fp: accessFingerprint(ksUser) }, more: true });
    const steps = await pullThrough(bounded, ksUser, 'users', 5);
    expect(steps.map((s) => s.checkpoint.seq)).toEqual([10, 20, 30, 31]);
    expect(steps.flatMap((s) => s.ids)).toEqual(['usr-ks-0']);
    // `remaining` counts the register's records exactly (from an index, a piece at a time).
    expect(await bounded.remaining(ksUser, 'cases', { seq: 0, fp: '' })).toBe(5);
    expect(await bounded.remaining(ksUser, 'cases', { seq: (await storage.maxSeq('cases')) - 2, fp: '' })).toBe(2);
    // A full batch within the budget is not cut short.
    expect((await bounded.pull(ksUser, 'cases', null, 5)).more).toBeUndefined();
  });
});

describe('PullService', () => {
  it("returns a full batch of the user's records past 30 of another register's", async () => {
    const records = [
      ...Array.from({ length: 30 }, (_, i) => caseIn('reg-sn', i)),
      ...Array.from({ length: 5 }, (_, i) => caseIn('reg-ks', i)),
    ];
    await seed('cases', records);
    const res = await pull.pull(ksUser, 'cases', null, 5);
    expect(res.documents.map((d) => d.id)).toEqual(['case-reg-ks-0', 'case-reg-ks-1', 'case-reg-ks-2', 'case-reg-ks-3', 'case-reg-ks-4']);
    expect(res.checkpoint).toEqual({ seq: (await storage.getRecord('cases', 'case-reg-ks-4'))!.seq, fp: accessFingerprint(ksUser) });
    expect(res.checkpoint.seq).toBe(35);
    const next = await pull.pull(ksUser, 'cases', res.checkpoint, 5);
    expect(next).toEqual({ documents: [], checkpoint: res.checkpoint });
  });

  it('keeps scanning past rows the projection hides until the batch is full', async () => {
    // Users are not filtered by register in the query: 30 users of a register the KS user
    // does not share come before the 5 it may see.
    const hidden = Array.from({ length: 30 }, (_, i) =>
      sampleUser({ id: `usr-bn-${i}`, username: `bn${i}`, registerId: 'reg-bn', registerIds: ['reg-bn'] }),
    );
    const visible = Array.from({ length: 5 }, (_, i) => sampleUser({ id: `usr-ks-${i}`, username: `ks${i}`, registerIds: ['reg-ks'] }));
    const interleaved: Seedable[] = [];
    for (let i = 0; i < 30; i++) {
      interleaved.push(hidden[i]!);
      if (i % 6 === 5) interleaved.push(visible[(i - 5) / 6]!);
    }
    expect(interleaved.slice(-1)[0]!.id).toBe('usr-ks-4');
    interleaved.push(sampleUser({ id: 'usr-bn-last', username: 'bnlast', registerId: 'reg-bn', registerIds: ['reg-bn'] }));
    await seed('users', interleaved);

    const res = await pull.pull(ksUser, 'users', null, 5);
    expect(res.documents.map((d) => d.id)).toEqual(['usr-ks-0', 'usr-ks-1', 'usr-ks-2', 'usr-ks-3', 'usr-ks-4']);
    // The checkpoint is the last row scanned, the fifth visible user: the hidden one after it
    // is left for the next pull, so nothing can be skipped.
    expect(res.checkpoint.seq).toBe((await storage.getRecord('users', 'usr-ks-4'))!.seq);
    const rest = await pull.pull(ksUser, 'users', res.checkpoint, 5);
    expect(rest.documents).toEqual([]);
    expect(rest.checkpoint.seq).toBe((await storage.getRecord('users', 'usr-bn-last'))!.seq);
  });

  it('moves the checkpoint past hidden rows even when it returns nothing', async () => {
    await seed(
      'cases',
      Array.from({ length: 12 }, (_, i) => caseIn('reg-ks', i)),
    );
    const inactive = { ...ksUser, active: false };
    const res = await pull.pull(inactive, 'cases', null, 5);
    expect(res).toEqual({ documents: [], checkpoint: { seq: 12, fp: accessFingerprint(inactive) } });
    const noRegisters = { ...ksUser, registerIds: [] };
    const none = await pull.pull(noRegisters, 'cases', { seq: 3, fp: accessFingerprint(noRegisters) }, 5);
    expect(none).toEqual({ documents: [], checkpoint: { seq: 3, fp: accessFingerprint(noRegisters) } });
  });

  it('pages in sequence order with chained checkpoints; a short batch ends the log', async () => {
    const records: Seedable[] = [];
    for (let i = 0; i < 7; i++) records.push(caseIn('reg-ks', i), caseIn('reg-sn', i), caseIn('reg-sn', 100 + i));
    await seed('cases', records);
    const batches = await pullAll(ksUser, 'cases', 3);
    expect(batches.map((b) => b.ids.length)).toEqual([3, 3, 1]);
    expect(batches.flatMap((b) => b.ids)).toEqual(Array.from({ length: 7 }, (_, i) => `case-reg-ks-${i}`));
    const seqs = batches.map((b) => b.checkpoint.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // When the batch happens to end exactly at the log's end, one more (empty) pull ends it.
    const exact = await pullAll(ksUser, 'cases', 7);
    expect(exact.map((b) => b.ids.length)).toEqual([7, 0]);
  });

  it('sends a changed record again at its new place in the log, with _deleted', async () => {
    await seed('cases', [caseIn('reg-ks', 0), caseIn('reg-ks', 1)]);
    const first = await pull.pull(ksUser, 'cases', null, 10);
    expect(first.documents.map((d) => [d.id, d._deleted])).toEqual([
      ['case-reg-ks-0', false],
      ['case-reg-ks-1', false],
    ]);
    await storage.transaction((tx) => tx.putRecord('cases', { ...caseIn('reg-ks', 0), title: 'Ändrad' }, true));
    const next = await pull.pull(ksUser, 'cases', first.checkpoint, 10);
    expect(next.documents).toHaveLength(1);
    expect(next.documents[0]).toMatchObject({ id: 'case-reg-ks-0', title: 'Ändrad', syncVersion: 2, _deleted: true });
  });

  it('shows users to those who share a register with them, and each user itself', async () => {
    const both = sampleUser({ id: 'usr-both', username: 'both', registerIds: ['reg-ks', 'reg-sn'] });
    const sn = sampleUser({ id: 'usr-sn', username: 'sn', registerId: 'reg-sn', registerIds: ['reg-sn'] });
    const loner = sampleUser({ id: 'usr-none', username: 'none', registerIds: [] });
    await seed('users', [ksUser, both, sn, loner]);
    const seen = async (u: User) => (await pull.pull(u, 'users', null, 100)).documents.map((d) => d.id).sort();
    expect(await seen(ksUser)).toEqual(['usr-both', 'usr-ks']);
    expect(await seen(both)).toEqual(['usr-both', 'usr-ks', 'usr-sn']);
    expect(await seen(sn)).toEqual(['usr-both', 'usr-sn']);
    expect(await seen(loner)).toEqual(['usr-none']);
  });

  it('the wire form is the projection plus _deleted, or null', () => {
    const data = sampleCase({ id: 'c', registerId: 'reg-ks', title: 'T' });
    const rec = { collection: 'cases' as const, id: 'c', registerId: 'reg-ks', seq: 1, version: 1, deleted: false, data };
    expect(toWire(ksUser, rec)).toEqual({ ...data, _deleted: false });
    expect(toWire(ksUser, { ...rec, registerId: 'reg-sn', data: { ...rec.data, registerId: 'reg-sn' } })).toBeNull();
  });

  it('on the demo register, each registrar receives exactly its own registers', async () => {
    const demo = buildDemoData({ seed: 1, nowMs: Date.UTC(2026, 10, 26, 9), caseCount: 5 });
    await importRecords(storage, [
      { collection: 'registers', records: demo.registers },
      { collection: 'users', records: demo.users.map((u) => u.user) },
      { collection: 'cases', records: demo.cases },
      { collection: 'documents', records: demo.documents },
    ]);
    const user = (name: string) => demo.users.find((u) => u.user.username === name)!.user;
    for (const [name, registerId] of [
      ['registrator', 'reg-ks'],
      ['sn.registrator', 'reg-sn'],
    ] as const) {
      for (const collection of ['cases', 'documents', 'registers'] as const) {
        const expected = (collection === 'registers' ? demo.registers : demo[collection])
          .filter((r) => r.registerId === registerId)
          .map((r) => r.id);
        const got = (await pullAll(user(name), collection, 4)).flatMap((b) => b.ids);
        expect(got, `${name} ${collection}`).toEqual(expected);
      }
    }
    // KS users see every KS user; the SN registrar sees only itself.
    expect((await pullAll(user('sn.registrator'), 'users', 3)).flatMap((b) => b.ids)).toEqual(['usr-sn-registrator']);
    expect((await pullAll(user('lasare'), 'users', 3)).flatMap((b) => b.ids)).toHaveLength(10);
  });

  describe('revocation and grants', () => {
    const officer = sampleUser({ id: 'usr-officer', username: 'officer', roles: ['case_officer'], registerIds: ['reg-ks'] });
    const SECRET = 'Orosanmälan om Kalle Hemlig';
    const secretCase = (o: Record<string, unknown> = {}) =>
      sampleCase({ id: 'case-secret', registerId: 'reg-ks', title: SECRET, responsibleUserId: officer.id, ...o }) as Seedable;

    it('a case restricted later is re-sent without its content to those without access', async () => {
      await seed('cases', [secretCase()]);
      const first = await pull.pull(ksUser, 'cases', null, 10);
      expect(JSON.stringify(first.documents)).toContain(SECRET);
      await storage.transaction((tx) =>
        tx.putRecord('cases', { ...secretCase(), restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' }),
      );
      const next = await pull.pull(ksUser, 'cases', first.checkpoint, 10);
      expect(next.documents).toHaveLength(1);
      expect(next.documents[0]).toMatchObject({ id: 'case-secret', title: '', restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
      expect(JSON.stringify(next.documents)).not.toContain('Kalle Hemlig');
    });

    it('losing the second factor re-sends restricted records stripped; passing it again re-sends them whole', async () => {
      await seed('cases', [secretCase({ restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' }), caseIn('reg-ks', 1)]);
      const fresh = { ...officer, secondFactorFresh: true };
      const first = await pull.pull(fresh, 'cases', null, 10);
      expect(JSON.stringify(first.documents)).toContain(SECRET);
      const lapsed = { ...officer, secondFactorFresh: false };
      const stripped = await pull.pull(lapsed, 'cases', first.checkpoint, 10);
      // Only what differs is re-sent: the restricted case, not the open one.
      expect(stripped.documents.map((d) => d.id)).toEqual(['case-secret']);
      expect(JSON.stringify(stripped.documents)).not.toContain('Kalle Hemlig');
      expect(stripped.checkpoint.fp).toBe(accessFingerprint(lapsed));
      const again = await pull.pull(fresh, 'cases', stripped.checkpoint, 10);
      expect(again.documents.map((d) => [d.id, d.title])).toEqual([['case-secret', SECRET]]);
    });

    it('a user removed from a register gets stripped tombstones for what it held there', async () => {
      await seed('cases', [caseIn('reg-ks', 0), caseIn('reg-sn', 0)]);
      const both = { ...ksUser, registerIds: ['reg-ks', 'reg-sn'] };
      const first = await pull.pull(both, 'cases', null, 10);
      expect(first.documents).toHaveLength(2);
      const next = await pull.pull(ksUser, 'cases', first.checkpoint, 10);
      expect(next.documents).toEqual([strippedTombstone('cases', 'case-reg-sn-0', 'reg-sn')]);
      expect(JSON.stringify(next.documents)).not.toContain('Ärende');
    });

    it('records granted by a new group are sent although older than the checkpoint', async () => {
      await seed('cases', [secretCase({ restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §', accessGroupIds: ['grp-soc'] })]);
      const member = { ...ksUser, secondFactorFresh: true };
      const before = await pull.pull(member, 'cases', null, 10);
      expect(before.documents[0]).toMatchObject({ title: '' });
      const granted = { ...member, groupIds: ['grp-soc'] };
      const after = await pull.pull(granted, 'cases', before.checkpoint, 10);
      expect(after.documents[0]).toMatchObject({ id: 'case-secret', title: SECRET });
    });

    it('a rescan that does not fit one batch continues from its position', async () => {
      await seed(
        'cases',
        Array.from({ length: 7 }, (_, i) => caseIn('reg-sn', i)),
      );
      const both = { ...ksUser, registerIds: ['reg-ks', 'reg-sn'] };
      const first = await pull.pull(both, 'cases', null, 10);
      const a = await pull.pull(ksUser, 'cases', first.checkpoint, 3);
      expect(a.documents).toHaveLength(3);
      expect(a.checkpoint.rescan).toBeDefined();
      const b = await pull.pull(ksUser, 'cases', a.checkpoint, 3);
      const c = await pull.pull(ksUser, 'cases', b.checkpoint, 3);
      expect([...a.documents, ...b.documents, ...c.documents].map((d) => d.id)).toEqual(
        Array.from({ length: 7 }, (_, i) => `case-reg-sn-${i}`),
      );
      expect(c.documents.every((d) => d._deleted === true)).toBe(true);
      expect(c.checkpoint.rescan).toBeUndefined();
    });

    it("a forged fingerprint only ever yields the caller's own projection", async () => {
      await seed('cases', [secretCase({ restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' })]);
      const officerFp = accessFingerprint({ ...officer, secondFactorFresh: true });
      await pull.pull({ ...officer, secondFactorFresh: true }, 'cases', null, 10);
      const res = await pull.pull(ksUser, 'cases', { seq: 999, fp: officerFp }, 10);
      expect(JSON.stringify(res.documents)).not.toContain('Kalle Hemlig');
      const unknownFp = await pull.pull(ksUser, 'cases', { seq: 999, fp: 'f'.repeat(32) }, 10);
      expect(JSON.stringify(unknownFp.documents)).not.toContain('Kalle Hemlig');
    });
  });
});
