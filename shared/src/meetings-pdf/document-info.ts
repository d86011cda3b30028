import type { PdfAInfo } from '../pdfa';
import type { MeetingHeading } from './model';

/** The metadata of a meeting document (Info dictionary and XMP agree on it). */
export function meetingPdfInfo(title: string, head: MeetingHeading): PdfAInfo {
  return {
    title,
    author: head.authorityName,
    creatorTool: 'Diarium',
    producer: 'Diarium (pdf-lib)',
    language: 'sv-SE',
    createdAt: head.generatedAt,
  };
}

/** `tisdag 15 december 2026, kl. 13:00`. */
export function whenLine(head: MeetingHeading): string {
  return [head.dateText, head.startTime ? `kl. ${head.startTime}` : ''].filter(Boolean).join(', ');
}
