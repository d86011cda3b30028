import { describe, expect, test } from 'vitest';
import type { PublicDocument } from '../../../shared/src';
import { KeptEntries } from './kept-entries';
import { publicListHtml } from './public-list-page';

const doc = (o: Partial<PublicDocument> = {}): PublicDocument => ({
  id: 'd1',
  documentNumber: 'KS 2026-00042-1',
  registeredDate: '2026-12-07',
  direction: 'incoming',
  annulled: false,
  title: 'Ansökan om bygglov',
  description: '',
  counterpart: 'Vera Vinge',
  caseNumber: 'KS 2026-00042',
  caseTitle: 'Bygglov',
  ...o,
});
const form = { datum: '', fran: '', till: '', nummer: '', ord: '', antal: '', publicerade: '' };
const page = (entries: PublicDocument[]) =>
  publicListHtml({
    form,
    entries: entries.map((e) => ({ ...e, files: [] })),
    next: null,
    firstPage: true,
    error: null,
    today: '2026-12-07',
  });

describe('KeptEntries', () => {
  test('parses an entry once while its stored JSON is the same, and anew when it changes; what it gives is what was stored', () => {
    const kept = new KeptEntries(10);
    const json = JSON.stringify(doc());
    const first = kept.get('d1', json);
    expect(first).toEqual({ ...doc(), files: [] });
    // The same text read again (another string from another query): the same entry.
    expect(kept.get('d1', `${json} `.trim())).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.files)).toBe(true);
    // Decided again with another title: never the kept one.
    const retitled = kept.get('d1', JSON.stringify(doc({ title: 'Ansökan om strandskyddsdispens' })));
    expect(retitled.title).toBe('Ansökan om strandskyddsdispens');
    expect(kept.get('d1', JSON.stringify(doc({ title: 'Ansökan om strandskyddsdispens' })))).toBe(retitled);
  });

  test('keeps at most `max`, the oldest out first', () => {
    const kept = new KeptEntries(2);
    const json = (id: string) => JSON.stringify(doc({ id }));
    const a = kept.get('a', json('a'));
    const b = kept.get('b', json('b'));
    kept.get('c', json('c'));
    expect(kept.get('b', json('b'))).toBe(b);
    expect(kept.get('a', json('a'))).not.toBe(a);
  });

  test("a kept entry's row is rendered once and shows what is stored now", () => {
    const kept = new KeptEntries(10);
    const before = kept.get('d1', JSON.stringify(doc()));
    const html = publicListHtml({ form, entries: [before], next: null, firstPage: true, error: null, today: '2026-12-07' });
    expect(html).toBe(page([doc()]));
    const after = kept.get('d1', JSON.stringify(doc({ title: 'Ny rubrik', counterpart: '' })));
    const again = publicListHtml({ form, entries: [after], next: null, firstPage: true, error: null, today: '2026-12-07' });
    expect(again).toBe(page([doc({ title: 'Ny rubrik', counterpart: '' })]));
    expect(again).not.toContain('Ansökan om bygglov');
    expect(again).not.toContain('Vera Vinge');
  });
});
