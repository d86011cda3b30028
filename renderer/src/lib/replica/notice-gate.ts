/**
 * Whether a server's change notice for one collection must start a resync now. A resync runs
 * RxDB's downstream (one more pull) and its upstream, which reads every record stored since its
 * own checkpoint to look for unsent changes: during a first download the server's notice that the
 * user's window was evaluated made it read thousands of freshly pulled records (0.8 s of cursor
 * reads and compares in a 20,000-case download's profile). While the collection is paging, a pull
 * sent after the notice answers it anyway (RxDB drops a resync asked before its latest pull), so
 * such a notice waits: when the paging ends, a resync follows only if a notice came after the
 * last request was sent, as RxDB's downstream would have run then.
 */
export class NoticeGate {
  private paging = false;
  private seq = 0;
  private lastSent = 0;
  private lastNotice = 0;

  /** A pull handler began (a pull is under way until a batch is handed over as the last). */
  pulling(): void {
    this.paging = true;
  }

  /** A pull request goes to the server now: it answers every notice before it. */
  sent(): void {
    this.lastSent = ++this.seq;
  }

  /** A notice arrived: whether to resync now (no paging under way). */
  notice(): boolean {
    if (!this.paging) return true;
    this.lastNotice = ++this.seq;
    return false;
  }

  /** A batch was handed over to RxDB (`last`: the end of what there was); whether to resync now. A failed pull is retried as a new one. */
  handedOver(last: boolean): boolean {
    if (!last) return false;
    this.paging = false;
    return this.lastNotice > this.lastSent;
  }
}
