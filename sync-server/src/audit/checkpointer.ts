import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '../logger';
import type { AuditCheckpoint, Storage } from '../storage/storage';
import { checkpointLine, checkpointSignatureValid, parseCheckpointLines, signCheckpoint } from './checkpoint';

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
    const heads = await this.storage.auditHeads();
    const last = new Map<string, number>();
    if (!all)
      for (const c of await this.storage.listAuditCheckpoints()) last.set(c.registerId, Math.max(last.get(c.registerId) ?? 0, c.position));
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

/**
 * The server's own checkpoints from its file, for the start-up check. A line that does not parse
 * (a crash mid-append) or is not signed by this key is left out and logged.
 */
export function readOwnCheckpoints(checkpointDir: string, publicKey: KeyObject, log: Logger): AuditCheckpoint[] {
  const file = path.join(checkpointDir, CHECKPOINT_FILE);
  if (!existsSync(file)) return [];
  const out: AuditCheckpoint[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      try {
        const [c] = parseCheckpointLines(line, `${file}:${i + 1}`);
        if (c && checkpointSignatureValid(publicKey, c)) out.push(c);
        else log.error("audit checkpoint not signed by this server's key, ignored", { file, line: i + 1 });
      } catch (err) {
        log.error('audit checkpoint line unreadable, ignored', { file, line: i + 1, err: String(err) });
      }
    });
  return out;
}
