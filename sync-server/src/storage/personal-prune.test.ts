import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { housekeepingCutoffs } from '../../../shared/src/rules/personal-housekeeping';
import { SqliteStorage } from './sqlite.adapter';
import type { NotificationRow } from './personal-storage';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 12);

let dataDir: string;
let storage: SqliteStorage;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-prune-'));
  storage = new SqliteStorage(dataDir);
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const notification = (id: string, at: number, readAt: number | null): NotificationRow => ({
  id,
  userId: 'usr-a',
  kind: 'watch_due',
  targetCollection: 'cases',
  targetId: 'case-1',
  at,
  readAt,
  detail: {},
});

describe('pruning personal lists', () => {
  it('drops notifications read over 90 days ago and any over a year old, and op ids over a year old; keeps the rest', async () => {
    await storage.personal.transaction(async (tx) => {
      await tx.addNotification(notification('read-long-ago', NOW - 200 * DAY, NOW - 91 * DAY));
      await tx.addNotification(notification('read-lately', NOW - 200 * DAY, NOW - 89 * DAY));
      await tx.addNotification(notification('unread-old', NOW - 300 * DAY, null));
      await tx.addNotification(notification('unread-ancient', NOW - 366 * DAY, null));
      await tx.markOpApplied('usr-a', 'op-old', NOW - 366 * DAY);
      await tx.markOpApplied('usr-a', 'op-recent', NOW - 364 * DAY);
    });

    expect(await storage.personal.prune(housekeepingCutoffs(NOW))).toEqual({ notifications: 2, appliedOps: 1 });

    const kept = (await storage.personal.lists('usr-a', 100)).notifications.map((n) => n.id).sort();
    expect(kept).toEqual(['read-lately', 'unread-old']);
    await storage.personal.transaction(async (tx) => {
      expect(await tx.opApplied('usr-a', 'op-old')).toBe(false);
      expect(await tx.opApplied('usr-a', 'op-recent')).toBe(true);
    });
    // Nothing more is due: a second run removes nothing.
    expect(await storage.personal.prune(housekeepingCutoffs(NOW))).toEqual({ notifications: 0, appliedOps: 0 });
  });
});
