import { describe, expect, it } from 'vitest';
import { emptyMeetingRecord } from '../model/meeting';
import {
  itemWithoutQuotes,
  meetingsListingDocument,
  noticePreserved,
  postingWithoutQuotes,
  quoteFinder,
  quotedValues,
  quotingAuditValues,
  withoutQuotes,
} from './disposal-quotes';

describe('quotes of a disposed record', () => {
  const qs = quotedValues(['Klagomål på hund', ' Klagomål på hunden i parken ', 'Ja', '', '[gallrad]', 'Klagomål på hund']);

  it('keeps distinct values long enough to be quotes, longest first', () => {
    expect(qs).toEqual(['Klagomål på hunden i parken', 'Klagomål på hund']);
  });

  it('replaces every quote in a text, the longer one first', () => {
    const text = '§ 1 Klagomål på hunden i parken\n§ 2 Klagomål på hund (forts.)\n§ 3 Bygglov';
    expect(withoutQuotes(text, qs, 'Gallrad enligt KS 2026-1')).toBe(
      '§ 1 Gallrad enligt KS 2026-1\n§ 2 Gallrad enligt KS 2026-1 (forts.)\n§ 3 Bygglov',
    );
  });

  it('finds whether a text holds any of many quotes, as includes would', () => {
    const many = [...Array.from({ length: 500 }, (_, i) => `Bygglov för fastigheten Ekudden ${i}:1`), ...qs, 'Ja'];
    const has = quoteFinder(many);
    for (const text of ['§ 3 Klagomål på hund', 'x Bygglov för fastigheten Ekudden 417:1 y', 'Klagomål på hunden i parken']) {
      expect(has(text)).toBe(true);
      expect(many.some((q) => q.length >= 8 && text.includes(q))).toBe(true);
    }
    for (const text of ['Bygglov för fastigheten Ekudden 500:1', 'Klagomål på hun', 'Ja', '']) expect(has(text)).toBe(false);
    expect(quoteFinder([])('Klagomål på hund')).toBe(false);
  });

  it('chooses the label and the changes of an entry that quote one; none when nothing does', () => {
    const entry = {
      label: 'Kungörelse KS 12 maj',
      changes: [
        { field: 'text', from: '', to: '§ 1 Klagomål på hund' },
        { field: 'date', from: '', to: '2026-05-12' },
      ],
    };
    expect(quotingAuditValues(entry, qs)).toEqual({ label: false, changes: [true, false] });
    expect(quotingAuditValues({ ...entry, label: 'Klagomål på hund' }, qs)).toEqual({ label: true, changes: [true, false] });
    expect(quotingAuditValues({ label: 'x', changes: [{ field: 'date', from: '', to: '2026' }] }, qs)).toBeNull();
    expect(quotingAuditValues(entry, [])).toBeNull();
  });

  it('replaces the quotes in another item’s own title, proposal and decision, not in adjusted minutes', () => {
    const item = {
      ...emptyMeetingRecord('item', { id: 'i1', registerId: 'reg-ks' }),
      meetingId: 'm1',
      title: 'Övriga frågor',
      proposal: 'Som i Klagomål på hunden i parken',
      decision: 'Enligt förslaget',
    };
    const planned = { status: 'planned' as const, immediateAdjustedOn: '' };
    expect(itemWithoutQuotes(item, planned, qs, 'Gallrad')).toEqual({ ...item, proposal: 'Som i Gallrad' });
    expect(itemWithoutQuotes(item, null, qs, 'Gallrad')?.proposal).toBe('Som i Gallrad');
    expect(itemWithoutQuotes({ ...item, proposal: 'Bygglov' }, planned, qs, 'Gallrad')).toBeNull();
    expect(itemWithoutQuotes(item, { status: 'posted', immediateAdjustedOn: '' }, qs, 'Gallrad')).toBeNull();
    expect(
      itemWithoutQuotes({ ...item, immediateAdjustment: true }, { status: 'held', immediateAdjustedOn: '2026-05-12' }, qs, 'Gallrad'),
    ).toBeNull();
    expect(itemWithoutQuotes({ ...item, kind: 'posting' }, planned, qs, 'Gallrad')).toBeNull();
  });

  it('replaces the quotes in a notice on the board, not in a preserved one (adjusted minutes, or about a meeting that has them)', () => {
    const notice = {
      ...emptyMeetingRecord('posting', { id: 'p1', registerId: 'reg-ks' }),
      title: 'Kungörelse om Klagomål på hund',
      postingKind: 'public_notice' as const,
      text: 'Samråd om Klagomål på hunden i parken',
    };
    expect(postingWithoutQuotes(notice, null, qs, 'Gallrad')).toEqual({
      ...notice,
      title: 'Kungörelse om Gallrad',
      text: 'Samråd om Gallrad',
    });
    expect(postingWithoutQuotes(notice, { status: 'planned' }, qs, 'Gallrad')?.text).toBe('Samråd om Gallrad');
    expect(postingWithoutQuotes({ ...notice, title: 'Kungörelse', text: 'Bygglov' }, null, qs, 'Gallrad')).toBeNull();
    for (const status of ['minutes_adjusted', 'posted', 'closed'] as const) {
      expect(noticePreserved(notice, { status })).toBe(true);
      expect(postingWithoutQuotes(notice, { status }, qs, 'Gallrad')).toBeNull();
    }
    expect(noticePreserved({ postingKind: 'minutes_adjusted' }, null)).toBe(true);
    expect(noticePreserved(notice, { status: 'held' })).toBe(false);
    expect(postingWithoutQuotes({ ...notice, kind: 'item' }, null, qs, 'Gallrad')).toBeNull();
  });

  it('finds the meetings whose agendas list a document outside adjusted minutes', () => {
    const item = (meetingId: string, documentIds: string[], immediateAdjustment = false) => ({
      ...emptyMeetingRecord('item', { id: `i-${meetingId}`, registerId: 'reg-ks' }),
      meetingId,
      documentIds,
      immediateAdjustment,
    });
    const meeting = (status: 'planned' | 'held' | 'posted', immediateAdjustedOn = '') => ({ status, immediateAdjustedOn });
    expect(
      meetingsListingDocument('doc-1', [
        { item: item('planned-1', ['doc-2', 'doc-1']), meeting: meeting('planned') },
        { item: item('held-1', ['doc-1']), meeting: meeting('held') },
        { item: item('held-1', ['doc-1']), meeting: meeting('held') },
        { item: item('posted-1', ['doc-1']), meeting: meeting('posted') },
        { item: item('immediate-1', ['doc-1'], true), meeting: meeting('held', '2026-12-01') },
        { item: item('other-1', ['doc-2']), meeting: meeting('planned') },
        { item: item('gone-1', ['doc-1']), meeting: null },
      ]),
    ).toEqual(['planned-1', 'held-1', 'gone-1']);
  });
});
