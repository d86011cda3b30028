import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Logger } from '../logger';
import type { AuditBridge, AuditCheckpoint, Storage } from '../storage/storage';
import { parseAnchorLines, type AuditAnchors } from './anchor-lines';
import { bridgeLine, bridgeSignatureValid, signBridge, type AuditBridgeLink } from './bridge';
import { checkpointLine, checkpointSignatureValid, signCheckpoint } from './checkpoint';
import type { BridgeSigner } from './re-anchor';

export const CHECKPOINT_FILE = 'checkpoints.jsonl';
const DAY_MS = 24 * 3600_000;

/**
 * Signs checkpoints of every register's chain head: at start, daily, and whenever someone
 * exports (downloads) them. Each is appended to `checkpoints.jsonl` outside the data folder
 * (append-only; the archivist copies it away) and recorded in the database. Signs the bridges of
 * a re-anchoring too, into the same file, so the copy the archivist keeps holds both.
 */
export class AuditCheckpointer implements BridgeSigner {
  private readonly timer: NodeJS.Timeout;
  private readonly file: string;

  constructor(
    private readonly storage: Storage,
    private readonly privateKey: KeyObject,
    checkpointDir: string,
    private readonly now: () => number,
    private readonly log: Logger,
    /** Resolves whether the chain may be anchored: never over a chain found broken or rewritten. */
    private readonly chainIntact: () => Promise<boolean> = async () => true,
    intervalMs = DAY_MS,
  ) {
    this.file = path.join(checkpointDir, CHECKPOINT_FILE);
    this.timer = setInterval(() => void this.safely(), intervalMs);
    this.timer.unref();
  }

  /** Signs the current head of every register whose head moved since its last checkpoint (all when `all`). */
  async checkpoint(all: boolean): Promise<AuditCheckpoint[]> {
    if (!(await this.chainIntact())) {
      this.log.error('audit checkpoint not signed: the actor register chain is not intact');
      return [];
    }
    // In the write queue: no transaction lands between reading the heads and recording their
    // checkpoints, so a re-anchoring finds them in the file (and bridges them) or comes before them.
    const made = await this.storage.transaction(async (tx) => {
      const last = new Map<string, number>();
      if (!all) for (const c of await tx.listAuditCheckpoints()) last.set(c.registerId, Math.max(last.get(c.registerId) ?? 0, c.position));
      const at = new Date(this.now()).toISOString();
      const signed = (await tx.auditHeads())
        .filter((h) => all || last.get(h.registerId) !== h.position)
        .map((h) => signCheckpoint(this.privateKey, h, at));
      if (signed.length === 0) return [];
      // File first, with flush: the copy outside the database is the one that counts.
      appendFileSync(this.file, signed.map(checkpointLine).join(''), { flush: true });
      for (const c of signed) await tx.addAuditCheckpoint(c);
      return signed;
    });
    if (made.length > 0) this.log.info('audit checkpoints signed', { registers: made.length });
    return made;
  }

  private async safely(): Promise<void> {
    try {
      await this.checkpoint(true);
    } catch (err) {
      this.log.error('audit checkpoint failed', { err: String(err) });
    }
  }

  mayAnchor(): Promise<boolean> {
    return this.chainIntact();
  }

  /**
   * Every position of the register a checkpoint of this key names: those in the file (the copy
   * that counts) and the database. Asked inside a transaction: checkpoints are signed in the same
   * queue, so none is signed between this answer and the commit.
   */
  async anchoredPositions(registerId: string): Promise<Set<number>> {
    const own = readOwnAnchors(path.dirname(this.file), createPublicKey(this.privateKey), this.log).checkpoints;
    const listed = await this.storage.listAuditCheckpoints();
    return new Set([...own, ...listed].filter((c) => c.registerId === registerId).map((c) => c.position));
  }

  /** Signs the bridges and appends them to the file, flushed, before the caller's transaction commits. */
  signBridges(links: readonly AuditBridgeLink[], at: string): AuditBridge[] {
    const made = links.map((l) => signBridge(this.privateKey, l, at));
    if (made.length > 0) appendFileSync(this.file, made.map(bridgeLine).join(''), { flush: true });
    return made;
  }

  /** The first checkpoint at start; resolves when written. */
  start(): Promise<void> {
    return this.safely();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * The server's own checkpoints and bridges from its file, for the start-up check. A line that does
 * not parse (a crash mid-append) or is not signed by this key is left out and logged (a bridge
 * left out leaves the checkpoints before it unbridged: reported as a rewrite).
 */
export function readOwnAnchors(checkpointDir: string, publicKey: KeyObject, log: Logger): AuditAnchors {
  const file = path.join(checkpointDir, CHECKPOINT_FILE);
  const out: AuditAnchors = { checkpoints: [], bridges: [] };
  if (!existsSync(file)) return out;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const { checkpoints, bridges } = parseAnchorLines(line, `${file}:${i + 1}`);
        const valid = [
          ...checkpoints.filter((c) => checkpointSignatureValid(publicKey, c)),
          ...bridges.filter((b) => bridgeSignatureValid(publicKey, b)),
        ];
        if (valid.length === 0) log.error("audit checkpoint or bridge not signed by this server's key, ignored", { file, line: i + 1 });
        out.checkpoints.push(...checkpoints.filter((c) => valid.includes(c)));
        out.bridges.push(...bridges.filter((b) => valid.includes(b)));
      } catch (err) {
        log.error('audit checkpoint line unreadable, ignored', { file, line: i + 1, err: String(err) });
      }
    });
  return out;
}
