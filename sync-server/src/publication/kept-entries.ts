import type { PublicDocument, PublicListEntry } from '../../../shared/src';

/**
 * The public list's entries as read from its projection (public_list_entries.entry, the gate's
 * output as JSON), parsed once and kept by document id while the stored JSON is the same: a page
 * of 25 spent as long parsing and rendering its rows as reading them, and readers who search
 * differently read the same documents again. Kept by what was stored, not by when: an entry
 * decided again (a new title, a restriction lifted) has other JSON and is parsed anew, so no page
 * shows an entry other than the one it read; a blocked document has no row and is never asked for.
 * Kept entries are frozen and shared between pages (the rendered row is kept beside the object, in
 * public-list-page.ts); their files are none (a published document's files are decided per page).
 */
export class KeptEntries {
  private readonly kept = new Map<string, { json: string; entry: PublicListEntry }>();

  constructor(private readonly max: number) {}

  get(id: string, json: string): PublicListEntry {
    const hit = this.kept.get(id);
    if (hit?.json === json) return hit.entry;
    const entry: PublicListEntry = { ...(JSON.parse(json) as PublicDocument), files: [] };
    Object.freeze(entry.files);
    Object.freeze(entry);
    this.kept.delete(id);
    this.kept.set(id, { json, entry });
    // Oldest first out (a Map iterates in insertion order).
    if (this.kept.size > this.max) this.kept.delete(this.kept.keys().next().value!);
    return entry;
  }
}
