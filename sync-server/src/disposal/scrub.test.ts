import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleAudit } from '../../../shared/src/testing/samples';
import type { Logger } from '../logger';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { scrubAfter } from './scrub';

/** A logger that keeps its lines. */
function keptLog(): Logger & { lines: { level: string; msg: string }[] } {
  const lines: { level: string; msg: string }[] = [];
  const at = (level: string) => (msg: string) => void lines.push({ level, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

describe('scrubAfter', () => {
  let dataDir: string;
  let storage: SqliteStorage;

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-scrub-'));
    storage = new SqliteStorage(dataDir);
    await storage.transaction(async (tx) => {
      await tx.putRecord('audit', { ...sampleAudit({ id: 'a1', recordId: 'doc-1', position: 1 }), hash: '0'.repeat(64) });
    });
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says nothing when the log was truncated', async () => {
    const log = keptLog();
    await scrubAfter(storage, log, 'disposal d1');
    expect(log.lines.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('warns in English when a reader kept the write-ahead log from being truncated', async () => {
    // Another connection in a read transaction holds the log's frames.
    const reader = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM records').get();
      await storage.transaction(async (tx) => {
        await tx.putRecord('audit', { ...sampleAudit({ id: 'a2', recordId: 'doc-1', position: 2 }), hash: '0'.repeat(64) });
      });
      const log = keptLog();
      await scrubAfter(storage, log, 'disposal d1');
      expect(log.lines).toEqual([
        {
          level: 'warn',
          msg: 'disposal d1: the write-ahead log could not be truncated (a reader held it); old pages remain until the next checkpoint',
        },
      ]);
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }
    // The checkpoint waits out the writer's busy timeout (5 s) before it gives up.
  }, 20_000);
});
