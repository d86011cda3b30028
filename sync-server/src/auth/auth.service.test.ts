import { verify } from '@node-rs/argon2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleUser } from '../../../shared/src/testing/samples';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { AuthService, hashPassword, type PasswordVerifier } from './auth.service';

const user = sampleUser({ id: 'u-anna', username: 'anna' });
const PASSWORD = 'rätt-lösenord-1';

let dataDir: string;
let storage: SqliteStorage;
/** The real argon2 verification, counted: which hashes it ran against. */
let verified: string[];
const countingVerify: PasswordVerifier = (hash, password) => {
  verified.push(hash);
  return verify(hash, password);
};

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-auth-'));
  storage = new SqliteStorage(dataDir);
  verified = [];
  await storage.transaction(async (tx) => {
    await tx.putRecord('users', user);
  });
  await storage.setCredentials({ userId: user.id, username: 'anna', passwordHash: await hashPassword(PASSWORD) });
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('AuthService.login', () => {
  it('runs the password hash for an unknown name too (against a dummy argon2 hash), with the same answer', async () => {
    const auth = new AuthService(storage, Date.now, undefined, countingVerify);
    const unknown = await auth.login('okand', PASSWORD, '10.0.0.1');
    const wrong = await auth.login('anna', 'fel', '10.0.0.1');
    expect(unknown).toEqual({ ok: false, code: 'invalid_credentials' });
    expect(wrong).toEqual(unknown);
    expect(verified).toHaveLength(2);
    expect(verified[0]).toMatch(/^\$argon2id\$/);
    expect(verified[0]).not.toBe(verified[1]);
  });

  it('gives a device token at sign-in and keeps it when the device signs in again', async () => {
    const auth = new AuthService(storage, Date.now);
    const first = await auth.login('anna', PASSWORD, '10.0.0.1');
    if (!first.ok) throw new Error(first.code);
    expect(first.response.mustChangePassword).toBe(false);
    const again = await auth.login('anna', PASSWORD, '10.0.0.1', first.response.deviceToken);
    if (!again.ok) throw new Error(again.code);
    expect(again.response.deviceToken).toBe(first.response.deviceToken);
    // An unknown device token gets a new one.
    const other = await auth.login('anna', PASSWORD, '10.0.0.1', 'made-up');
    if (!other.ok) throw new Error(other.code);
    expect(other.response.deviceToken).not.toBe(first.response.deviceToken);
  });
});

describe('a one-time password', () => {
  it('gives a session that can do nothing but change the password', async () => {
    await storage.setCredentials({
      userId: user.id,
      username: 'anna',
      passwordHash: await hashPassword(PASSWORD),
      mustChangePassword: true,
    });
    const auth = new AuthService(storage, Date.now);
    const login = await auth.login('anna', PASSWORD, '10.0.0.1');
    if (!login.ok) throw new Error(login.code);
    expect(login.response.mustChangePassword).toBe(true);
    const token = login.response.token;
    expect(await auth.sessionState(token)).toEqual({ reason: 'password_change_required' });
    expect(await auth.authenticate(token)).toBeNull();
    expect(await auth.changePassword(token, 'fel', 'ett-nytt-losenord')).toBe('invalid_credentials');
    expect(await auth.changePassword(token, PASSWORD, PASSWORD)).toBe('same_password');
    expect(await auth.changePassword('okand-token', PASSWORD, 'ett-nytt-losenord')).toBe('unauthorized');
    expect(await auth.changePassword(token, PASSWORD, 'ett-nytt-losenord')).toBe('ok');
    expect(await auth.authenticate(token)).toMatchObject({ id: user.id });
    expect((await auth.login('anna', PASSWORD, '10.0.0.1')).ok).toBe(false);
    expect(await auth.login('anna', 'ett-nytt-losenord', '10.0.0.1')).toMatchObject({ ok: true, response: { mustChangePassword: false } });
  });
});
