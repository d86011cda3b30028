import type { ChangeEvent, Checkpoint } from '../../../../shared/src';

type Doc = Record<string, unknown>;

export interface PulledBatch {
  documents: Doc[];
  checkpoint: Checkpoint;
}

/** Beyond this many held records a batch is dropped and the client pulls instead. */
export const MAX_HELD = 2000;

function sameCheckpoint(a: Checkpoint, b: Checkpoint): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The change batches the server pushed for one collection, held until RxDB pulls. A batch is
 * what a pull from its `from` returns, so it answers a pull from exactly that checkpoint and
 * nothing else: a stale batch can never overwrite newer records, whatever order RxDB's own
 * queue runs in. Consecutive batches join into one answer.
 */
export class PushedChanges {
  private held: { from: Checkpoint; documents: Doc[]; checkpoint: Checkpoint } | null = null;

  /** Keeps a batch; a notice or a batch that does not continue the held one replaces it. */
  offer(event: ChangeEvent): void {
    if (!('from' in event)) {
      this.held = null;
      return;
    }
    const h = this.held;
    if (h && sameCheckpoint(h.checkpoint, event.from) && h.documents.length + event.documents.length <= MAX_HELD) {
      this.held = { from: h.from, documents: [...h.documents, ...event.documents], checkpoint: event.checkpoint };
    } else {
      this.held =
        event.documents.length <= MAX_HELD ? { from: event.from, documents: event.documents, checkpoint: event.checkpoint } : null;
    }
  }

  /** Drops what is held (a new socket: what the server sends from now on starts afresh). */
  clear(): void {
    this.held = null;
  }

  /** The answer to a pull from `checkpoint`, once, or null when the network must answer it. */
  take(checkpoint: Checkpoint | null | undefined): PulledBatch | null {
    const h = this.held;
    if (!h || !checkpoint || !sameCheckpoint(h.from, checkpoint)) return null;
    this.held = null;
    return { documents: h.documents, checkpoint: h.checkpoint };
  }
}
