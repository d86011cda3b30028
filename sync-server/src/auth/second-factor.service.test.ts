import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECOND_FACTOR_IDLE_MS } from '../../../shared/src/protocol/second-factor';
import { sampleUser } from '../../../shared/src/testing/samples';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { ACTIVITY_PERSIST_MS } from './second-factor-freshness';
import { SecondFactorService } from './second-factor.service';
import { base32Decode, totp } from './totp';
import { TotpMethod } from './totp.method';

const MIN = 60_000;
const user = sampleUser();
const TOKEN = 'a'.repeat(64);

let dataDir: string;
let storage: SqliteStorage;
let clock: number;
const now = () => clock;

/** Lets the background writes of touch() land: they queue behind earlier transactions. */
const settle = () => storage.transaction(async () => undefined);

function sessionColumns(): { second_factor_at: number | null; last_active_at: number | null } {
  const db = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
  const row = db
    .prepare<[string], { second_factor_at: number | null; last_active_at: number | null }>(
      'SELECT second_factor_at, last_active_at FROM sessions WHERE token_hash = ?',
    )
    .get(TOKEN)!;
  db.close();
  return row;
}

const admin = { id: 'u-admin', displayName: 'Maria Nord' };
let newIds = 0;

/** A code issued by an administrator for the test user. */
async function issue(service: SecondFactorService) {
  const target = (await storage.getRecord('users', user.id))!;
  return service.issueEnrolmentCode(admin, target, () => `audit-${++newIds}`);
}

/** Starts enrolment with a fresh code from an administrator, as the user would. */
async function startWithCode(service: SecondFactorService) {
  const { code } = await issue(service);
  return service.startEnrolment(user, code);
}

async function enrolled(service: SecondFactorService): Promise<string> {
  const start = await startWithCode(service);
  if (!start.ok) throw new Error(start.code);
  const confirmed = await service.confirmEnrolment(user, TOKEN, totp(base32Decode(start.value.secret), clock));
  expect(confirmed.ok).toBe(true);
  return start.value.secret;
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-2fa-'));
  storage = new SqliteStorage(dataDir);
  // The test clock: one second into a 30-second TOTP step.
  clock = Math.floor(Date.now() / 30_000) * 30_000 + 1_000;
  await storage.createSession({ tokenHash: TOKEN, userId: user.id, expiresAt: clock + 12 * 60 * MIN }, clock);
  await storage.transaction((tx) => tx.putRecord('users', user));
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('enrolment', () => {
  it('starts pending, is activated only by a valid code, and cannot be started again once active', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    expect(await service.status(user, TOKEN)).toEqual({ method: 'totp', enrolled: false, pending: false, fresh: false });
    const first = await startWithCode(service);
    const second = await startWithCode(service);
    if (!first.ok || !second.ok) throw new Error('enrolment refused');
    // Restarting an unconfirmed enrolment replaces the secret: only the newest one counts.
    expect(second.value.secret).not.toBe(first.value.secret);
    expect(await service.status(user, TOKEN)).toEqual({ method: 'totp', enrolled: false, pending: true, fresh: false });
    expect(await service.verify(user, TOKEN, totp(base32Decode(second.value.secret), clock))).toEqual({ ok: false, code: 'not_enrolled' });
    expect(await service.confirmEnrolment(user, TOKEN, totp(base32Decode(first.value.secret), clock))).toEqual({
      ok: false,
      code: 'invalid_code',
    });
    expect(await service.confirmEnrolment(user, TOKEN, totp(base32Decode(second.value.secret), clock))).toEqual({
      ok: true,
      value: { verifiedAt: clock },
    });
    expect(await service.status(user, TOKEN)).toEqual({ method: 'totp', enrolled: true, pending: false, fresh: true });
    expect(await startWithCode(service)).toEqual({ ok: false, code: 'already_enrolled' });
    expect(await service.confirmEnrolment(user, TOKEN, '123456')).toEqual({ ok: false, code: 'already_enrolled' });
    // The secret is kept only in the server's own table.
    expect((await storage.getSecondFactor(user.id))!.secret).toBe(second.value.secret);
  });

  it('needs an enrolment code: unknown, spent and expired codes are refused', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    expect(await service.startEnrolment(user, '')).toEqual({ ok: false, code: 'invalid_enrolment_code' });
    const { code, expiresAt, written } = await issue(service);
    // Issuing is recorded in the actor register, without the code.
    expect(written.map((e) => e.data)).toMatchObject([
      {
        action: 'update',
        recordCollection: 'users',
        recordId: user.id,
        actorName: 'Maria Nord',
        changes: [{ field: 'secondFactorEnrolmentCode', from: '' }],
      },
    ]);
    expect(JSON.stringify(written)).not.toContain(code);
    expect(expiresAt).toBe(clock + 24 * 60 * MIN);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // Only its hash is stored.
    const db = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
    const stored = JSON.stringify(db.prepare('SELECT * FROM enrolment_codes').all());
    db.close();
    expect(stored).not.toContain(code.replace(/-/g, ''));
    expect(stored).not.toContain(code);
    // Typed in lower case without dashes, it still works, once.
    expect((await service.startEnrolment(user, code.replace(/-/g, '').toLowerCase())).ok).toBe(true);
    expect(await service.startEnrolment(user, code)).toEqual({ ok: false, code: 'invalid_enrolment_code' });
    const late = await issue(service);
    clock += 24 * 60 * MIN;
    expect(await service.startEnrolment(user, late.code)).toEqual({ ok: false, code: 'invalid_enrolment_code' });
  });

  it('replaces an enrolled factor only from a session that passed it recently; the new one counts from its first code', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    expect(await service.replaceEnrolment(user, TOKEN)).toEqual({ ok: false, code: 'not_enrolled' });
    const old = await enrolled(service);
    const OTHER = 'b'.repeat(64);
    await storage.createSession({ tokenHash: OTHER, userId: user.id, expiresAt: clock + 12 * 60 * MIN }, clock);
    expect(await service.replaceEnrolment(user, OTHER)).toEqual({ ok: false, code: 'fresh_factor_required' });
    clock += SECOND_FACTOR_IDLE_MS;
    expect(await service.replaceEnrolment(user, TOKEN)).toEqual({ ok: false, code: 'fresh_factor_required' });
    clock += 30_000;
    expect((await service.verify(user, OTHER, totp(base32Decode(old), clock))).ok).toBe(true);
    const next = await service.replaceEnrolment(user, OTHER);
    if (!next.ok) throw new Error(next.code);
    expect(next.value.secret).not.toBe(old);
    clock += 30_000;
    expect(await service.confirmEnrolment(user, OTHER, totp(base32Decode(old), clock))).toEqual({ ok: false, code: 'invalid_code' });
    expect((await service.confirmEnrolment(user, OTHER, totp(base32Decode(next.value.secret), clock))).ok).toBe(true);
    expect(await service.status(user, OTHER)).toMatchObject({ enrolled: true, fresh: true });
  });

  it('refuses a code for a user who never enrolled', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    expect(await service.verify(user, TOKEN, '123456')).toEqual({ ok: false, code: 'not_enrolled' });
    expect(await service.confirmEnrolment(user, TOKEN, '123456')).toEqual({ ok: false, code: 'not_enrolled' });
  });
});

describe('verification', () => {
  it('accepts each time step once: the enrolment code and a repeated code are refused as replayed', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    const secret = await enrolled(service);
    const key = base32Decode(secret);
    expect(await service.verify(user, TOKEN, totp(key, clock))).toEqual({ ok: false, code: 'replayed_code' });
    clock += 30_000;
    const code = totp(key, clock);
    expect(await service.verify(user, TOKEN, code)).toEqual({ ok: true, value: { verifiedAt: clock } });
    expect(await service.verify(user, TOKEN, code)).toEqual({ ok: false, code: 'replayed_code' });
    // An older step within the window is not accepted after a newer one either.
    expect(await service.verify(user, TOKEN, totp(key, clock - 30_000))).toEqual({ ok: false, code: 'replayed_code' });
  });

  it('lets only one of two simultaneous requests with the same code through', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    const secret = await enrolled(service);
    clock += 30_000;
    const code = totp(base32Decode(secret), clock);
    const results = await Promise.all([service.verify(user, TOKEN, code), service.verify(user, TOKEN, code)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, code: 'replayed_code' }]);
  });

  it('refuses every code after five wrong ones until the window has passed', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    const secret = await enrolled(service);
    const key = base32Decode(secret);
    const right = () => totp(key, clock);
    const wrong = () => String((Number(right()) + 500_000) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < 5; i++) expect(await service.verify(user, TOKEN, wrong())).toEqual({ ok: false, code: 'invalid_code' });
    clock += 30_000;
    expect(await service.verify(user, TOKEN, right())).toEqual({ ok: false, code: 'rate_limited' });
    clock += 15 * MIN;
    expect((await service.verify(user, TOKEN, right())).ok).toBe(true);
  });

  it('tells listeners which user and session passed', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    const seen: [string, string][] = [];
    const off = service.onChange((userId, tokenHash) => seen.push([userId, tokenHash]));
    const secret = await enrolled(service);
    off();
    clock += 30_000;
    expect((await service.verify(user, TOKEN, totp(base32Decode(secret), clock))).ok).toBe(true);
    expect(seen).toEqual([[user.id, TOKEN]]);
  });
});

describe('freshness', () => {
  it('stays fresh while the session is active and lapses after 15 minutes idle, for good', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    await enrolled(service);
    const { freshness } = service;
    for (let i = 0; i < 6; i++) {
      clock += 10 * MIN;
      freshness.touch(TOKEN);
      expect(await freshness.isFresh(TOKEN)).toBe(true);
    }
    clock += SECOND_FACTOR_IDLE_MS - 1;
    expect(await freshness.isFresh(TOKEN)).toBe(true);
    clock += 1;
    expect(await freshness.isFresh(TOKEN)).toBe(false);
    // Activity after the lapse does not bring it back; only a new code does.
    freshness.touch(TOKEN);
    expect(await freshness.isFresh(TOKEN)).toBe(false);
    await settle();
    expect(sessionColumns().second_factor_at).toBeNull();
  });

  it('writes activity at most every 30 seconds, and a restarted server is never fresher than the last write', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    await enrolled(service);
    const verifiedAt = clock;
    expect(sessionColumns()).toEqual({ second_factor_at: verifiedAt, last_active_at: verifiedAt });
    clock += 10_000;
    service.freshness.touch(TOKEN);
    clock += 10_000;
    service.freshness.touch(TOKEN);
    await settle();
    expect(sessionColumns().last_active_at).toBe(verifiedAt);
    clock = verifiedAt + ACTIVITY_PERSIST_MS;
    service.freshness.touch(TOKEN);
    await settle();
    expect(sessionColumns().last_active_at).toBe(verifiedAt + ACTIVITY_PERSIST_MS);
    clock += 20_000;
    service.freshness.touch(TOKEN);
    await settle();

    // A new process over the same data: it knows the verification and the last written activity.
    await storage.close();
    storage = new SqliteStorage(dataDir);
    const restarted = new SecondFactorService(storage, now, new TotpMethod());
    clock = verifiedAt + ACTIVITY_PERSIST_MS + SECOND_FACTOR_IDLE_MS - 1;
    expect(await restarted.freshness.isFresh(TOKEN)).toBe(true);
    clock += 1;
    expect(await restarted.freshness.isFresh(TOKEN)).toBe(false);
  });

  it('touch on a session not yet in memory loads it first (after a restart)', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    await enrolled(service);
    const restarted = new SecondFactorService(storage, now, new TotpMethod());
    clock += 14 * MIN;
    restarted.freshness.touch(TOKEN);
    await settle();
    await settle();
    clock += 14 * MIN;
    expect(await restarted.freshness.isFresh(TOKEN)).toBe(true);
  });

  it('is never fresh for an unknown, expired or signed-out session', async () => {
    const service = new SecondFactorService(storage, now, new TotpMethod());
    expect(await service.freshness.isFresh('b'.repeat(64))).toBe(false);
    await enrolled(service);
    expect(await service.freshness.isFresh(TOKEN)).toBe(true);
    await storage.deleteSession(TOKEN);
    expect(await service.freshness.isFresh(TOKEN)).toBe(false);
  });
});
