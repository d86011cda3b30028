import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SecretStore, SecretStoreError, type SecretCipher } from './secrets';

/** Stand-in for safeStorage: reversible, but visibly not the clear text. */
function fakeCipher(available = true): SecretCipher {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from(`enc:${Buffer.from(plain, 'utf8').toString('hex')}`),
    decryptString: (encrypted) => {
      const text = encrypted.toString('utf8');
      if (!text.startsWith('enc:')) throw new Error('cannot decrypt');
      return Buffer.from(text.slice(4), 'hex').toString('utf8');
    },
  };
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'diarium-secrets-'));
  file = path.join(dir, 'nested', 'secrets.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SecretStore', () => {
  it('returns null for a key never stored (also when there is no file yet)', async () => {
    await expect(new SecretStore(file, fakeCipher()).get('session.token')).resolves.toBeNull();
  });

  it('stores encrypted values and reads them back, across instances', async () => {
    await new SecretStore(file, fakeCipher()).set('session.token', 'hemligt-åäö');
    await expect(new SecretStore(file, fakeCipher()).get('session.token')).resolves.toBe('hemligt-åäö');
    const raw = await readFile(file, 'utf8');
    expect(raw).not.toContain('hemligt');
  });

  it('keeps both of two concurrent writes', async () => {
    const store = new SecretStore(file, fakeCipher());
    await Promise.all([store.set('a', '1'), store.set('b', '2'), store.set('a', '3')]);
    await expect(store.get('a')).resolves.toBe('3');
    await expect(store.get('b')).resolves.toBe('2');
  });

  it('never writes in clear when the OS offers no encryption', async () => {
    await expect(new SecretStore(file, fakeCipher(false)).set('k', 'v')).rejects.toBeInstanceOf(SecretStoreError);
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('treats a value it cannot decrypt (profile copied from another user) as absent', async () => {
    await new SecretStore(file, fakeCipher()).set('k', 'v');
    const other: SecretCipher = {
      ...fakeCipher(),
      decryptString: () => {
        throw new Error('wrong user');
      },
    };
    await expect(new SecretStore(file, other).get('k')).resolves.toBeNull();
  });

  it('does not take keys from the object prototype', async () => {
    await expect(new SecretStore(file, fakeCipher()).get('__proto__')).resolves.toBeNull();
    await expect(new SecretStore(file, fakeCipher()).get('constructor')).resolves.toBeNull();
  });

  it('reports a damaged file instead of overwriting it', async () => {
    const store = new SecretStore(file, fakeCipher());
    await store.set('k', 'v');
    await writeFile(file, '{ not json');
    await expect(store.set('other', 'x')).rejects.toBeInstanceOf(SecretStoreError);
    await expect(readFile(file, 'utf8')).resolves.toBe('{ not json');
  });
});
