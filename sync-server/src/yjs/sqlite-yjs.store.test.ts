import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Logger } from '../logger';
import { SqliteYjsStore } from './sqlite-yjs.store';

/** A logger that keeps its warnings. */
function keptLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (msg) => void warnings.push(msg), error: () => undefined };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yjs-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Types `words` one by one into a fresh document and returns each update. */
function typing(words: string[]): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const w of words) doc.getText('notes').insert(doc.getText('notes').length, w);
  return updates;
}

function textOf(state: Uint8Array | null): string {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getText('notes').toString();
}

describe('SqliteYjsStore', () => {
  it('keeps its database in <dataDir>/yjs.sqlite, in WAL mode', async () => {
    const dir = join(tempDir(), 'nested');
    const store = new SqliteYjsStore(dir);
    await store.append('cases/c1', typing(['a'])[0]!);
    expect(existsSync(join(dir, 'yjs.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'yjs.sqlite-wal'))).toBe(true);
    await store.close();
  });

  it('returns null for a room never written', async () => {
    const store = new SqliteYjsStore(tempDir());
    expect(await store.load('cases/none')).toBeNull();
    await store.close();
  });

  it('returns the merged updates of a room after reopening, and keeps rooms apart', async () => {
    const dir = tempDir();
    const store = new SqliteYjsStore(dir);
    for (const u of typing(['Möte ', 'med ', 'nämnden'])) await store.append('cases/c1', u);
    for (const u of typing(['annat'])) await store.append('cases/c2', u);
    await store.close();
    const reopened = new SqliteYjsStore(dir);
    expect(textOf(await reopened.load('cases/c1'))).toBe('Möte med nämnden');
    expect(textOf(await reopened.load('cases/c2'))).toBe('annat');
    await reopened.close();
  });

  it('merges a room into one row once it has many, without losing text', async () => {
    const dir = tempDir();
    const store = new SqliteYjsStore(dir, 5);
    const words = Array.from({ length: 12 }, (_, i) => `ord${i} `);
    for (const u of typing(words)) await store.append('cases/c1', u);
    await store.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'yjs.sqlite'), { readonly: true });
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM yjs_updates WHERE room = ?').get('cases/c1') as { n: number }).n;
    db.close();
    // 12 appends with compaction at 5: merged at the 5th and 9th, then 3 more rows.
    expect(rows).toBeLessThan(5);
    const reopened = new SqliteYjsStore(dir, 5);
    expect(textOf(await reopened.load('cases/c1'))).toBe(words.join(''));
    await reopened.close();
  });

  it('removes a room completely', async () => {
    const dir = tempDir();
    const store = new SqliteYjsStore(dir);
    for (const u of typing(['hemlig text'])) await store.append('cases/c1', u);
    await store.remove('cases/c1');
    expect(await store.load('cases/c1')).toBeNull();
    await store.close();
    // A checkpointed file no longer holds the text (WAL folded in on close).
    expect(readFileSync(join(dir, 'yjs.sqlite')).includes(Buffer.from('hemlig text'))).toBe(false);
  });

  it('replaces a room by one state: the text removed from it leaves the file, the rest stays', async () => {
    const dir = tempDir();
    const store = new SqliteYjsStore(dir);
    const doc = new Y.Doc();
    doc.on('update', (u: Uint8Array) => void store.append('meetings/m1', u));
    doc.getText('notes').insert(0, 'Kallelse. § 1 Hemligt ärende om grannen. § 2 Budget.');
    const text = doc.getText('notes');
    const at = text.toString().indexOf('Hemligt ärende om grannen');
    text.delete(at, 'Hemligt ärende om grannen'.length);
    text.insert(at, 'Gallrad enligt KS 1');
    await store.replace('meetings/m1', Y.encodeStateAsUpdate(doc));
    expect(textOf(await store.load('meetings/m1'))).toBe('Kallelse. § 1 Gallrad enligt KS 1. § 2 Budget.');
    await store.close();
    const file = readFileSync(join(dir, 'yjs.sqlite'));
    expect(file.includes(Buffer.from('Hemligt ärende'))).toBe(false);
    expect(file.includes(Buffer.from('Budget'))).toBe(true);
  });

  it('warns when a reader kept the log from being truncated after a room was removed', async () => {
    const dir = tempDir();
    const log = keptLog();
    const store = new SqliteYjsStore(dir, undefined, log);
    for (const u of typing(['hemlig text'])) await store.append('cases/c1', u);
    const Database = (await import('better-sqlite3')).default;
    const reader = new Database(join(dir, 'yjs.sqlite'), { readonly: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM yjs_updates').get();
      await store.remove('cases/c1');
      expect(log.warnings).toEqual([
        'yjs: the write-ahead log could not be truncated (a reader held it); old pages remain until the next checkpoint',
      ]);
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
    await store.remove('cases/c2');
    expect(log.warnings).toHaveLength(1);
    await store.close();
    // The checkpoint waits out the busy timeout (5 s) before it gives up.
  }, 20_000);
});
