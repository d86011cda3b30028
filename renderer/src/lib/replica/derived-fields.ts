import { documentListKey, type Document } from '../../../../shared/src';

type Rec = Record<string, unknown>;

/** What a document's list key is derived from (`documentListKey`). */
const LIST_KEY_SOURCES = ['direction', 'receivedDate', 'dispatchedDate', 'createdDate', 'registeredDate', 'newestKey'];

/**
 * An edit of a stored record with what the replica derives from the edited fields: a document's
 * list key follows its dates at once, whichever path edits a date (a correction, the kept side
 * of a conflict, a recovered change), so "Nyast först" places it by the date it shows. The
 * server derives the key again from what it stores.
 */
export function withDerivedFields(collection: string, current: Rec, patch: Rec): Rec {
  if (collection !== 'documents' || !LIST_KEY_SOURCES.some((f) => f in patch)) return patch;
  return { ...patch, listKey: documentListKey({ ...current, ...patch } as unknown as Document) };
}
