import { appendFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../logger';
import type { AuditCheckpoint, Storage } from '../storage/storage';
import { checkpointLine, signCheckpoint } from './checkpoint';

export const CHECKPOINT_FILE = 'checkpoints.jsonl';
const DAY_MS = 24 * 3600_000;

/**
 * Signs checkpoints of every register's chain head: at start, daily, and whenever someone
 * exports (downloads) them. Each is appended to `checkpoints.jsonl` outside the data folder
 * (append-only; the archivist copies it away) and recorded in the database.
 */
export class AuditCheckpointer {
  private readonly timer: NodeJS.Timeout;
  private readonly file: string;

  constructor(
    private readonly storage: Storage,
    private readonly privateKey: KeyObject,
    checkpointDir: string,
    private readonly now: () => number,
    private readonly log: Logger,
    intervalMs = DAY_MS,
  ) {
    this.file = path.join(checkpointDir, CHECKPOINT_FILE);
    this.timer = setInterval(() => void this.safely(), intervalMs);
    this.timer.unref();
  }

  /** Signs the current head of every register whose head moved since its last checkpoint (all when `all`). */
  async checkpoint(all: boolean): Promise<AuditCheckpoint[]> {
    const heads = await this.storage.auditHeads();
    const last = new Map<string, number>();
    if (!all) for (const c of await this.storage.listAuditCheckpoints()) last.set(c.registerId, Math.max(last.get(c.registerId) ?? 0, c.position));
    const at = new Date(this.now()).toISOString();
    const made = heads.filter((h) => all || last.get(h.registerId) !== h.position).map((h) => signCheckpoint(this.privateKey, h, at));
    if (made.length === 0) return [];
    // File first, with flush: the copy outside the database is the one that counts.
    appendFileSync(this.file, made.map(checkpointLine).join(''), { flush: true });
    for (const c of made) await this.storage.addAuditCheckpoint(c);
    this.log.info('audit checkpoints signed', { registers: made.length });
    return made;
  }

  private async safely(): Promise<void> {
    try {
      await this.checkpoint(true);
    } catch (err) {
      this.log.error('audit checkpoint failed', { err: String(err) });
    }
  }

  /** The first checkpoint at start; resolves when written. */
  start(): Promise<void> {
    return this.safely();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
