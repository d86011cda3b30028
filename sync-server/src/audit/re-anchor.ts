import { AUDIT_GENESIS_HASH, type AuditEntry } from '../../../shared/src';
import type { Logger } from '../logger';
import type { AuditBridge, StorageTx, StoredRecord } from '../storage/storage';
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
    const checked = await this.verified(registerId);
    if ('broken' in checked) return refuse('the chain does not verify', { position: checked.broken });
    if (checked.first === null) return true;
    const anchored = await this.signer.anchoredPositions(registerId);
    const links: AuditBridgeLink[] = [];
    let prevHash = checked.prevOfFirst;
    let after = checked.first - 1;
    for (;;) {
      const page = await this.tx.auditEntriesAfter(registerId, after, PAGE);
      for (const rec of page) {
        const data = rec.data as unknown as AuditEntry;
        const scheme1 = data.hashScheme !== 2;
        const content: Omit<AuditEntry, 'hash'> = {
          ...data,
          prevHash,
          ...(scheme1 ? { hashScheme: 2, ...sealEntryValues(data.label, data.changes) } : {}),
        };
        const hash = auditEntryHash(content)!;
        if (anchored.has(data.position)) links.push({ registerId, position: data.position, oldHash: data.hash, newHash: hash });
        this.written.push(await this.tx.putRecord('audit', { ...content, hash, updatedAt: this.at }));
        if (scheme1) this.converted++;
        prevHash = hash;
        after = data.position;
      }
      if (page.length < PAGE) break;
    }
    await this.tx.setAuditHead({ registerId, position: after, hash: prevHash });
    for (const bridge of this.signer.signBridges(links, this.at)) await this.tx.addAuditBridge(bridge);
    this.log.info('actor register re-anchored: scheme 1 entries converted to scheme 2', {
      registerId,
      from: checked.first,
      head: after,
      bridges: links.length,
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
