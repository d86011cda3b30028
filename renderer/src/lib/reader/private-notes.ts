import type { SealedLocal } from './sealed-local';

/** A marked area of a page of one of the document's files, in PDF units at scale 1 (top left origin). */
export interface Highlight {
  id: string;
  fileId: string;
  page: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The member's own note and highlights on one document: on this device only, never sent. */
export interface PrivateNote {
  documentId: string;
  text: string;
  highlights: Highlight[];
  updatedAt: string;
}

export const MAX_NOTE_CHARS = 20_000;
export const MAX_HIGHLIGHTS = 500;

export class NoteTooLongError extends Error {
  constructor(readonly limit: number) {
    super(`a private note holds at most ${limit} characters`);
  }
}

const noteKey = (documentId: string) => `reader-note|${documentId}`;

export function emptyNote(documentId: string): PrivateNote {
  return { documentId, text: '', highlights: [], updatedAt: '' };
}

/** Private notes per document, sealed with the replica's key in local documents (`sealed-local.ts`). */
export class PrivateNotes {
  constructor(private readonly store: SealedLocal) {}

  async get(documentId: string): Promise<PrivateNote> {
    return (await this.store.get<PrivateNote>(noteKey(documentId))) ?? emptyNote(documentId);
  }

  /** Saves the whole note; refuses (and keeps the stored one) when it is too long. */
  async save(note: PrivateNote): Promise<void> {
    if (note.text.length > MAX_NOTE_CHARS) throw new NoteTooLongError(MAX_NOTE_CHARS);
    if (note.highlights.length > MAX_HIGHLIGHTS) throw new NoteTooLongError(MAX_HIGHLIGHTS);
    if (note.text === '' && note.highlights.length === 0) return this.store.remove(noteKey(note.documentId));
    await this.store.set(noteKey(note.documentId), note);
  }

  async remove(documentIds: readonly string[]): Promise<void> {
    for (const id of documentIds) await this.store.remove(noteKey(id));
  }
}
