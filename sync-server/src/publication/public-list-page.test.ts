import { describe, expect, test } from 'vitest';
import { escapeHtml, publicListHtml } from './public-list-page';
import type { PublicListEntry } from '../../../shared/src';

const FORM = { datum: '', fran: '', till: '', nummer: '', ord: '', antal: '', publicerade: '' };
const entry = (o: Partial<PublicListEntry> = {}): PublicListEntry => ({
  id: 'd1',
  documentNumber: 'KS 2026-00042-3',
  registeredDate: '2026-12-07',
  direction: 'incoming',
  annulled: false,
  title: 'Yttrande',
  description: '',
  counterpart: 'Trafikverket',
  caseNumber: 'KS 2026-00042',
  caseTitle: 'Detaljplan',
  files: [],
  ...o,
});

describe('the public list page', () => {
  test('escapes with named entities only: no digits are added next to a reader’s text', () => {
    expect(escapeHtml(`<a href="x">'1218-9876 & co</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;1218-9876 &amp; co&lt;/a&gt;');
  });
  test('groups entries by day, newest first as given, with row headers and an annulled mark; no scripts', () => {
    const html = publicListHtml({
      form: { ...FORM, ord: '<script>' },
      entries: [
        entry(),
        entry({
          id: 'd2',
          documentNumber: 'KSH 2026-00001',
          registeredDate: '2026-12-06',
          caseNumber: '',
          caseTitle: '',
          annulled: true,
          direction: 'created',
          counterpart: '',
        }),
      ],
      next: { registeredDate: '2026-12-06', newestKey: '1', id: 'd2' },
      firstPage: true,
      error: null,
      today: '2026-12-07',
    });
    expect(html.indexOf('dag-2026-12-07')).toBeLessThan(html.indexOf('dag-2026-12-06'));
    expect(html).toContain('<th scope="row">KS 2026-00042-3</th><td>Inkommande</td>');
    expect(html).toContain('Avsändare: Trafikverket');
    expect(html).toContain('Fristående handling');
    expect(html).toContain('<strong class="makulerad">Makulerad</strong>');
    expect(html).toContain('rel="next"');
    expect(html).not.toContain('Första sidan');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('value="&lt;script&gt;"');
  });
  test('an error is an alert and lists nothing', () => {
    const html = publicListHtml({
      form: FORM,
      entries: [entry()],
      next: null,
      firstPage: false,
      error: 'Datum måste vara ett datum.',
      today: '2026-12-07',
    });
    expect(html).toContain('role="alert"');
    expect(html).not.toContain('KS 2026-00042-3');
  });
});
