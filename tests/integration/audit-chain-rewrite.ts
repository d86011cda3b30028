import Database from 'better-sqlite3';
import path from 'node:path';
import { expect } from 'vitest';
import { AUDIT_GENESIS_HASH, type AuditEntry } from '../../shared/src';
import type { Storage } from '../../sync-server/src/storage/storage';
import { auditEntryHash } from '../../sync-server/src/audit/audit-hash';

/**
 * Rewrites a register's actor-register chain straight in a data folder's database (the server
 * closed), as only someone holding the file could: from `fromPosition` on, `change` alters each
 * entry, which is then linked to the one before and hashed anew; the head follows. Returns the
 * number of entries rewritten.
 */
export function rewriteAuditChain(
  dir: string,
  registerId: string,
  fromPosition: number,
  change: (entry: Record<string, unknown>) => void,
): number {
  const db = new Database(path.join(dir, 'diarium.sqlite'));
  try {
    const rows = db
      .prepare<[string], { id: string; data: string }>(
        "SELECT id, data FROM records WHERE collection = 'audit' AND register_id = ? ORDER BY json_extract(data, '$.position')",
      )
      .all(registerId);
    const update = db.prepare("UPDATE records SET data = ? WHERE collection = 'audit' AND id = ?");
    let prevHash = AUDIT_GENESIS_HASH;
    let rewritten = 0;
    for (const row of rows) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      if ((data.position as number) >= fromPosition) {
        change(data);
        data.prevHash = prevHash;
        data.hash = auditEntryHash(data);
        update.run(JSON.stringify(data), row.id);
        rewritten++;
      }
      prevHash = data.hash as string;
    }
    db.prepare('UPDATE audit_heads SET hash = ? WHERE register_id = ?').run(prevHash, registerId);
    return rewritten;
  } finally {
    db.close();
  }
}

/**
 * The register's actor register as the code before audit v2 wrote it and the upgrade left it:
 * each entry hashed over its values (scheme 1, no seals), chained, the head moved. The checkpoints
 * signed over the newer chain go too (the old server signed its own). VACUUM: no freed page keeps
 * the sealed copies. Returns the number of entries.
 */
export function asWrittenBeforeAuditV2(dir: string, registerId: string): number {
  const n = rewriteAuditChain(dir, registerId, 1, (entry) => {
    entry.hashScheme = 1;
    entry.valueSeals = [];
  });
  const db = new Database(path.join(dir, 'diarium.sqlite'));
  try {
    db.prepare('DELETE FROM audit_checkpoints').run();
    db.exec('VACUUM');
  } finally {
    db.close();
  }
  return n;
}

/**
 * After two records were removed (disposed, or archived and removed) in one act each: both acts
 * are in the actor register (`actField` names the act), the first converted the register's
 * `converted` scheme 1 entries and the second found none, nothing was kept, every entry of the
 * records is scheme 2, and none holds a removed value.
 */
export async function expectReanchoredOnce(
  storage: Pick<Storage, 'listWhere'>,
  recordIds: readonly string[],
  actField: string,
  converted: number,
  removed: readonly string[],
): Promise<void> {
  const entries: AuditEntry[] = [];
  for (const id of recordIds) entries.push(...(await storage.listWhere('audit', 'recordId', id)).map((r) => r.data as AuditEntry));
  const acts = entries.filter((e) => e.changes.some((c) => c.field === actField));
  expect(acts).toHaveLength(recordIds.length);
  expect(acts.flatMap((a) => a.changes.filter((c) => c.field === 'auditReanchored').map((c) => c.to))).toEqual([String(converted)]);
  expect(acts.flatMap((a) => a.changes.filter((c) => c.field === 'auditEntriesKept'))).toEqual([]);
  expect(entries.every((e) => e.hashScheme === 2)).toBe(true);
  for (const v of removed) expect(JSON.stringify(entries)).not.toContain(v);
}
