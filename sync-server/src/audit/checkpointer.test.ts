import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../logger';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { appendAudit } from './audit';
import { parseAnchorLines } from './anchor-lines';
import { checkpointSignatureValid } from './checkpoint';
import { AuditCheckpointer, CHECKPOINT_FILE } from './checkpointer';

describe('AuditCheckpointer', () => {
  let dir: string;
  let storage: SqliteStorage;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'diarium-checkpointer-'));
    storage = new SqliteStorage(path.join(dir, 'data'));
  });

  afterEach(async () => {
    vi.useRealTimers();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function entry(registerId: string): Promise<void> {
    await storage.transaction(async (tx) => {
      const record = await tx.putRecord('cases', { id: `c-${Math.random()}`, registerId });
      await appendAudit(
        tx,
        {
          actor: { id: 'u1', displayName: 'Anna' },
          at: '2026-12-06T10:00:00.000Z',
          action: 'create',
          collection: 'cases',
          record,
          caseId: record.id,
          label: 'x',
          changes: [],
        },
        () => `a-${Math.random()}`,
      );
    });
  }

  it('signs every head once a day, and only moved heads on an export', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    await entry('reg-a');
    await entry('reg-b');
    const cp = new AuditCheckpointer(storage, privateKey, dir, Date.now, silentLogger);
    try {
      await cp.start();
      expect((await cp.checkpoint(false)).length).toBe(0);
      await entry('reg-a');
      expect((await cp.checkpoint(false)).map((c) => [c.registerId, c.position])).toEqual([['reg-a', 2]]);
      await vi.advanceTimersByTimeAsync(24 * 3600_000);
      const lines = parseAnchorLines(readFileSync(path.join(dir, CHECKPOINT_FILE), 'utf8'), 'file').checkpoints;
      expect(lines.map((c) => `${c.registerId}@${c.position}`)).toEqual(['reg-a@1', 'reg-b@1', 'reg-a@2', 'reg-a@2', 'reg-b@1']);
      expect(lines.every((c) => checkpointSignatureValid(publicKey, c))).toBe(true);
      expect(await storage.listAuditCheckpoints()).toHaveLength(5);
    } finally {
      cp.stop();
    }
  });
});
