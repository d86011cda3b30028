import type { Observable } from 'rxjs';

/**
 * The latest value of an observable as reactive state. Call during component initialisation;
 * the subscription follows the component's lifetime. `source` may be a function so that the
 * observable is re-created when the state it reads changes (e.g. a query on the open case).
 * Values are kept raw (not deeply proxied): query results can hold 100 000 records.
 */
export function observe<T>(source: Observable<T> | (() => Observable<T> | null), initial: T): { readonly current: T } {
  let value = $state.raw(initial);
  $effect(() => {
    const obs = typeof source === 'function' ? source() : source;
    if (!obs) return;
    const sub = obs.subscribe((v) => {
      value = v;
    });
    return () => sub.unsubscribe();
  });
  return {
    get current() {
      return value;
    },
  };
}
