import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from './blob-store';

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-blobs-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Every file below `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('BlobStore', () => {
  it('stores content under blobs/<first two hex digits>/<sha256> and returns the SHA-256', async () => {
    const store = new BlobStore(dataDir);
    const content = Buffer.from('%PDF-1.7\nett protokoll\n%%EOF\n');
    const sha = await store.put(content);
    expect(sha).toBe(sha256(content));
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, 'blobs', sha.slice(0, 2), sha);
    expect(readFileSync(file).equals(content)).toBe(true);
    expect(store.has(sha)).toBe(true);
    expect(BlobStore.sha256(content)).toBe(sha);
  });

  it('stores the same content once', async () => {
    const store = new BlobStore(dataDir);
    const content = Buffer.from('samma innehåll');
    const first = await store.put(content);
    const second = await store.put(Buffer.from('samma innehåll'));
    expect(second).toBe(first);
    expect(filesUnder(path.join(dataDir, 'blobs'))).toEqual([path.join(first.slice(0, 2), first)]);
    const other = await store.put(Buffer.from('annat innehåll'));
    expect(other).not.toBe(first);
    expect(filesUnder(path.join(dataDir, 'blobs'))).toEqual(
      [path.join(first.slice(0, 2), first), path.join(other.slice(0, 2), other)].sort(),
    );
  });

  it('leaves nothing in blobs/tmp after a put', async () => {
    const store = new BlobStore(dataDir);
    await Promise.all([store.put(Buffer.from('a')), store.put(Buffer.from('b')), store.put(Buffer.from('a'))]);
    expect(readdirSync(path.join(dataDir, 'blobs', 'tmp'))).toEqual([]);
  });

  it('streams back exactly the stored bytes, also for empty and binary content', async () => {
    const store = new BlobStore(dataDir);
    const binary = Buffer.alloc(300_000);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) & 0xff;
    for (const content of [binary, Buffer.alloc(0)]) {
      const sha = await store.put(content);
      expect((await readStream(store.open(sha))).equals(content)).toBe(true);
    }
  });

  it('keeps blobs across instances on the same folder', async () => {
    const sha = await new BlobStore(dataDir).put(Buffer.from('kvar'));
    const reopened = new BlobStore(dataDir);
    expect(reopened.has(sha)).toBe(true);
    expect((await readStream(reopened.open(sha))).toString()).toBe('kvar');
  });

  it('refuses names that are not a lowercase SHA-256', () => {
    const store = new BlobStore(dataDir);
    const valid = 'a'.repeat(64);
    expect(store.has(valid)).toBe(false);
    for (const bad of [
      '',
      'a'.repeat(63),
      'a'.repeat(65),
      'A'.repeat(64),
      `../${'a'.repeat(61)}`,
      `${'a'.repeat(62)}/x`,
      'g'.repeat(64),
      `${'a'.repeat(64)}\n`,
    ]) {
      expect(() => store.has(bad), bad).toThrow('invalid blob name');
      expect(() => store.open(bad), bad).toThrow('invalid blob name');
    }
    expect(existsSync(path.join(dataDir, 'blobs', 'aa'))).toBe(false);
  });
});
