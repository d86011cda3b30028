import { AUDIT_GENESIS_HASH } from '../../../shared/src';
import type { AuditCheckpoint, AuditHead, Storage, StoredRecord } from '../storage/storage';
import { auditEntryHash } from './audit-hash';
import { anchorAccepts, indexBridges, type AuditBridgeLink } from './bridge';

/**
 * Why a link is broken:
 * - hash_mismatch: the entry's content does not give its own hash (it was edited);
 * - prev_mismatch: its prevHash is not the hash of the entry before it (one was replaced or inserted);
 * - gap: a position is missing (an entry was removed), including at the tail, against the head;
 * - head_mismatch: the register's chain head names another last entry than the one stored;
 * - rewritten: the chain is consistent in itself but a signed checkpoint names another hash at
 *   that position (and no signed bridge leads from it to the chain's), or a position the chain no
 *   longer reaches (it was recomputed or cut back).
 */
export type AuditBreakReason = 'hash_mismatch' | 'prev_mismatch' | 'gap' | 'head_mismatch' | 'rewritten';

export interface AuditBreak {
  registerId: string;
  /** The position where the chain breaks (for a gap: the first missing position). */
  position: number;
  /** The entry found at that place ('' when none is there, e.g. a removed last entry). */
  entryId: string;
  reason: AuditBreakReason;
}

export type AuditChainResult = { ok: true; entries: number } | ({ ok: false; entries: number } & AuditBreak);

const PAGE = 1000;

/** Walks one register's chain entry by entry. */
class RegisterChain {
  private expected = 1;
  private prevHash = AUDIT_GENESIS_HASH;

  constructor(
    readonly registerId: string,
    private readonly head: AuditHead | undefined,
    /** Signed checkpoints of this register: position → the hashes they name there. */
    private readonly anchors: ReadonlyMap<number, readonly string[]>,
    /** Signed bridges of this register (re-anchoring): position → old and new hash. */
    private readonly bridges: ReadonlyMap<number, readonly AuditBridgeLink[]>,
  ) {}

  next(rec: StoredRecord): AuditBreak | null {
    const data = rec.data;
    const position = typeof data.position === 'number' ? data.position : NaN;
    const at = (reason: AuditBreakReason, pos = position): AuditBreak => ({
      registerId: this.registerId,
      position: pos,
      entryId: rec.id,
      reason,
    });
    if (position > this.expected) return at('gap', this.expected);
    // Null: a value was changed under its seal (scheme 2), which is as much an edit as a wrong hash.
    const hash = auditEntryHash(data);
    if (hash === null || hash !== data.hash) return at('hash_mismatch', Number.isFinite(position) ? position : this.expected);
    if (position !== this.expected || data.prevHash !== this.prevHash) return at('prev_mismatch');
    if (this.head && position > this.head.position) return at('head_mismatch');
    const named = this.anchors.get(position) ?? [];
    if (!named.every((h) => anchorAccepts(h, hash, this.bridges.get(position)))) return at('rewritten');
    this.prevHash = hash;
    this.expected++;
    return null;
  }

  /** After the last stored entry: the head must name exactly that entry. */
  end(): AuditBreak | null {
    const last = this.expected - 1;
    const beyond = [...this.anchors.keys()].filter((p) => p > last).sort((a, b) => a - b)[0];
    if (beyond !== undefined) return { registerId: this.registerId, position: beyond, entryId: '', reason: 'rewritten' };
    if (!this.head) return null;
    if (last < this.head.position) return { registerId: this.registerId, position: last + 1, entryId: '', reason: 'gap' };
    if (this.prevHash !== this.head.hash) return { registerId: this.registerId, position: last, entryId: '', reason: 'head_mismatch' };
    return null;
  }
}

/**
 * Checks every register's actor-register chain in one consistent snapshot and returns the first
 * broken link (registers in id order, positions ascending), or the number of entries checked.
 * Entries written before chaining existed have no hash and are reported as broken: they were
 * never tamper-evident. Checkpoints (signatures already checked by the caller) anchor the
 * chain: whoever can write the database can recompute every hash, but not these. Bridges (also
 * checked by the caller) let a checkpoint signed before a re-anchoring stand for the hash the
 * chain has there since; two checkpoints naming different hashes at one position must both.
 */
export async function verifyAuditChain(
  storage: Storage,
  checkpoints: readonly AuditCheckpoint[] = [],
  bridges: readonly AuditBridgeLink[] = [],
): Promise<AuditChainResult> {
  const anchors = new Map<string, Map<number, string[]>>();
  for (const c of checkpoints) {
    const byPosition = anchors.get(c.registerId) ?? new Map<number, string[]>();
    const named = byPosition.get(c.position) ?? [];
    if (!named.includes(c.hash)) byPosition.set(c.position, [...named, c.hash]);
    anchors.set(c.registerId, byPosition);
  }
  const bridged = indexBridges(bridges);
  const snapshot = await storage.auditSnapshot();
  try {
    const heads = await snapshot.heads();
    const headOf = new Map(heads.map((h) => [h.registerId, h]));
    // A checkpointed register whose head is gone altogether is checked too (as a lost register).
    const pendingHeads = [...new Set([...heads.map((h) => h.registerId), ...anchors.keys()])].sort();
    let entries = 0;
    let chain: RegisterChain | null = null;
    const startChain = (registerId: string | null): AuditBreak | null => {
      const ended = chain?.end() ?? null;
      if (ended) return ended;
      // Registers that have a head but no entry at all, ordered before the next one seen.
      while (pendingHeads.length > 0 && (registerId === null || pendingHeads[0]! < registerId)) {
        const lost = pendingHeads.shift()!;
        if (lost !== chain?.registerId)
          return { registerId: lost, position: 1, entryId: '', reason: anchors.has(lost) ? 'rewritten' : 'gap' };
      }
      if (pendingHeads[0] === registerId) pendingHeads.shift();
      chain =
        registerId === null
          ? null
          : new RegisterChain(
              registerId,
              headOf.get(registerId),
              anchors.get(registerId) ?? new Map(),
              bridged.get(registerId) ?? new Map(),
            );
      return null;
    };
    let after: { registerId: string; position: number } | null = null;
    for (;;) {
      const page = await snapshot.page(after, PAGE);
      for (const rec of page) {
        if (rec.registerId !== (chain as RegisterChain | null)?.registerId) {
          const broken = startChain(rec.registerId);
          if (broken) return { ok: false, entries, ...broken };
        }
        const broken = chain!.next(rec);
        if (broken) return { ok: false, entries, ...broken };
        entries++;
      }
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!;
      after = { registerId: last.registerId, position: Number(last.data.position) };
    }
    const broken = startChain(null);
    return broken ? { ok: false, entries, ...broken } : { ok: true, entries };
  } finally {
    await snapshot.close();
  }
}

/** One line for logs and the CLI. */
export function describeAuditResult(result: AuditChainResult): string {
  if (result.ok) return `actor register intact: ${result.entries} entries checked`;
  if (result.reason === 'rewritten')
    return `actor register REWRITTEN in register ${result.registerId}: position ${result.position} does not hold the hash a signed checkpoint names, nor one a signed bridge leads to (entry ${result.entryId || '-'}), after ${result.entries} intact entries`;
  return `actor register BROKEN in register ${result.registerId} at position ${result.position} (entry ${result.entryId || '-'}): ${result.reason}, after ${result.entries} intact entries`;
}
