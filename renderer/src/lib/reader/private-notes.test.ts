import { describe, expect, it } from 'vitest';
import { MAX_HIGHLIGHTS, MAX_NOTE_CHARS, NoteTooLongError, PrivateNotes, emptyNote, type PrivateNote } from './private-notes';
import type { SealedLocal } from './sealed-local';

/** The sealed store's contract, in memory (the real one is exercised by the reader's integration test). */
function memoryStore(): SealedLocal & { rows: Map<string, unknown> } {
  const rows = new Map<string, unknown>();
  return {
    rows,
    get: async <T>(id: string) => (rows.get(id) as T | undefined) ?? null,
    set: async <T>(id: string, value: T) => void rows.set(id, value),
    remove: async (id: string) => void rows.delete(id),
  } as unknown as SealedLocal & { rows: Map<string, unknown> };
}

const note = (p: Partial<PrivateNote> = {}): PrivateNote => ({ ...emptyNote('d1'), text: 'Fråga om kostnaden', ...p });

describe('private notes', () => {
  it('an unknown document has an empty note; a saved one comes back whole', async () => {
    const notes = new PrivateNotes(memoryStore());
    expect(await notes.get('d1')).toEqual(emptyNote('d1'));
    const saved = note({ highlights: [{ id: 'h', fileId: 'f1', page: 2, x: 1, y: 2, w: 30, h: 10 }] });
    await notes.save(saved);
    expect(await notes.get('d1')).toEqual(saved);
  });

  it('a note too long (or too many highlights) is refused and the stored one is kept', async () => {
    const notes = new PrivateNotes(memoryStore());
    await notes.save(note());
    await expect(notes.save(note({ text: 'x'.repeat(MAX_NOTE_CHARS + 1) }))).rejects.toBeInstanceOf(NoteTooLongError);
    const many = Array.from({ length: MAX_HIGHLIGHTS + 1 }, (_, i) => ({ id: `h${i}`, fileId: 'f1', page: 1, x: 0, y: 0, w: 5, h: 5 }));
    await expect(notes.save(note({ highlights: many }))).rejects.toBeInstanceOf(NoteTooLongError);
    expect((await notes.get('d1')).text).toBe('Fråga om kostnaden');
  });

  it('an emptied note is removed, and removal by document takes only those', async () => {
    const store = memoryStore();
    const notes = new PrivateNotes(store);
    await notes.save(note());
    await notes.save({ ...note(), documentId: 'd2' });
    await notes.save({ ...note(), text: '' });
    expect([...store.rows.keys()]).toEqual(['reader-note|d2']);
    await notes.save(note());
    await notes.remove(['d2']);
    expect([...store.rows.keys()]).toEqual(['reader-note|d1']);
  });
});
