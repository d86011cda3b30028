import { AUDIT_GENESIS_HASH, type AuditEntry, type AuditSeal } from '../../../shared/src';
import type { Logger } from '../logger';
import type { AuditBridge, Storage, StorageTx, StoredRecord } from '../storage/storage';
import { auditEntryHash, sealEntryValues } from './audit-hash';
import type { AuditBridgeLink } from './bridge';

/** What a re-anchoring needs of the checkpoint key (AuditCheckpointer). */
export interface BridgeSigner {
  /** False over a chain the start-up check found broken or rewritten: it is never anchored anew. */
  mayAnchor(): Promise<boolean>;
  /** The positions of a register that signed checkpoints name or may name. */
  anchoredPositions(registerId: string): Promise<Set<number>>;
  /** Signs bridges and appends them to the checkpoints file before the transaction commits. */
  signBridges(links: readonly AuditBridgeLink[], at: string): AuditBridge[];
}

/** The checkpoint key as an act that may re-anchor needs it (AuditCheckpointer); null: scheme 1 entries keep their values. */
export type AuditAnchor = BridgeSigner & { checkpoint(all: boolean): Promise<unknown> };

const PAGE = 500;

/**
 * A register's re-anchoring computed from its committed chain before the act's transaction, so
 * the hashing (most of the work) does not hold the write lock: from the first scheme 1 entry on,
 * each entry as read (id, version, hash) and the seals and hash it gets. The transaction uses it
 * for the entries still at the version read and computes the rest itself.
 */
export interface ReanchorPlan {
  registerId: string;
  first: number;
  prevOfFirst: string;
  entries: { id: string; version: number; oldHash: string; valueSeals: AuditSeal[] | null; hash: string }[];
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Plans the re-anchoring of `registerId` from committed state (one read snapshot; other commits
 * go on meanwhile, with a yield between pages). Null when there is nothing to convert or the
 * chain does not verify as committed (the transaction then decides, and refuses, itself).
 */
export async function planReanchoring(storage: Storage, registerId: string): Promise<ReanchorPlan | null> {
  const snapshot = await storage.auditSnapshot();
  try {
    // Scheme 1 entries were all written before the upgrade to audit v2: none when the first is scheme 2.
    const [firstEntry] = await snapshot.page({ registerId, position: 0 }, 1);
    if (firstEntry?.registerId !== registerId || (firstEntry.data as unknown as AuditEntry).hashScheme === 2) return null;
    let prevHash = AUDIT_GENESIS_HASH;
    let expected = 1;
    let plan: ReanchorPlan | null = null;
    let newPrev = AUDIT_GENESIS_HASH;
    for (;;) {
      const page = (await snapshot.page({ registerId, position: expected - 1 }, PAGE)).filter((r) => r.registerId === registerId);
      for (const rec of page) {
        const data = rec.data as unknown as AuditEntry;
        if (data.position !== expected || data.prevHash !== prevHash || auditEntryHash(data) !== data.hash) return null;
        if (!plan && data.hashScheme !== 2) plan = { registerId, first: expected, prevOfFirst: prevHash, entries: [] };
        if (plan) {
          const valueSeals = data.hashScheme !== 2 ? sealEntryValues(data.label, data.changes).valueSeals : null;
          const hash = auditEntryHash({ ...data, prevHash: newPrev, ...(valueSeals ? { hashScheme: 2, valueSeals } : {}) })!;
          plan.entries.push({ id: rec.id, version: rec.version, oldHash: data.hash, valueSeals, hash });
          newPrev = hash;
        }
        prevHash = data.hash;
        expected++;
      }
      if (page.length < PAGE) break;
      await yieldToOthers();
    }
    const head = (await snapshot.heads()).find((h) => h.registerId === registerId);
    if ((head?.position ?? 0) !== expected - 1 || (head?.hash ?? AUDIT_GENESIS_HASH) !== prevHash) return null;
    return plan;
  } finally {
    await snapshot.close();
  }
}

/**
 * After the commit of an act that re-anchored a register: its new head is signed at once (the
 * bridges name only positions signed before). The act is committed, so a failure is logged and
 * the daily checkpoint signs it.
 */
export async function checkpointReanchored(anchor: AuditAnchor | null, log: Logger, act: string): Promise<void> {
  try {
    await anchor?.checkpoint(false);
  } catch (err) {
    log.error('audit checkpoint after a re-anchoring failed', { act, err: String(err) });
  }
}

/**
 * Re-anchoring inside one transaction (a disposal's, an archive receipt's): before a value of a
 * scheme 1 entry (hashed over its values, written before audit v2) is dropped, every scheme 1
 * entry of its register is converted to scheme 2 (its values sealed as a new entry's are) and
 * every hash from the first of them to the head computed anew. For each position a signed
 * checkpoint names there, a bridge signed with the checkpoint key maps the old hash to the new
 * one (`verifyAuditChain` accepts an old checkpoint through it). A register is re-anchored once:
 * afterwards it has no scheme 1 entry. Only a chain that verifies link by link is re-anchored, and
 * only while the start-up check found it intact, so a tampered entry is never given a new hash.
 */
export class AuditReanchoring {
  /** Per register: re-anchored in this transaction (true) or refused (false). */
  private readonly registers = new Map<string, boolean>();
  private converted = 0;
  /** Every entry given a new hash (converted or relinked): every replica holding it must receive it. */
  readonly written: StoredRecord[] = [];

  constructor(
    private readonly tx: StorageTx,
    private readonly signer: BridgeSigner | null,
    private readonly at: string,
    private readonly log: Logger,
    /** Computed before the transaction (`planReanchoring`); used where the entries are still as read. */
    private readonly plan: ReanchorPlan | null = null,
  ) {}

  /** The entry as scheme 2, its register re-anchored first when needed; null when it cannot be (it keeps its values). */
  async scheme2(rec: StoredRecord): Promise<AuditEntry | null> {
    const entry = rec.data as unknown as AuditEntry;
    if (entry.hashScheme === 2) return entry;
    let done = this.registers.get(rec.registerId);
    if (done === undefined) {
      done = await this.reanchor(rec.registerId);
      this.registers.set(rec.registerId, done);
    }
    return done ? ((await this.tx.getRecord('audit', rec.id))!.data as unknown as AuditEntry) : null;
  }

  /** Scheme 1 entries converted since the last call: the act's own entry says how many. */
  takeConverted(): number {
    const n = this.converted;
    this.converted = 0;
    return n;
  }

  private async reanchor(registerId: string): Promise<boolean> {
    const refuse = (why: string, detail: Record<string, unknown> = {}) => {
      this.log.error(`actor register not re-anchored, scheme 1 entries keep their values: ${why}`, { registerId, ...detail });
      return false;
    };
    if (!this.signer) return refuse('no checkpoint key here');
    if (!(await this.signer.mayAnchor())) return refuse('the chain was not found intact at start');
    if (this.plan?.registerId === registerId && (await this.planStands(this.plan)))
      return this.write(registerId, this.plan.first, this.plan.prevOfFirst, this.plan);
    const checked = await this.verified(registerId);
    if ('broken' in checked) return refuse('the chain does not verify', { position: checked.broken });
    if (checked.first === null) return true;
    return this.write(registerId, checked.first, checked.prevOfFirst, null);
  }

  /**
   * Whether the plan still holds inside the transaction: every planned entry at the version it
   * was read, and every entry committed since linked to the one before as written (the chain
   * after the plan is verified here, its hashes computed anew in `write`).
   */
  private async planStands(plan: ReanchorPlan): Promise<boolean> {
    let i = 0;
    let prevHash = plan.prevOfFirst;
    for (let after = plan.first - 1; ;) {
      const page = await this.tx.auditEntriesAfter(plan.registerId, after, PAGE);
      for (const rec of page) {
        const data = rec.data as unknown as AuditEntry;
        const planned = plan.entries[i++];
        if (
          planned
            ? planned.id !== rec.id || planned.version !== rec.version
            : data.prevHash !== prevHash || auditEntryHash(data) !== data.hash
        )
          return false;
        prevHash = data.hash;
        after = data.position;
      }
      if (page.length < PAGE) break;
    }
    const head = await this.tx.getAuditHead(plan.registerId);
    return i >= plan.entries.length && head?.hash === prevHash;
  }

  /** Converts and relinks from `first` to the head (with the plan's seals and hashes where it has them), signs the bridges. */
  private async write(registerId: string, first: number, prevOfFirst: string, plan: ReanchorPlan | null): Promise<boolean> {
    const anchored = await this.signer!.anchoredPositions(registerId);
    const links: AuditBridgeLink[] = [];
    let prevHash = prevOfFirst;
    let after = first - 1;
    let i = 0;
    for (;;) {
      const page = await this.tx.auditEntriesAfter(registerId, after, PAGE);
      for (const rec of page) {
        const data = rec.data as unknown as AuditEntry;
        const scheme1 = data.hashScheme !== 2;
        const planned = plan?.entries[i++];
        const content: Omit<AuditEntry, 'hash'> = {
          ...data,
          prevHash,
          ...(scheme1
            ? { hashScheme: 2, ...(planned?.valueSeals ? { valueSeals: planned.valueSeals } : sealEntryValues(data.label, data.changes)) }
            : {}),
        };
        const hash = planned?.hash ?? auditEntryHash(content)!;
        if (anchored.has(data.position)) links.push({ registerId, position: data.position, oldHash: data.hash, newHash: hash });
        this.written.push(await this.tx.putRecord('audit', { ...content, hash, updatedAt: this.at }));
        if (scheme1) this.converted++;
        prevHash = hash;
        after = data.position;
      }
      if (page.length < PAGE) break;
    }
    await this.tx.setAuditHead({ registerId, position: after, hash: prevHash });
    for (const bridge of this.signer!.signBridges(links, this.at)) await this.tx.addAuditBridge(bridge);
    this.log.info('actor register re-anchored: scheme 1 entries converted to scheme 2', {
      registerId,
      from: first,
      head: after,
      bridges: links.length,
      planned: plan !== null,
    });
    return true;
  }

  /**
   * Walks the register's chain as this transaction sees it: every hash, link and position, and
   * the head. Returns the first scheme 1 position (null: none) and the hash before it.
   */
  private async verified(registerId: string): Promise<{ first: number | null; prevOfFirst: string } | { broken: number }> {
    let prevHash = AUDIT_GENESIS_HASH;
    let expected = 1;
    let first: number | null = null;
    let prevOfFirst = AUDIT_GENESIS_HASH;
    for (;;) {
      const page = await this.tx.auditEntriesAfter(registerId, expected - 1, PAGE);
      for (const rec of page) {
        const data = rec.data;
        if (data.position !== expected || data.prevHash !== prevHash || auditEntryHash(data) !== data.hash) return { broken: expected };
        if (first === null && data.hashScheme !== 2) {
          first = expected;
          prevOfFirst = prevHash;
        }
        prevHash = data.hash as string;
        expected++;
      }
      if (page.length < PAGE) break;
    }
    const head = await this.tx.getAuditHead(registerId);
    if ((head?.position ?? 0) !== expected - 1 || (head?.hash ?? AUDIT_GENESIS_HASH) !== prevHash) return { broken: expected - 1 };
    return { first, prevOfFirst };
  }
}
