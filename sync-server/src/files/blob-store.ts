import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, renameSync, writeFileSync, type ReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Content-addressed files on disk: `blobs/ab/abcdef…` named by SHA-256. A blob is written to a
 * temporary file and renamed into place, so a crash or a full disk never leaves a partial blob
 * under a real name.
 */
export class BlobStore {
  private readonly root: string;
  private readonly tmp: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'blobs');
    this.tmp = path.join(this.root, 'tmp');
    mkdirSync(this.tmp, { recursive: true });
  }

  static sha256(buf: Buffer): string {
    return createHash('sha256').update(buf).digest('hex');
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid blob name');
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(buf: Buffer): Promise<string> {
    const sha = BlobStore.sha256(buf);
    const target = this.pathOf(sha);
    if (existsSync(target)) return sha;
    mkdirSync(path.dirname(target), { recursive: true });
    const temp = path.join(this.tmp, randomUUID());
    try {
      writeFileSync(temp, buf, { flush: true });
      renameSync(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return sha;
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Destroys a blob (disposal); one already gone is no error. */
  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }

  open(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }
}
