import { projectRecord, type AccessSubject, type CollectionName } from '../../../shared/src';
import type { Storage } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';

const PAGE = 500;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Every record of a collection in one register as this user receives it: the same pages a pull
 * reads (`pullPage`), each record projected with its surroundings exactly as a pull projects it;
 * records the user does not receive are left out, withheld fields arrive emptied and named.
 * Yields to other requests between pages.
 */
export async function readableRecords<T>(
  deps: { storage: Storage; contexts: ContextLoader },
  subject: AccessSubject,
  collection: CollectionName,
  registerId: string,
): Promise<T[]> {
  const out: T[] = [];
  for (let after = 0; ; await nextTurn()) {
    const page = await deps.storage.pullPage(collection, after, PAGE, [registerId]);
    const live = page.filter((r) => !r.deleted);
    const ctx = await deps.contexts.contexts(live);
    live.forEach((rec, i) => {
      const visible = projectRecord(subject, collection, rec.data as { id: string; registerId: string }, ctx[i]);
      if (visible) out.push(visible as T);
    });
    if (page.length < PAGE) return out;
    after = page.at(-1)!.seq;
  }
}
