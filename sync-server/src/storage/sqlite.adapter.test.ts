import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { relatedReadSql, SqliteStorage } from './sqlite.adapter';
import type { StorageTx } from './storage';

let dataDir: string;
let storage: SqliteStorage;
let open: SqliteStorage[];

function openStorage(): SqliteStorage {
  const s = new SqliteStorage(dataDir);
  open.push(s);
  return s;
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-sqlite-'));
  open = [];
  storage = openStorage();
});

afterEach(async () => {
  for (const s of open) await s.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

const party = (id: string, registerId = 'reg-ks', name = id) => ({ id, registerId, name });

/** Lets other queued work run: a transaction's awaits must not let it in. */
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

describe('SqliteStorage', () => {
  it('reads related records through their relation index, not the whole collection', async () => {
    await storage.transaction(async (tx) => {
      await tx.putRecord('documents', { id: 'd1', registerId: 'reg-ks', caseId: 'c1' });
      await tx.putRecord('documents', { id: 'd2', registerId: 'reg-ks', caseId: 'c2' });
    });
    expect((await storage.listWhere('documents', 'caseId', 'c1')).map((r) => r.id)).toEqual(['d1']);
    const db = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
    try {
      for (const field of ['caseId', 'documentId', 'recordId', 'meetingId', 'bodyId'] as const) {
        const plan = db
          .prepare<[string, string], { detail: string }>(`EXPLAIN QUERY PLAN ${relatedReadSql(field)}`)
          .all('documents', 'x')
          .map((r) => r.detail)
          .join(' ');
        expect(plan, field).toMatch(/USING INDEX records_by_/);
      }
    } finally {
      db.close();
    }
  });

  it('keeps its database in WAL mode with full synchronous writes', () => {
    const db = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it("leaves no overwritten record's old text in the database file (secure_delete)", async () => {
    const secret = 'Gallrad hemlighet ' + 'zq'.repeat(500);
    await storage.transaction((tx) => tx.putRecord('parties', party('p-old', 'reg-ks', secret)));
    await storage.transaction((tx) => tx.putRecord('parties', party('p-old', 'reg-ks', 'Kvar')));
    await storage.close();
    const bytes = readFileSync(path.join(dataDir, 'diarium.sqlite'));
    expect(bytes.includes(Buffer.from('Gallrad hemlighet'))).toBe(false);
  });

  it('scrubRemnants leaves no overwritten value in the database file, not even in the gaps of pages its b-tree rebuilt', async () => {
    // 300 records of varied size written in a shuffled (fixed) order: the b-tree splits and
    // rebalances, moving cells between pages. Then every value is overwritten.
    const marker = (i: number) => `GALLRAT${String(i).padStart(4, '0')}Q`;
    const ids = Array.from({ length: 300 }, (_, i) => i);
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    }
    await storage.transaction(async (tx) => {
      for (const i of ids)
        await tx.putRecord('audit', { id: `a-${i}`, registerId: 'reg-ks', label: marker(i), pad: 'x'.repeat(200 + ((i * 37) % 1000)) });
    });
    await storage.transaction(async (tx) => {
      for (const i of ids)
        await tx.putRecord('audit', { id: `a-${i}`, registerId: 'reg-ks', label: 'Gallrad', pad: 'x'.repeat(200 + ((i * 37) % 1000)) });
    });
    const file = path.join(dataDir, 'diarium.sqlite');
    const left = () => ids.filter((i) => readFileSync(file).includes(Buffer.from(marker(i))));
    // The log folded in on another connection: secure_delete alone leaves some in the file.
    const other = new Database(file);
    other.pragma('wal_checkpoint(TRUNCATE)');
    other.close();
    expect(left().length).toBeGreaterThan(0);

    expect(await storage.scrubRemnants()).toMatchObject({ walTruncated: true });
    expect(left()).toEqual([]);
    expect((await storage.getRecord('audit', 'a-17'))?.data).toMatchObject({ label: 'Gallrad' });
  });

  it('assigns increasing sequence numbers across collections and version + 1 per record', async () => {
    const first = await storage.transaction((tx) => tx.putRecord('parties', party('p1')));
    const second = await storage.transaction((tx) => tx.putRecord('cases', { id: 'c1', registerId: 'reg-ks', title: 'A' }));
    const third = await storage.transaction((tx) => tx.putRecord('parties', { ...party('p1'), name: 'Ändrad' }));
    expect([first.seq, second.seq, third.seq]).toEqual([1, 2, 3]);
    expect([first.version, second.version, third.version]).toEqual([1, 1, 2]);
    // The stored data carries the version as syncVersion, whatever the caller passed.
    expect(third.data).toEqual({ id: 'p1', registerId: 'reg-ks', name: 'Ändrad', syncVersion: 2 });
    const stored = await storage.getRecord('parties', 'p1');
    expect(stored).toEqual({ collection: 'parties', id: 'p1', registerId: 'reg-ks', seq: 3, version: 2, deleted: false, data: third.data });
    expect(await storage.maxSeq('parties')).toBe(3);
    expect(await storage.maxSeq('cases')).toBe(2);
    expect(await storage.maxSeq('documents')).toBe(0);
    expect(await storage.countRecords('parties')).toBe(1);
  });

  it('stores the deleted flag', async () => {
    await storage.transaction((tx) => tx.putRecord('parties', party('p1'), true));
    expect((await storage.getRecord('parties', 'p1'))!.deleted).toBe(true);
  });

  it('sees its own uncommitted writes inside a transaction', async () => {
    await storage.transaction(async (tx) => {
      expect(await tx.getRecord('parties', 'p1')).toBeNull();
      await tx.putRecord('parties', party('p1'));
      expect((await tx.getRecord('parties', 'p1'))!.version).toBe(1);
    });
  });

  it('rolls back everything of a transaction that throws: records, counters and the sequence', async () => {
    await storage.transaction(async (tx) => {
      await tx.putRecord('parties', party('p0'));
      await tx.nextCounter('reg-ks', 'case', 2026);
    });
    await expect(
      storage.transaction(async (tx) => {
        await tx.putRecord('parties', party('p1'));
        await tx.putRecord('parties', { ...party('p0'), name: 'ändrad' });
        await tx.nextCounter('reg-ks', 'case', 2026);
        await tx.raiseCounter('reg-ks', 'free', 2026, 500);
        await tick();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await storage.getRecord('parties', 'p1')).toBeNull();
    expect((await storage.getRecord('parties', 'p0'))!.data.name).toBe('p0');
    expect(await storage.countRecords('parties')).toBe(1);
    const next = await storage.transaction(async (tx) => ({
      rec: await tx.putRecord('parties', party('p2')),
      caseSerial: await tx.nextCounter('reg-ks', 'case', 2026),
      freeSerial: await tx.nextCounter('reg-ks', 'free', 2026),
    }));
    // The rolled-back transaction used seq 2 and 3; the next write gets 2 again.
    expect(next.rec.seq).toBe(2);
    expect(next.caseSerial).toBe(2);
    expect(next.freeSerial).toBe(1);
  });

  it('counts commits the moment the write is readable, and not a rolled-back transaction', async () => {
    expect(storage.commits).toBe(0);
    let seenInside = -1;
    await storage.transaction(async (tx) => {
      await tx.putRecord('parties', party('p1'));
      seenInside = storage.commits;
    });
    expect([seenInside, storage.commits]).toEqual([0, 1]);
    expect(await storage.getRecord('parties', 'p1')).not.toBeNull();
    await expect(
      storage.transaction(async (tx) => {
        await tx.putRecord('parties', party('p2'));
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(storage.commits).toBe(1);
  });

  it('keeps serving after a failed transaction (the queue is not poisoned)', async () => {
    await expect(storage.transaction(async () => Promise.reject(new Error('first')))).rejects.toThrow('first');
    await expect(storage.transaction(async () => 'ok')).resolves.toBe('ok');
  });

  it('serialises concurrent transactions: 50 counters give 1..50 without gaps or duplicates', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        storage.transaction(async (tx) => {
          await tick();
          const before = await tx.getRecord('parties', 'shared');
          await tick();
          const value = await tx.nextCounter('reg-ks', 'case', 2026);
          await tick();
          // A read-modify-write that would lose updates if transactions interleaved.
          const count = ((before?.data.count as number | undefined) ?? 0) + 1;
          await tx.putRecord('parties', { ...party('shared'), count });
          await tx.putRecord('parties', party(`p${i}`));
          return value;
        }),
      ),
    );
    expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Queued in call order, so also handed out in call order.
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const shared = await storage.getRecord('parties', 'shared');
    expect(shared!.data.count).toBe(50);
    expect(shared!.version).toBe(50);
    expect(await storage.maxSeq('parties')).toBe(100);
  });

  it('never shows uncommitted data to readers outside the transaction', async () => {
    await storage.transaction((tx) => tx.putRecord('parties', party('p0')));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const tx = storage.transaction(async (t: StorageTx) => {
      await t.putRecord('parties', party('p1'));
      await t.putRecord('parties', { ...party('p0'), name: 'ej bekräftad' });
      written();
      await gate;
    });
    await wrote;
    // Another connection to the file (a backup or a second process reading) sees nothing either.
    const other = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
    const outside = () => other.prepare('SELECT id, seq FROM records WHERE collection = ? ORDER BY seq').all('parties');
    try {
      expect(await storage.getRecord('parties', 'p1')).toBeNull();
      expect((await storage.getRecord('parties', 'p0'))!.data.name).toBe('p0');
      expect((await storage.pullPage('parties', 0, 100, null)).map((r) => r.id)).toEqual(['p0']);
      expect((await storage.pullPage('parties', 0, 100, ['reg-ks'])).map((r) => r.id)).toEqual(['p0']);
      expect(await storage.maxSeq('parties')).toBe(1);
      expect(await storage.countRecords('parties')).toBe(1);
      expect(outside()).toEqual([{ id: 'p0', seq: 1 }]);
    } finally {
      release();
      await tx;
    }
    expect((await storage.getRecord('parties', 'p1'))!.seq).toBe(2);
    expect((await storage.pullPage('parties', 0, 100, null)).map((r) => [r.id, r.seq])).toEqual([
      ['p1', 2],
      ['p0', 3],
    ]);
    expect(outside()).toEqual([
      { id: 'p1', seq: 2 },
      { id: 'p0', seq: 3 },
    ]);
    other.close();
  });

  it('pages by sequence, filtered by collection and register', async () => {
    await storage.transaction(async (tx) => {
      await tx.putRecord('parties', party('a', 'reg-ks'));
      await tx.putRecord('parties', party('b', 'reg-sn'));
      await tx.putRecord('cases', { id: 'c', registerId: 'reg-ks' });
      await tx.putRecord('parties', party('d', 'reg-bn'));
      await tx.putRecord('parties', party('e', 'reg-ks'));
      // Rewriting moves a record to the end of the log.
      await tx.putRecord('parties', { ...party('a', 'reg-ks'), name: 'a2' });
    });
    const ids = (recs: { id: string; seq: number }[]) => recs.map((r) => `${r.id}@${r.seq}`);
    expect(ids(await storage.pullPage('parties', 0, 100, null))).toEqual(['b@2', 'd@4', 'e@5', 'a@6']);
    expect(ids(await storage.pullPage('parties', 0, 100, ['reg-ks']))).toEqual(['e@5', 'a@6']);
    expect(ids(await storage.pullPage('parties', 0, 100, ['reg-ks', 'reg-sn']))).toEqual(['b@2', 'e@5', 'a@6']);
    expect(ids(await storage.pullPage('parties', 2, 100, ['reg-ks', 'reg-sn']))).toEqual(['e@5', 'a@6']);
    expect(ids(await storage.pullPage('parties', 0, 2, null))).toEqual(['b@2', 'd@4']);
    expect(ids(await storage.pullPage('parties', 4, 1, null))).toEqual(['e@5']);
    expect(ids(await storage.pullPage('parties', 6, 100, null))).toEqual([]);
    expect(await storage.pullPage('parties', 0, 100, [])).toEqual([]);
    expect(ids(await storage.pullPage('cases', 0, 100, ['reg-ks']))).toEqual(['c@3']);
  });

  it('treats register ids as values, never as SQL', async () => {
    await storage.transaction((tx) => tx.putRecord('parties', party('a', 'reg-ks')));
    expect(await storage.pullPage('parties', 0, 100, ["reg-ks') OR 1=1 --"])).toEqual([]);
  });

  it('counts per series, register and year; raiseCounter never lowers a counter', async () => {
    const values = await storage.transaction(async (tx) => {
      const out: number[] = [];
      out.push(await tx.nextCounter('reg-ks', 'case', 2026));
      out.push(await tx.nextCounter('reg-ks', 'case', 2026));
      out.push(await tx.nextCounter('reg-ks', 'case', 2025));
      out.push(await tx.nextCounter('reg-sn', 'case', 2026));
      out.push(await tx.nextCounter('reg-ks', 'free', 2026));
      await tx.raiseCounter('reg-ks', 'case', 2026, 40);
      out.push(await tx.nextCounter('reg-ks', 'case', 2026));
      await tx.raiseCounter('reg-ks', 'case', 2026, 5);
      out.push(await tx.nextCounter('reg-ks', 'case', 2026));
      await tx.raiseCounter('reg-bn', 'case', 2026, 7);
      out.push(await tx.nextCounter('reg-bn', 'case', 2026));
      return out;
    });
    expect(values).toEqual([1, 2, 1, 1, 1, 41, 42, 8]);
  });

  it('spends an enrolment code once, only for its user and before it expires; remembers devices per user', async () => {
    const t0 = Date.now();
    const put = (codeHash: string) =>
      storage.transaction((tx) =>
        tx.putEnrolmentCode({ userId: 'usr-a', codeHash, expiresAt: t0 + 1000, issuedBy: 'usr-admin', issuedAt: t0 }),
      );
    await put('c1');
    expect(await storage.takeEnrolmentCode('usr-b', 'c1', t0)).toBe(false);
    expect(await storage.takeEnrolmentCode('usr-a', 'c1', t0 + 1000)).toBe(false);
    expect(await storage.takeEnrolmentCode('usr-a', 'c1', t0)).toBe(true);
    expect(await storage.takeEnrolmentCode('usr-a', 'c1', t0)).toBe(false);
    // A new code replaces the unused one.
    await put('c2');
    await put('c3');
    expect(await storage.takeEnrolmentCode('usr-a', 'c2', t0)).toBe(false);
    expect(await storage.takeEnrolmentCode('usr-a', 'c3', t0)).toBe(true);
    await storage.addDevice('d1', 'usr-a', t0);
    await storage.addDevice('d1', 'usr-b', t0);
    expect(await storage.deviceOwner('d1')).toBe('usr-a');
    expect(await storage.deviceOwner('d2')).toBeNull();
  });

  it('stores credentials and sessions; deleting a session ends it', async () => {
    await storage.setCredentials({ userId: 'usr-a', username: 'anna', passwordHash: 'h1' });
    await storage.setCredentials({ userId: 'usr-a', username: 'anna.l', passwordHash: 'h2' });
    expect(await storage.getCredentials('anna')).toBeNull();
    expect(await storage.getCredentials('anna.l')).toEqual({
      userId: 'usr-a',
      username: 'anna.l',
      passwordHash: 'h2',
      mustChangePassword: false,
    });
    await storage.setCredentials({ userId: 'usr-a', username: 'anna.l', passwordHash: 'h3', mustChangePassword: true });
    expect(await storage.getCredentialsOf('usr-a')).toEqual({
      userId: 'usr-a',
      username: 'anna.l',
      passwordHash: 'h3',
      mustChangePassword: true,
    });

    const far = Date.now() + 3_600_000;
    await storage.createSession({ tokenHash: 't1', userId: 'usr-a', expiresAt: far }, Date.now());
    await storage.createSession({ tokenHash: 't2', userId: 'usr-a', expiresAt: far }, Date.now());
    expect(await storage.getSession('t1')).toEqual({
      tokenHash: 't1',
      userId: 'usr-a',
      expiresAt: far,
      secondFactorAt: null,
      lastActiveAt: null,
    });
    await storage.deleteSession('t1');
    expect(await storage.getSession('t1')).toBeNull();
    expect(await storage.getSession('t2')).not.toBeNull();
    await storage.deleteSession('never-existed');
    await expect(storage.createSession({ tokenHash: 't2', userId: 'usr-b', expiresAt: far }, Date.now())).rejects.toThrow();
    // A password change ends the user's other sessions, never another user's.
    await storage.createSession({ tokenHash: 't3', userId: 'usr-a', expiresAt: far }, Date.now());
    await storage.createSession({ tokenHash: 't4', userId: 'usr-b', expiresAt: far }, Date.now());
    expect(await storage.deleteOtherSessions('usr-a', 't3')).toEqual(['t2']);
    expect([await storage.getSession('t2'), (await storage.getSession('t3'))?.userId, (await storage.getSession('t4'))?.userId]).toEqual([
      null,
      'usr-a',
      'usr-b',
    ]);
  });

  it("purges the sessions expired by the caller's clock when a new one is created", async () => {
    await storage.createSession({ tokenHash: 'old', userId: 'usr-a', expiresAt: 1_000 }, 500);
    await storage.createSession({ tokenHash: 'later', userId: 'usr-a', expiresAt: 5_000 }, 500);
    // The expired session is only purged on the next insert; authentication checks expiry itself.
    expect(await storage.getSession('old')).not.toBeNull();
    await storage.createSession({ tokenHash: 'new', userId: 'usr-a', expiresAt: 9_000 }, 2_000);
    expect(await storage.getSession('old')).toBeNull();
    expect(await storage.getSession('later')).not.toBeNull();
    expect(await storage.getSession('new')).not.toBeNull();
  });

  it('keeps everything across close and reopen, and continues the sequence', async () => {
    await storage.transaction(async (tx) => {
      await tx.putRecord('parties', party('p1'));
      await tx.putRecord('parties', party('p2'));
      await tx.nextCounter('reg-ks', 'case', 2026);
    });
    await storage.setCredentials({ userId: 'usr-a', username: 'anna', passwordHash: 'h' });
    await storage.createSession({ tokenHash: 't', userId: 'usr-a', expiresAt: Date.now() + 60_000 }, Date.now());
    await storage.close();

    const reopened = openStorage();
    expect((await reopened.getRecord('parties', 'p2'))!.seq).toBe(2);
    expect(await reopened.countRecords('parties')).toBe(2);
    expect(await reopened.getCredentials('anna')).not.toBeNull();
    expect(await reopened.getSession('t')).not.toBeNull();
    const next = await reopened.transaction(async (tx) => ({
      rec: await tx.putRecord('parties', party('p1')),
      serial: await tx.nextCounter('reg-ks', 'case', 2026),
    }));
    expect([next.rec.seq, next.rec.version, next.serial]).toEqual([3, 2, 2]);
  });

  it('waits for queued transactions before closing', async () => {
    const pending = storage.transaction(async (tx) => {
      await tick();
      await tick();
      return tx.putRecord('parties', party('late'));
    });
    await storage.close();
    await expect(pending).resolves.toMatchObject({ id: 'late', seq: 1 });
    const reopened = openStorage();
    expect(await reopened.getRecord('parties', 'late')).not.toBeNull();
  });
});

describe('SqliteStorage: second factor and actor-register chain', () => {
  it('adds the session columns to a data folder made before they existed, keeping its sessions', async () => {
    await storage.close();
    rmSync(path.join(dataDir, 'diarium.sqlite'));
    rmSync(path.join(dataDir, 'diarium.sqlite-wal'), { force: true });
    rmSync(path.join(dataDir, 'diarium.sqlite-shm'), { force: true });
    const old = new Database(path.join(dataDir, 'diarium.sqlite'));
    old.exec('CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL)');
    old.prepare('INSERT INTO sessions VALUES (?, ?, ?)').run('t-old', 'usr-a', 42);
    old.close();
    const migrated = openStorage();
    expect(await migrated.getSession('t-old')).toEqual({
      tokenHash: 't-old',
      userId: 'usr-a',
      expiresAt: 42,
      secondFactorAt: null,
      lastActiveAt: null,
    });
    await migrated.setSessionSecondFactor('t-old', 10, 11);
    await migrated.setSessionLastActive('t-old', 20);
    // Activity never moves backwards (a late background write cannot undo a newer one).
    await migrated.setSessionLastActive('t-old', 15);
    expect(await migrated.getSession('t-old')).toMatchObject({ secondFactorAt: 10, lastActiveAt: 20 });
    await migrated.setSessionSecondFactor('t-old', null, 20);
    expect(await migrated.getSession('t-old')).toMatchObject({ secondFactorAt: null, lastActiveAt: 20 });
    // Opening again does not try to add the columns twice.
    await migrated.close();
    expect(await openStorage().getSession('t-old')).toMatchObject({ lastActiveAt: 20 });
  });

  it('replaces an unconfirmed second factor but never a confirmed one, and accepts each step once', async () => {
    const row = { userId: 'usr-a', method: 'totp', secret: 'AAAA', confirmed: false, lastStep: null, createdAt: 1 };
    expect(await storage.getSecondFactor('usr-a')).toBeNull();
    expect(await storage.putSecondFactor(row)).toBe(true);
    expect(await storage.putSecondFactor({ ...row, secret: 'BBBB' })).toBe(true);
    expect(await storage.acceptSecondFactorStep('usr-a', 100, true)).toBe(true);
    expect(await storage.getSecondFactor('usr-a')).toEqual({ ...row, secret: 'BBBB', confirmed: true, lastStep: 100 });
    expect(await storage.putSecondFactor({ ...row, secret: 'CCCC' })).toBe(false);
    expect(await storage.acceptSecondFactorStep('usr-a', 100, false)).toBe(false);
    expect(await storage.acceptSecondFactorStep('usr-a', 99, false)).toBe(false);
    expect(await storage.acceptSecondFactorStep('usr-a', 101, false)).toBe(true);
    // Confirmation is never taken back by a later step.
    expect(await storage.getSecondFactor('usr-a')).toEqual({ ...row, secret: 'BBBB', confirmed: true, lastStep: 101 });
    expect(await storage.acceptSecondFactorStep('usr-nobody', 1, false)).toBe(false);
  });

  it('keeps chain heads per register inside transactions, rolled back with them', async () => {
    await storage.transaction(async (tx) => {
      expect(await tx.getAuditHead('reg-ks')).toBeNull();
      await tx.setAuditHead({ registerId: 'reg-ks', position: 1, hash: 'a'.repeat(64) });
      expect(await tx.getAuditHead('reg-ks')).toEqual({ registerId: 'reg-ks', position: 1, hash: 'a'.repeat(64) });
    });
    await expect(
      storage.transaction(async (tx) => {
        await tx.setAuditHead({ registerId: 'reg-ks', position: 2, hash: 'b'.repeat(64) });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    const snapshot = await storage.auditSnapshot();
    expect(await snapshot.heads()).toEqual([{ registerId: 'reg-ks', position: 1, hash: 'a'.repeat(64) }]);
    await snapshot.close();
  });
});

describe('SqliteStorage.partyLinks', () => {
  it('returns every link of a party named by more records than a call takes arguments', async () => {
    const links = 200_000;
    const db = new Database(path.join(dataDir, 'diarium.sqlite'));
    try {
      const insert = db.prepare("INSERT INTO party_links (party_id, collection, record_id, field) VALUES ('p1', 'cases', ?, 'partyIds')");
      db.transaction(() => {
        for (let i = 0; i < links; i++) insert.run(`c${i}`);
      })();
    } finally {
      db.close();
    }
    const rows = await storage.partyLinks(['p1']);
    expect(rows).toHaveLength(links);
    expect(rows[0]).toEqual({ partyId: 'p1', collection: 'cases', recordId: 'c0', field: 'partyIds' });
  });
});
