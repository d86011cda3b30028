import { describe, expect, it } from 'vitest';
import { liberationSans } from '../../fonts';
import { PDFDocument } from 'pdf-lib';
import { sampleMeetingPdfSource } from '../../../shared/src/testing/meeting-pdf-sample';
import { MeetingPdfError, minutesModel, noticeModel, renderExtract, renderMinutes, renderNotice } from '../../../shared/src/meetings-pdf';

const fonts = liberationSans;
const load = async (bytes: Uint8Array) => PDFDocument.load(bytes, { updateMetadata: false });

// The text itself is checked with pdftotext in tests/integration/meetings/meeting-pdf.test.ts.
describe('rendering the meeting documents', () => {
  it('lays a long notice out over as many A4 pages as it needs, titled after body and date', async () => {
    const small = await load(await renderNotice(noticeModel(sampleMeetingPdfSource(), ''), fonts));
    const large = await load(await renderNotice(noticeModel(sampleMeetingPdfSource({ extraItems: 20, extraDocuments: 100 }), ''), fonts));
    expect(small.getPageCount()).toBe(2); // title page, agenda with the items
    expect(large.getPageCount()).toBeGreaterThan(small.getPageCount() + 5);
    expect(large.getTitle()).toBe('Kallelse Kommunstyrelsen 2026-12-15');
    expect(large.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it('draws any text: characters the font lacks are replaced, a 20 000-character word is broken, nothing throws', async () => {
    const source = sampleMeetingPdfSource();
    const odd = `会議 😀 \u0000\u0007 ☃ ${'Å'.repeat(20000)} a\u030a`;
    const items = source.items.map((i) => (i.id === 'item-open-case' ? { ...i, title: odd, proposal: odd, decision: odd } : i));
    const notice = await load(await renderNotice(noticeModel({ ...source, items }, odd), fonts));
    const minutes = await load(await renderMinutes(minutesModel({ ...source, items }), fonts));
    expect(notice.getPageCount()).toBeGreaterThan(10);
    expect(minutes.getPageCount()).toBeGreaterThan(10);
  });

  it('makes the immediately adjusted part and the ordinary part as two documents', async () => {
    const model = minutesModel(sampleMeetingPdfSource());
    const ordinary = await load(await renderMinutes(model, fonts));
    const immediate = await load(await renderMinutes(model, fonts, { part: 'immediate' }));
    expect(ordinary.getTitle()).toBe('Protokoll Kommunstyrelsen 2026-12-15');
    expect(immediate.getTitle()).toBe('Protokoll Kommunstyrelsen 2026-12-15 (omedelbar justering)');
  });

  it('refuses an empty part and an extract of an item not on the agenda, with specific codes', async () => {
    const model = minutesModel(sampleMeetingPdfSource());
    const none = { ...model, paragraphs: model.paragraphs.map((p) => ({ ...p, immediate: false })) };
    await expect(renderMinutes(none, fonts, { part: 'immediate' })).rejects.toSatisfy(
      (e) => e instanceof MeetingPdfError && e.code === 'empty-part',
    );
    await expect(renderExtract(model, 'no-such-item', fonts)).rejects.toSatisfy(
      (e) => e instanceof MeetingPdfError && e.code === 'unknown-item',
    );
    const extract = await load(await renderExtract(model, 'item-open-case', fonts));
    expect(extract.getTitle()).toBe('Protokollsutdrag Kommunstyrelsen 2026-12-15 § 103');
  });
});
