/**
 * The records of one collection whose push is under way: sent, and (when the server took them)
 * until RxDB has recorded the pushed state as the server's (its assumed master state), which it
 * does only after the push handler returns.
 *
 * Why: the server changes a record it takes (a new one gets its number and registration date)
 * and sends that state back through a pull. When that pull is answered before RxDB recorded the
 * push (a pull already under way when the push went out: the first pull after start, an upgrade
 * delivering offline changes), RxDB's downstream sees a replica state that differs from what it
 * believes the server holds, takes it for a local change still to be sent, skips the record and
 * moves its checkpoint past it: the replica keeps the provisional state for good (RxDB's own
 * guard, pubkey/rxdb#5571, holds back only pulls that start during a push). So a pull carrying
 * such a record waits until the upstream has settled before RxDB sees it.
 */
export class UnsettledPushes {
  /** Per id, how many pushes of it are under way. */
  private readonly ids = new Map<string, number>();

  /** `upstreamSettled`: resolves when what the upstream is doing now (pushes, their bookkeeping) is done. */
  constructor(private readonly upstreamSettled: () => Promise<unknown>) {}

  /** A push of these ids is about to be sent. */
  sent(ids: readonly string[]): void {
    for (const id of ids) this.ids.set(id, (this.ids.get(id) ?? 0) + 1);
  }

  /**
   * The push ended. Taken (`accepted`): the ids stay unsettled until the upstream has recorded
   * them. Not sent or refused: the server's state does not come from this push, so at once.
   */
  ended(ids: readonly string[], accepted: boolean): void {
    if (!accepted) return this.release(ids);
    void this.upstreamSettled().then(
      () => this.release(ids),
      () => this.release(ids),
    );
  }

  /** Resolves when the pulled documents may be handed to RxDB: at once unless one is unsettled. */
  async beforeHandingOver(documents: readonly Record<string, unknown>[]): Promise<void> {
    if (documents.some((d) => this.ids.has(String(d.id)))) await this.upstreamSettled().catch(() => undefined);
  }

  private release(ids: readonly string[]): void {
    for (const id of ids) {
      const n = (this.ids.get(id) ?? 0) - 1;
      if (n > 0) this.ids.set(id, n);
      else this.ids.delete(id);
    }
  }
}
