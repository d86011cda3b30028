import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { documentDate, documentListKey, type Document } from '../../../../shared/src';
import { buildDocument } from '../records';
import { openDatabase, type DiariumDatabase } from './database';
import { withDerivedFields } from './derived-fields';
import { Notices } from './notices';
import { viewOf } from './sealing';

const sink = { report: () => undefined, isRejected: () => false };

/** A registered incoming letter received 2026-12-04, as the server sends it. */
function letter(): Document {
  const doc = buildDocument(
    {
      registerId: 'reg-ks',
      caseId: '',
      direction: 'incoming',
      title: 'Skrivelse',
      documentTypeId: 'dt-1',
      classCode: '1.1',
      receivedDate: '2026-12-04',
    },
    'usr-registrator',
    { nowMs: Date.parse('2026-12-04T10:00:00Z'), id: 'doc-1' },
  );
  const registered = { ...doc, documentNumber: 'KS 2026-00001-1', registeredDate: '2026-12-04' };
  return { ...registered, listKey: documentListKey(registered) };
}

describe('withDerivedFields', () => {
  it("derives a document's list key from an edited date, with the rest of the record", () => {
    const current = letter();
    const patch = withDerivedFields('documents', current, { receivedDate: '2026-12-03' });
    expect(patch).toEqual({ receivedDate: '2026-12-03', listKey: documentListKey({ ...current, receivedDate: '2026-12-03' }) });
    expect(String(patch.listKey).slice(0, 8)).toBe(String(99_999_999 - 20261203));
  });

  it('leaves an edit of other fields, and of other collections, as it is', () => {
    expect(withDerivedFields('documents', letter(), { title: 'Ny rubrik' })).toEqual({ title: 'Ny rubrik' });
    expect(withDerivedFields('cases', { id: 'c' }, { receivedDate: '2026-12-03' })).toEqual({ receivedDate: '2026-12-03' });
  });
});

describe('a date edited on this device', () => {
  let db: DiariumDatabase | null = null;
  afterEach(async () => {
    await db?.remove();
    db = null;
  });

  it('keeps the list key with the date shown when the kept side of a conflict is a date', async () => {
    db = await openDatabase(`derived${Date.now()}`, getRxStorageMemory() as never, sink, 'derived-secret-0123456789abcdef');
    await db.documents.insert(letter() as never);
    const notices = new Notices(() => 0);
    await notices.load(db);
    notices.reportConflicts('documents', 'doc-1', [
      { field: 'receivedDate', base: '2026-12-01', mine: '2026-12-03', theirs: '2026-12-04' },
    ]);

    await notices.resolveConflict('documents', 'doc-1', 'receivedDate', 'mine');

    const stored = viewOf<Document>((await db.documents.findOne('doc-1').exec())!);
    expect(documentDate(stored)).toBe('2026-12-03');
    // "Nyast först" reads the list key: it must place the document by the date the row shows.
    expect(stored.listKey).toBe(documentListKey(stored));
  });
});
