/**
 * Secrets kept by the main process: each value is encrypted with the OS-backed safe storage
 * (Electron's safeStorage: DPAPI on Windows) and the ciphertexts are kept in one JSON file in the
 * user-data folder. Nothing is ever written in clear: without OS encryption, storing fails.
 *
 * The cipher and the file path are parameters, so the store is tested without Electron.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The subset of Electron's safeStorage used here. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

interface SecretFile {
  version: 1;
  /** key → base64 ciphertext */
  secrets: Record<string, string>;
}

export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
}

export class SecretStore {
  /** Serialises writes so that two quick setSecret calls cannot lose one another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher,
  ) {}

  async get(key: string): Promise<string | null> {
    await this.queue.catch(() => {});
    const data = await this.read();
    const encrypted = Object.hasOwn(data.secrets, key) ? data.secrets[key] : undefined;
    if (encrypted === undefined) return null;
    this.requireEncryption();
    try {
      return this.cipher.decryptString(Buffer.from(encrypted, 'base64'));
    } catch {
      // Encrypted for another OS user or machine (copied profile): unreadable, treat as absent.
      return null;
    }
  }

  set(key: string, value: string): Promise<void> {
    const next = this.queue
      .catch(() => {})
      .then(async () => {
        this.requireEncryption();
        const data = await this.read();
        data.secrets[key] = this.cipher.encryptString(value).toString('base64');
        await this.write(data);
      });
    this.queue = next;
    return next;
  }

  private requireEncryption(): void {
    if (!this.cipher.isEncryptionAvailable()) {
      throw new SecretStoreError('The operating system offers no encryption for secrets (safeStorage unavailable).');
    }
  }

  private async read(): Promise<SecretFile> {
    let raw: string;
    try {
      raw = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: Object.create(null) };
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new SecretStoreError(`The secrets file ${this.file} is damaged (not JSON).`);
    }
    return toSecretFile(parsed, this.file);
  }

  private async write(data: SecretFile): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(data), { encoding: 'utf8', mode: 0o600 });
    await rename(temp, this.file);
  }
}

function toSecretFile(value: unknown, file: string): SecretFile {
  const damaged = () => new SecretStoreError(`The secrets file ${file} is damaged.`);
  if (typeof value !== 'object' || value === null) throw damaged();
  const { version, secrets } = value as { version?: unknown; secrets?: unknown };
  if (version !== 1 || typeof secrets !== 'object' || secrets === null || Array.isArray(secrets)) throw damaged();
  const out: Record<string, string> = Object.create(null);
  for (const [key, encrypted] of Object.entries(secrets)) {
    if (typeof encrypted !== 'string') throw damaged();
    out[key] = encrypted;
  }
  return { version: 1, secrets: out };
}
