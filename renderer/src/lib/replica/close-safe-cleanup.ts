import type { RxStorage, RxStorageInstance } from 'rxdb';

type Instance = RxStorageInstance<unknown, unknown, unknown>;

/**
 * RxDB's cleanup plugin purges deleted rows in the background (from a minute after a collection
 * opens). Closing the replica while such a purge runs (signing out, a test ending) makes the
 * storage refuse it as closed; RxDB does not catch that, so it surfaces as an unhandled rejection
 * and leaves the plugin's process-wide cleanup queue rejected, so no replica opened later in the
 * same page is ever cleaned up again. A purge cut short by closing has nothing left to do: here it
 * counts as done. Every other failure still rejects.
 */
export function closeSafeCleanup<I, O>(storage: RxStorage<I, O>): RxStorage<I, O> {
  return {
    ...storage,
    async createStorageInstance(params) {
      const instance = (await storage.createStorageInstance(params)) as Instance;
      let closing = false;
      const ending = (end: () => Promise<void>) => () => {
        closing = true;
        return end();
      };
      return new Proxy(instance, {
        get(target, prop) {
          if (prop === 'cleanup')
            return (minimumDeletedTime: number) =>
              target.cleanup(minimumDeletedTime).catch((err: unknown) => {
                if (closing) return true;
                throw err;
              });
          if (prop === 'close') return ending(() => target.close());
          if (prop === 'remove') return ending(() => target.remove());
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      }) as never;
    },
  };
}
