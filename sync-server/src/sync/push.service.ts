import { randomUUID } from 'node:crypto';
import {
  COLLECTIONS,
  SERVER_OWNED_FIELDS,
  lockedChanges,
  projectRecord,
  type CollectionName,
  type PushRow,
  type Rejection,
} from '../../../shared/src';
import type { Storage, StorageTx, StoredRecord } from '../storage/storage';
import type { ContextLoader } from './access-context';
import { seenOrNothing } from './access-first';
import type { Actor, Applied, ApplyDeps, ApplyRow } from './apply';
import { applyCase } from './case.apply';
import { unseenIdTx } from './unseen-id';
import type { ClassificationCache } from './classification-cache';
import { applyDocument } from './document.apply';
import { applyFlow, refuseUnverifiedSignatures, type FlowSignatureVerifier } from './flow.apply';
import { applyParty } from './party.apply';
import { Refusal } from './refusal';
import { applyMeeting } from './meeting.apply';
import { applyRequest } from './request.apply';

/** The module that checks and writes each client-writable collection (the others are refused). */
const APPLY: Partial<Record<CollectionName, ApplyRow>> = {
  cases: applyCase,
  documents: applyDocument,
  parties: applyParty,
  flows: applyFlow,
  requests: applyRequest,
  meetings: applyMeeting,
};

/** Collections whose module decides about a deletion itself (an agenda item withdrawn before the meeting). */
const DELETABLE: ReadonlySet<CollectionName> = new Set(['meetings']);

export interface PushOutcome {
  conflicts: Record<string, unknown>[];
  rejected: Rejection[];
  /** Everything written (records and actor-register entries), for the change feed. */
  written: StoredRecord[];
}

/**
 * Sees every row a push applies, in its transaction (after the collection's module wrote it), and
 * what it returned once the transaction is committed: how the personal lists' notifications hook
 * in without the apply modules knowing of them.
 */
export interface PushObserver<T> {
  applied(
    tx: StorageTx,
    actor: Actor,
    collection: CollectionName,
    before: Record<string, unknown> | null,
    written: readonly StoredRecord[],
    nowMs: number,
  ): Promise<T[]>;
  committed(items: readonly T[]): void;
}

/** Fields a client may not set to anything but the placeholder on a new record. */
const NUMBER_FIELDS: Partial<Record<CollectionName, readonly string[]>> = {
  cases: ['caseNumber', 'serial'],
  documents: ['documentNumber', 'serial'],
};
const PLACEHOLDER: Record<string, unknown> = { caseNumber: '', documentNumber: '', serial: 0 };
const REPLICATION_META = ['_deleted', '_meta', '_rev', '_attachments'];

function withoutMeta(doc: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...doc };
  for (const k of REPLICATION_META) delete copy[k];
  return copy;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Validates and applies pushed rows. Every rule the client shows is checked again on the server:
 * here what holds for every collection (conflicts, access to the stored record, the server-owned
 * values a client can never set: numbers, dates, authorship), then in the collection's apply
 * module its access, schema and rules (register membership, rights per process, status machine,
 * mandatory fields …). A refusal becomes the row's rejection.
 */
export class PushService {
  constructor(
    private readonly storage: Storage,
    private readonly classes: ClassificationCache,
    private readonly contexts: ContextLoader,
    private readonly now: () => number,
    private readonly newId: () => string = randomUUID,
    private readonly verifyFlowSignature: FlowSignatureVerifier = refuseUnverifiedSignatures,
    private readonly observer: PushObserver<unknown> | null = null,
  ) {}

  async push(user: Actor, collection: CollectionName, rows: PushRow[]): Promise<PushOutcome> {
    const pending: StoredRecord[] = [];
    const observed: unknown[] = [];
    const outcome = await this.storage.transaction(async (tx) => {
      const out: PushOutcome = { conflicts: [], rejected: [], written: [] };
      for (const row of rows) {
        const id = typeof row.newDocumentState.id === 'string' ? row.newDocumentState.id : '';
        try {
          const result = await this.applyRow(tx, user, collection, row);
          if (result.conflict) pending.push(result.conflict);
          out.written.push(...result.written);
          if (this.observer && result.written.length > 0)
            observed.push(...(await this.observer.applied(tx, user, collection, result.before, result.written, this.now())));
        } catch (err) {
          if (!(err instanceof Refusal)) throw err;
          out.rejected.push({ id, code: err.code, fields: err.fields, detail: err.detail });
          // The client reverts a refused edit to the server's state, sent back as a conflict.
          const current = id ? await tx.getRecord(collection, id) : null;
          if (current) pending.push(current);
        }
      }
      return out;
    });
    if (observed.length > 0) this.observer?.committed(observed);
    // Conflicts are projected like a pull, with the committed surroundings of each record.
    const ctx = await this.contexts.contexts(pending);
    pending.forEach((rec, i) => {
      const visible = projectRecord(user, rec.collection, rec.data as { id: string; registerId: string }, ctx[i]);
      if (visible) outcome.conflicts.push({ ...visible, _deleted: rec.deleted });
    });
    return outcome;
  }

  private async applyRow(
    tx: StorageTx,
    user: Actor,
    collection: CollectionName,
    row: PushRow,
  ): Promise<Applied & { before: Record<string, unknown> | null }> {
    const apply = APPLY[collection];
    if (!COLLECTIONS[collection].clientWritable || !apply)
      throw new Refusal('read_only_collection', `${collection} is written by the server only`);
    const deleting = row.newDocumentState._deleted === true;
    if (deleting && !DELETABLE.has(collection)) throw new Refusal('forbidden', 'records are annulled, never deleted');
    const proposed = withoutMeta(row.newDocumentState);
    const id = proposed.id;
    if (typeof id !== 'string') throw new Refusal('invalid_schema', 'missing id', ['id']);
    const found = await tx.getRecord(collection, id);
    // One the user may not see is answered as an id that exists nowhere (no existence oracle).
    const current = found ? await seenOrNothing(user, collection, found, this.contexts) : null;
    if (found && !current) tx = unseenIdTx(tx, id);
    if (current) {
      const assumedVersion = row.assumedMasterState?.syncVersion;
      if (assumedVersion !== current.version) return { conflict: current, written: [], before: current.data };
    } else if (row.assumedMasterState) {
      throw new Refusal('not_found', `no ${collection} record ${id}`);
    }
    const before = current?.data ?? null;
    // Numbers and authorship: a forged value is refused; other server-owned values are replaced.
    for (const f of NUMBER_FIELDS[collection] ?? []) {
      const expected = before ? before[f] : PLACEHOLDER[f];
      if (f in proposed && !sameValue(proposed[f], expected))
        throw new Refusal('server_owned_field', `${f} is assigned by the server`, [f]);
    }
    // Capture data (registration date, direction) is fixed once registered: a change is refused, not replaced.
    if (before && (collection === 'cases' || collection === 'documents')) {
      const locked = lockedChanges(collection, before, proposed);
      if (locked.length > 0) throw new Refusal('capture_locked', `${locked.join(', ')} cannot change after registration`, locked);
    }
    if ('createdBy' in proposed && !sameValue(proposed.createdBy, before ? before.createdBy : user.id)) {
      throw new Refusal('forbidden', 'createdBy must be the signed-in user', ['createdBy']);
    }
    const merged: Record<string, unknown> = { ...proposed };
    for (const f of SERVER_OWNED_FIELDS[collection]) if (before && f in before) merged[f] = before[f];
    const nowMs = this.now();
    const nowIso = new Date(nowMs).toISOString();
    merged.updatedAt = nowIso;
    merged.syncVersion = current?.version ?? 0;
    // What the server withheld from someone is never stored.
    if ('withheld' in merged) merged.withheld = [];
    if ('inheritedRestriction' in merged) merged.inheritedRestriction = 'none';
    if (!before) {
      merged.createdBy = user.id;
      merged.createdAt = nowIso;
    }
    const deps: ApplyDeps = {
      nowMs,
      newId: this.newId,
      classes: this.classes,
      contexts: this.contexts,
      verifySignature: this.verifyFlowSignature,
      deleting,
    };
    return { ...(await apply(tx, user, merged, before, deps)), before };
  }
}
