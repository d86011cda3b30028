import type { AccessSubject, User } from '../../../shared/src';
import type { StorageTx, StoredRecord } from '../storage/storage';
import type { ContextLoader } from './access-context';
import type { ClassificationCache } from './classification-cache';
import type { FlowSignatureVerifier } from './flow.apply';

/** The pushing user, with the state of this session's second factor. */
export type Actor = User & Pick<AccessSubject, 'secondFactorFresh'>;

/** What an apply module wrote for one row; `conflict` when nothing changed and the client should take the stored state. */
export interface Applied {
  written: StoredRecord[];
  conflict?: StoredRecord;
}

/** Everything a module may need besides the transaction; each module names the part it uses. */
export interface ApplyDeps {
  nowMs: number;
  newId: () => string;
  classes: ClassificationCache;
  contexts: ContextLoader;
  verifySignature: FlowSignatureVerifier;
  /** The row deletes its record (only collections push.service lets delete see `true`). */
  deleting: boolean;
}

/**
 * One apply module (one per client-writable collection): `merged` is the pushed record with the
 * server-owned values already in place, `before` the stored one. It refuses by throwing `Refusal`.
 */
export type ApplyRow = (
  tx: StorageTx,
  actor: Actor,
  merged: Record<string, unknown>,
  before: Record<string, unknown> | null,
  deps: ApplyDeps,
) => Promise<Applied>;
