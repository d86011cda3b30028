import { BehaviorSubject } from 'rxjs';
import type { DiariumDatabase } from '../replica/database';
import { SealedLocal } from '../reader/sealed-local';

/** A named query, kept on this device. */
export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  savedAt: string;
}

export const MAX_SAVED_SEARCHES = 100;
export const MAX_SEARCH_NAME = 100;

export type SavedListError = 'name_missing' | 'name_too_long' | 'query_missing' | 'too_many';

export class SavedListRefusal extends Error {
  constructor(readonly code: SavedListError) {
    super(code);
  }
}

const SAVED = 'search-saved';

/**
 * Saved searches of the signed-in user: an RxDB local document of the user's replica (never
 * replicated, so they stay on this device), sealed with the replica's key like the reader's
 * notes. The list is small and kept whole in memory; every change is written at once.
 * (Favourites moved to the personal lists, `lib/personal/store.ts`, which sync.)
 */
export class SearchLists {
  readonly saved = new BehaviorSubject<SavedSearch[]>([]);
  readonly ready: Promise<void>;
  private readonly store: SealedLocal;

  constructor(db: DiariumDatabase) {
    this.store = new SealedLocal(db);
    this.ready = this.store.get<SavedSearch[]>(SAVED).then((s) => this.saved.next(s ?? []));
  }

  /** Saves `query` under `name`; a search of the same name is replaced. */
  async saveSearch(name: string, query: string, now = new Date()): Promise<SavedSearch> {
    await this.ready;
    const trimmed = name.trim();
    if (!trimmed) throw new SavedListRefusal('name_missing');
    if (trimmed.length > MAX_SEARCH_NAME) throw new SavedListRefusal('name_too_long');
    if (!query.trim()) throw new SavedListRefusal('query_missing');
    const others = this.saved.value.filter((s) => s.name !== trimmed);
    if (others.length >= MAX_SAVED_SEARCHES) throw new SavedListRefusal('too_many');
    const entry: SavedSearch = { id: crypto.randomUUID(), name: trimmed, query: query.trim(), savedAt: now.toISOString() };
    await this.write(SAVED, this.saved, [...others, entry]);
    return entry;
  }

  async removeSearch(id: string): Promise<void> {
    await this.ready;
    await this.write(
      SAVED,
      this.saved,
      this.saved.value.filter((s) => s.id !== id),
    );
  }

  private async write<T>(key: string, subject: BehaviorSubject<T[]>, next: T[]): Promise<void> {
    await this.store.set(key, next);
    subject.next(next);
  }
}

const lists = new WeakMap<DiariumDatabase, SearchLists>();

/** The lists of the replica's user (one instance per open replica, shared by every view). */
export function searchLists(db: DiariumDatabase): SearchLists {
  let l = lists.get(db);
  if (!l) {
    l = new SearchLists(db);
    lists.set(db, l);
  }
  return l;
}
