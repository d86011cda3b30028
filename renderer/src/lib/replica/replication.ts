import { Subject, type Observable } from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { ReplicationPushOptions, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import { COLLECTIONS, COLLECTION_NAMES, type Checkpoint, type CollectionName, type Rejection } from '../../../../shared/src';
import { ConnectionError, type SyncConnection } from './connection';
import type { DiariumDatabase } from './database';
import { PULL_END_BELOW, gatherPull, inFirstScreen } from './pull-gather';
import { NoticeGate } from './notice-gate';
import { PushedChanges } from './pushed-changes';
import { StoredPulls } from './stored-pulls';
import { UnsettledPushes } from './unsettled-pushes';
import { sealRecord, unsealRecord } from './sealing';

type Rec = Record<string, unknown> & { id: string };

/**
 * RxDB merges a pull's checkpoint into the one before it (`Object.assign`), so a part the server
 * left out would stay: after the first download its cursor, after a rescan its position, and the
 * server would walk or rescan again on every pull. Left out here, they are cleared.
 */
const CLEARED: Pick<Checkpoint, 'first' | 'rescan' | 'sweep'> = { first: undefined, rescan: undefined, sweep: undefined };

export const PUSH_BATCH = 200;

export interface ReplicationHooks {
  /** Rows whose push failed for lack of a connection (key `collection/id`). */
  pendingChanged(collection: CollectionName, ids: string[], pending: boolean): void;
  rejected(collection: CollectionName, rejection: Rejection, attempted: Record<string, unknown>): void;
  accepted(collection: CollectionName, ids: string[]): void;
  received(collection: CollectionName, count: number): void;
  /**
   * Batches handed to RxDB and not yet stored before a pull waits: none until the list is usable
   * (a write under way would hold back the list's first read), then one (written while the next comes).
   */
  pullsAhead(): number;
  /**
   * Resolves when this collection may hold one more pulled batch in memory (one budget for the
   * replica), with the function that gives the place back; called once the batch is stored.
   */
  takePull(collection: CollectionName): Promise<() => void>;
  /** Resolves when this collection may pull from this checkpoint (the first download asks for the list first). */
  mayPull(collection: CollectionName, checkpoint: Checkpoint | undefined): Promise<void>;
  /** Whether the next pull of this collection, from this checkpoint, should ask the server how many records remain. */
  wantsRemaining(collection: CollectionName, from: Checkpoint | undefined): boolean;
  /** The server's count after an answer of `answered` records with this checkpoint. */
  remaining(collection: CollectionName, remaining: number, answered: number, checkpoint: Checkpoint): void;
  /** A pull's answer is stored in the replica: its checkpoint, and whether it was the last (the server reached the end of what there was). */
  stored(collection: CollectionName, checkpoint: Checkpoint, last: boolean): void;
  isRejected(collection: CollectionName, id: string): boolean;
  /** Whether a file version with this id still waits to be sent (a flow step may cite it already). */
  isUploadQueued(fileId: string): boolean;
  /**
   * The server revoked records (stripped tombstones, `gone`) or sent them with content withheld
   * (`withheld`): the replica must drop what it held of them.
   */
  revoked(collection: CollectionName, gone: string[], withheld: string[]): void;
}

/**
 * How a collection the client writes sends its changes: compared against the server's version,
 * a document or flow step that waits for its case or signed file tried again, refusals reported.
 */
function pushOptions(
  name: CollectionName,
  conn: SyncConnection,
  hooks: ReplicationHooks,
  unsettled: UnsettledPushes,
): ReplicationPushOptions<Rec> {
  return {
    batchSize: PUSH_BATCH,
    modifier: (d) => unsealRecord(d),
    handler: async (rows) => {
      const ids = rows.map((r) => String(r.newDocumentState.id));
      if (!conn.online) {
        hooks.pendingChanged(name, ids, true);
        throw new ConnectionError('offline');
      }
      let res;
      unsettled.sent(ids);
      try {
        res = await conn.request({ t: 'push', collection: name, rows: rows as never });
      } catch (err) {
        unsettled.ended(ids, false);
        hooks.pendingChanged(name, ids, true);
        throw err;
      }
      const refused = new Set(res.rejected.map((r) => r.id));
      unsettled.ended(
        ids.filter((id) => !refused.has(id)),
        true,
      );
      unsettled.ended(
        ids.filter((id) => refused.has(id)),
        false,
      );
      const retry: string[] = [];
      for (const r of res.rejected) {
        // A document pushed before the case it belongs to: try again once the case is in.
        const waitingForCase = r.code === 'unknown_reference' && r.fields.includes('caseId');
        const row = rows.find((x) => x.newDocumentState.id === r.id);
        const caseId = String(row?.newDocumentState.caseId ?? '');
        // A flow step citing a signed version that is still queued: try again once it is sent.
        const steps = (row?.newDocumentState.steps ?? []) as { signatureFileId?: string }[];
        const waitingForFile =
          r.code === 'unknown_reference' &&
          r.fields.includes('signatureFileId') &&
          steps.some((s) => !!s.signatureFileId && hooks.isUploadQueued(s.signatureFileId));
        if ((waitingForCase && !hooks.isRejected('cases', caseId)) || waitingForFile) retry.push(r.id);
        else hooks.rejected(name, r, (row?.newDocumentState ?? {}) as Record<string, unknown>);
      }
      if (retry.length) {
        hooks.pendingChanged(name, retry, true);
        throw new ConnectionError(`waiting for ${retry.length} record(s) to reach the server first`);
      }
      hooks.pendingChanged(
        name,
        ids.filter((id) => !res.rejected.some((r) => r.id === id)),
        false,
      );
      hooks.accepted(
        name,
        ids.filter((id) => !res.rejected.some((r) => r.id === id)),
      );
      // Conflicts bypass the pull modifier: seal them here, as they are stored like pulled rows.
      return res.conflicts.map((c) => sealRecord(name, c)) as WithDeleted<Rec>[];
    },
  };
}

/**
 * RxDB replication of every collection over our own authenticated socket: pull by the server's
 * global sequence, push compared against the server's version, and a stream that resyncs on
 * every reconnect and whenever the server reports a change (a batch it pushed answers that pull).
 */
export function startReplications(
  db: DiariumDatabase,
  conn: SyncConnection,
  identifier: string,
  hooks: ReplicationHooks,
): Map<CollectionName, RxReplicationState<Rec, Checkpoint>> {
  const states = new Map<CollectionName, RxReplicationState<Rec, Checkpoint>>();
  for (const name of COLLECTION_NAMES) {
    const stream = new Subject<RxReplicationPullStreamItem<Rec, Checkpoint>>();
    const pushed = new PushedChanges();
    // RxDB's stored checkpoint, read only once the replication runs.
    const stored = new StoredPulls(
      () => state.internalReplicationState?.lastCheckpointDoc.down?.checkpointData as Checkpoint | undefined,
      (checkpoint, last) => hooks.stored(name, checkpoint, last),
      { ahead: () => hooks.pullsAhead() },
    );
    const notices = new NoticeGate();
    const handOver = (
      from: Checkpoint | undefined,
      documents: WithDeleted<Rec>[],
      checkpoint: Checkpoint,
      last: boolean,
      release?: () => void,
    ) => {
      const cp = { ...CLEARED, ...checkpoint };
      stored.handedOver(from, cp, documents.length, last, release);
      // After RxDB has this batch, so the resync's pull comes after it.
      if (notices.handedOver(last)) queueMicrotask(() => stream.next('RESYNC'));
      return { documents, checkpoint: cp };
    };
    // RxDB's upstream queue (pushes and their bookkeeping), asked only once the replication runs.
    const unsettled: UnsettledPushes = new UnsettledPushes(() => state.internalReplicationState?.streamQueue.up ?? Promise.resolve());
    conn.opened.subscribe(() => {
      pushed.clear();
      stream.next('RESYNC');
    });
    // A batch waits for RxDB's next pull, which it answers without a round trip; a notice during
    // paging waits for the paging's end (NoticeGate).
    conn.changed.subscribe((event) => {
      if (event.collection !== name) return;
      pushed.offer(event);
      if ('from' in event || notices.notice()) stream.next('RESYNC');
    });
    const received = (documents: Record<string, unknown>[]) => {
      hooks.received(name, documents.length);
      const gone: string[] = [];
      const withheld: string[] = [];
      for (const d of documents) {
        if (d._deleted === true) gone.push(String(d.id));
        else if (Array.isArray(d.withheld) && d.withheld.length > 0) withheld.push(String(d.id));
      }
      if (gone.length || withheld.length) hooks.revoked(name, gone, withheld);
      return documents as WithDeleted<Rec>[];
    };
    // A collection only the server writes is only pulled. RxDB then keeps no copy of each pulled
    // record's server state (the replication's meta store: a second write per record) and never
    // offers rows to push (it did after an upgrade, fixture v4 with a test-only step, and the
    // server would refuse them as read_only_collection).
    const push = COLLECTIONS[name].clientWritable ? pushOptions(name, conn, hooks, unsettled) : undefined;
    const state = replicateRxCollection<Rec, Checkpoint>({
      collection: db[name] as never,
      replicationIdentifier: `${identifier}-${name}`,
      live: true,
      retryTime: 1000,
      waitForLeadership: false,
      autoStart: true,
      pull: {
        batchSize: PULL_END_BELOW,
        modifier: (d) => sealRecord(name, d) as WithDeleted<Rec>,
        stream$: stream.asObservable() as Observable<RxReplicationPullStreamItem<Rec, Checkpoint>>,
        handler: async (checkpoint) => {
          notices.pulling();
          const batch = pushed.take(checkpoint);
          if (batch) {
            await unsettled.beforeHandingOver(batch.documents);
            return handOver(checkpoint, received(batch.documents), batch.checkpoint, batch.documents.length < PULL_END_BELOW);
          }
          // Few batches wait for IndexedDB while the next is asked for: memory stays bounded.
          await stored.room();
          await hooks.mayPull(name, checkpoint);
          // Held from the request until the batch is stored; given back at once if the pull fails.
          const release = await hooks.takePull(name);
          try {
            return await pullBatch(checkpoint, release);
          } catch (err) {
            release();
            throw err;
          }
        },
      },
      push,
    });
    const pullBatch = async (checkpoint: Checkpoint | undefined, release: () => void) => {
      // The first pulls start before the socket is open: wait briefly instead of failing into
      // RxDB's one-second retry.
      await conn.waitOpen(3000);
      const screen = inFirstScreen(name, checkpoint);
      // The count costs the server a walk: not asked on the way to the first screen.
      let counted = screen || !hooks.wantsRemaining(name, checkpoint);
      const gathered = await gatherPull(checkpoint, screen, async (from, limit) => {
        const ask = !counted;
        counted = true;
        notices.sent();
        const res = await conn.request({
          t: 'pull',
          collection: name,
          checkpoint: from,
          limit,
          ...(ask ? { withRemaining: true as const } : {}),
        });
        // Counted before `remaining`: the server counts what comes after this step's records, and
        // the estimate adds the count to what was received so far (in the tiers, to this answer).
        const documents = received(res.documents);
        if (res.remaining !== undefined) hooks.remaining(name, res.remaining, documents.length, res.checkpoint);
        return { ...res, documents };
      });
      await unsettled.beforeHandingOver(gathered.documents);
      return handOver(checkpoint, gathered.documents, gathered.checkpoint, gathered.last, release);
    };
    state.onCancel.push(() => stored.stop());
    states.set(name, state);
  }
  return states;
}
