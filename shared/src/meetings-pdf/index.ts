/**
 * The meeting documents as PDF/A-2b, made in the client (also offline): the notice with its
 * agenda, the minutes (ordinary and immediately adjusted parts) with the posting certificate,
 * and the minutes extract of one §. Build a view model from the records (`noticeModel`,
 * `minutesModel`), then render it with the font bytes (Liberation Sans regular and bold).
 * Restricted content never reaches these public documents, whoever makes them. Imported by path
 * (`shared/src/meetings-pdf`), like the signing engine, so code that makes no PDFs does not load pdf-lib.
 */
export type { PdfAFontBytes as MeetingPdfFonts } from '../pdfa';
export {
  minutesModel,
  noticeModel,
  type AgendaEntry,
  type AttendanceLine,
  type ListedDocument,
  type MeetingHeading,
  type MinutesModel,
  type MinutesOptions,
  type MinutesParagraph,
  type NoticeModel,
  type PostingCertificate,
  type VoteLine,
  type VoteOutcome,
  type VoteSummary,
} from './model';
export { renderExtract } from './extract';
export { renderMinutes, type MinutesPart } from './minutes';
export { renderNotice } from './notice';
export { replacedAfterDisposal } from './swedish';
export { MeetingPdfError, type CaseForPdf, type DocumentForPdf, type MeetingPdfSource } from './sources';
/** The page layout the meeting documents use, for other documents drawn the same way (the demo's letters). */
export { PageFlow } from './flow';
