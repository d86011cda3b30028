import type { Logger } from '../logger';
import type { WindowEvaluator, WindowUser } from './window-evaluator';

/**
 * A new day moves every window's start without any record changing, so nothing else would
 * evaluate a connected user's window until their next change. Now and then the users with open
 * sync sockets are evaluated again: what aged out leaves their replicas (their sockets get the
 * batches) while they stay connected. Each tick first runs `housekeeping` (expired opens
 * forgotten). Returns the stop.
 */
export function startWindowTick(
  windows: WindowEvaluator,
  connectedUsers: () => Iterable<string>,
  loadUser: (userId: string) => Promise<WindowUser | null>,
  everyMs: number,
  log: Logger,
  housekeeping: () => Promise<unknown> = async () => undefined,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    await housekeeping().catch((err: unknown) => log.error('working set: housekeeping failed', { err: String(err) }));
    try {
      for (const userId of new Set(connectedUsers())) {
        const user = await loadUser(userId);
        if (user) await windows.refresh(user);
      }
    } catch (err) {
      log.error('working set: could not evaluate connected users', { err: String(err) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
