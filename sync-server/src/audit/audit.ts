import {
  AUDIT_GENESIS_HASH,
  CURRENT_AUDIT_HASH_SCHEME,
  type AuditAction,
  type AuditEntry,
  type CollectionName,
  type User,
} from '../../../shared/src';
import type { StorageTx, StoredRecord } from '../storage/storage';
import { auditEntryHash, sealEntryValues } from './audit-hash';

const NOT_AUDITED = new Set(['syncVersion', 'updatedAt', 'newestKey', 'listKey']);

function render(value: unknown): string {
  const s = typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  return s.length > 4000 ? `${s.slice(0, 3997)}...` : s;
}

/** Field-level differences between two states of a record, for the actor register. */
export function diffRecord(before: Record<string, unknown> | null, after: Record<string, unknown>): AuditEntry['changes'] {
  const changes: AuditEntry['changes'] = [];
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const field of [...keys].sort()) {
    if (NOT_AUDITED.has(field)) continue;
    const from = before ? render(before[field]) : '';
    const to = render(after[field]);
    if (from !== to) changes.push({ field: field.slice(0, 64), from, to });
  }
  return changes.slice(0, 200);
}

export interface AuditInput {
  actor: Pick<User, 'id' | 'displayName'>;
  at: string;
  action: AuditAction;
  collection: CollectionName;
  record: StoredRecord;
  caseId: string;
  label: string;
  changes: AuditEntry['changes'];
}

/**
 * Appends one entry to the actor register inside the caller's transaction, so a change and its
 * record of who made it are committed together or not at all. Entries are never updated, except
 * that disposal may drop values (`disposeEntryValues`: the seals keep the hash). Each entry is
 * chained to the previous one of its register by hash (the head is kept in the same transaction),
 * so an edited, removed or inserted entry shows in `verifyAuditChain`.
 */
export async function appendAudit(tx: StorageTx, input: AuditInput, newId: () => string): Promise<StoredRecord> {
  const position = await tx.nextCounter(input.record.registerId, 'audit', 0);
  const head = await tx.getAuditHead(input.record.registerId);
  const label = input.label.slice(0, 200);
  const content: Omit<AuditEntry, 'hash'> = {
    id: newId(),
    registerId: input.record.registerId,
    syncVersion: 1,
    updatedAt: input.at,
    actorId: input.actor.id,
    actorName: input.actor.displayName,
    at: input.at,
    action: input.action,
    recordCollection: input.collection,
    recordId: input.record.id,
    caseId: input.caseId,
    label,
    changes: input.changes,
    position,
    prevHash: head?.hash ?? AUDIT_GENESIS_HASH,
    hashScheme: CURRENT_AUDIT_HASH_SCHEME,
    ...sealEntryValues(label, input.changes),
  };
  const entry: AuditEntry = { ...content, hash: auditEntryHash(content)! };
  await tx.setAuditHead({ registerId: entry.registerId, position, hash: entry.hash });
  return tx.putRecord('audit', entry);
}
