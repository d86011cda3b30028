import type { OpenedRecords, PinnableCollection, WorkingSetSession } from '../commands/working-set';
import { openOnDemand, type OnDemand } from './open-on-demand';

/**
 * A case or document view's record outside the working set: asked for once when the replica
 * answers that it does not hold it, and again when the connection returns after an offline
 * answer. Construct during a component's set-up (it owns an effect).
 */
export class OnDemandView {
  /** The last answer, for the notice; null before one. */
  state = $state.raw<OnDemand | null>(null);
  private asked = false;

  constructor(
    context: { session: WorkingSetSession; online: () => boolean },
    collection: PinnableCollection,
    id: string,
    /** The replica's record: undefined while it has not answered, null when it lacks it. */
    private readonly held: () => unknown,
  ) {
    $effect(() => {
      const online = context.online();
      if (held() !== null || (this.asked && !(online && this.state?.state === 'offline'))) return;
      this.asked = true;
      void openOnDemand(context.session, online, collection, id).then((r) => (this.state = r));
    });
  }

  /** The server's answer while the replica lacks the record, else null. */
  get records(): OpenedRecords | null {
    return this.held() == null && this.state?.state === 'server' ? this.state.records : null;
  }
}
