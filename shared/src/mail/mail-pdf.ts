/** A filed mail rendered as PDF/A-2b, so it can be read, masked and archived like any letter. */
import { createPdfA, finishPdfA, type PdfAFontBytes } from '../pdfa';
import { PageFlow, TEXT_WIDTH } from '../meetings-pdf/flow';
import { formatAddress, formatAddresses, type ParsedMail } from './mail';

/** The Swedish words the page shows (from the client's catalog). */
export interface MailPdfLabels {
  from: string;
  to: string;
  cc: string;
  date: string;
  subject: string;
  attachments: string;
  /** Said above a body that came as HTML only and is shown as its text. */
  fromHtml: string;
  noSubject: string;
}

const LABEL_WIDTH = 80;

/** Header block (Från, Till, Kopia, Datum, Ämne), the list of attachments, then the body text. */
export async function renderMailPdf(
  mail: ParsedMail,
  dateText: string,
  labels: MailPdfLabels,
  fonts: PdfAFontBytes,
  createdAt: Date,
): Promise<Uint8Array> {
  const { doc, fonts: embedded } = await createPdfA(fonts);
  const flow = new PageFlow(doc, embedded);
  const subject = mail.subject.trim() || labels.noSubject;
  const line = (label: string, value: string) => {
    if (value)
      flow.row([
        { text: label, width: LABEL_WIDTH, bold: true },
        { text: value, width: TEXT_WIDTH - LABEL_WIDTH },
      ]);
  };
  flow.text(subject, { size: 14, bold: true, spaceAfter: 10 });
  line(labels.from, mail.from ? formatAddress(mail.from) : '');
  line(labels.to, formatAddresses(mail.to));
  line(labels.cc, formatAddresses(mail.cc));
  line(labels.date, dateText);
  line(labels.subject, subject);
  if (mail.attachments.length) line(labels.attachments, mail.attachments.map((a) => a.filename).join(', '));
  flow.rule();
  if (mail.fromHtml) flow.text(labels.fromHtml, { size: 9, grey: true });
  for (const paragraph of mail.text.split(/\n/)) {
    if (paragraph.trim()) flow.text(paragraph, { spaceAfter: 1 });
    else flow.gap(6);
  }
  flow.finish(subject);
  return finishPdfA(
    doc,
    {
      title: subject,
      author: mail.from ? formatAddress(mail.from) : '',
      creatorTool: 'Diarium',
      producer: 'Diarium (pdf-lib)',
      language: 'sv-SE',
      createdAt,
    },
    `${mail.messageId}|${subject}|${mail.date}`,
  );
}
