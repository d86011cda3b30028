import {
  attachmentName,
  caseNumbersIn,
  formatAddresses,
  mailDocumentFields,
  MailReadError,
  mailThreadFields,
  renderMailPdf,
  threadProposals,
  type MailDocumentFields,
  type MailPdfLabels,
  type ParsedMail,
} from '../../../../shared/src/mail';
import type { PdfAFontBytes } from '../../../../shared/src/pdfa';
import { formatTimestamp, numberOrProvisional } from '../i18n/labels';
import { t } from '../i18n/sv';
import { fileProblem } from '../files';
import { readMail } from '../mail/read-mail';
import type { RecordAndFileWriter } from './types';

/**
 * Filing an e-mail (.eml or Outlook .msg) as an incoming document: the mail is read and every file
 * made before anything is created, so a mail that cannot be read creates nothing. The registrar
 * checks the filled-in form and saves it; then the files are queued on the new document: the mail
 * itself (kept as received), the mail as PDF/A (for reading, masking and the archive) and each
 * attachment the register can take.
 */
export interface PreparedMail {
  mail: ParsedMail;
  fields: MailDocumentFields;
  /** The recipients as one line (To and Cc), shown beside the form. */
  recipients: string;
  /** In the order they are attached: the mail, its PDF, the attachments that can be taken. */
  files: File[];
  /** Attachments left out, each with the Swedish reason (they stay inside the mail file). */
  refused: { name: string; reason: string }[];
  /** Case numbers the subject names (a reply to a case is proposed for it). */
  caseNumbers: ReturnType<typeof caseNumbersIn>;
  /** The mail's Message-ID and the ids it answers, kept on its document (documents v2). */
  thread: ReturnType<typeof mailThreadFields>;
}

function pdfLabels(): MailPdfLabels {
  return {
    from: t('mail.pdf.from'),
    to: t('mail.pdf.to'),
    cc: t('mail.pdf.cc'),
    date: t('mail.pdf.date'),
    subject: t('mail.pdf.subject'),
    attachments: t('mail.pdf.attachments'),
    fromHtml: t('mail.pdf.fromHtml'),
    noSubject: t('mail.noSubject'),
  };
}

function pdfName(mail: ParsedMail): string {
  const base = (mail.subject.trim() || t('mail.noSubject'))
    // eslint-disable-next-line no-control-regex -- control characters never go into a file name
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return `${base.slice(0, 80) || 'e-post'}.pdf`;
}

/** Reads the dropped mail and makes its files; a Swedish problem when it cannot be filed. */
export async function prepareMail(
  file: File,
  fonts: () => Promise<PdfAFontBytes>,
  nowMs: number,
): Promise<{ ok: true; prepared: PreparedMail } | { ok: false; problem: string }> {
  let mail: ParsedMail;
  try {
    mail = await readMail(new Uint8Array(await file.arrayBuffer()));
  } catch (e) {
    if (e instanceof MailReadError) {
      console.warn(`mail ${file.name}: ${e.message}`);
      return { ok: false, problem: t(`mail.error.${e.code}`, { name: file.name }) };
    }
    throw e;
  }
  const original = fileProblem(file);
  if (original) return { ok: false, problem: original };
  let pdf: Uint8Array;
  try {
    pdf = await renderMailPdf(mail, mail.date ? formatTimestamp(mail.date) : '', pdfLabels(), await fonts(), new Date(nowMs));
  } catch (e) {
    console.warn(`mail ${file.name}: PDF not made: ${e instanceof Error ? e.message : String(e)}`);
    return { ok: false, problem: t('mail.error.pdf', { name: file.name }) };
  }
  const files: File[] = [file, new File([pdf as Uint8Array<ArrayBuffer>], pdfName(mail), { type: 'application/pdf' })];
  const refused: PreparedMail['refused'] = [];
  mail.attachments.forEach((a, i) => {
    const name = attachmentName(a.filename, i);
    const candidate = new File([a.bytes as Uint8Array<ArrayBuffer>], name, { type: a.mimeType });
    const problem = a.bytes.length === 0 ? t('mail.attachment.empty', { name }) : fileProblem(candidate);
    if (problem) refused.push({ name, reason: problem });
    else files.push(candidate);
  });
  return {
    ok: true,
    prepared: {
      mail,
      fields: mailDocumentFields(mail, nowMs, t('mail.noSubject')),
      recipients: formatAddresses([...mail.to, ...mail.cc]),
      files,
      refused,
      caseNumbers: caseNumbersIn(mail.subject),
      thread: mailThreadFields(mail),
    },
  };
}

/** Queues the prepared files on the saved document (sent now, or when the connection returns). */
export async function attachMailFiles(replica: RecordAndFileWriter, documentId: string, prepared: PreparedMail): Promise<void> {
  for (const f of prepared.files) await replica.uploadFile(documentId, f, f.name);
}

/** A case proposed for the mail, and the rule that proposed it (in Swedish, shown beside it). */
export interface ProposedCase {
  id: string;
  caseNumber: string;
  why: string;
}

/**
 * The cases in the replica proposed for the mail (offline too): first those of mail it answers
 * (its In-Reply-To and References name the Message-ID of a document registered there), then
 * those its subject names; each case once, with the first rule that proposed it. A restricted
 * document's Message-ID is sealed in the replica, so only open mail is found this way.
 */
export async function proposedCases(replica: Pick<RecordAndFileWriter, 'db'>, prepared: PreparedMail): Promise<ProposedCase[]> {
  const out: ProposedCase[] = [];
  const refs = prepared.thread.mailReferences;
  if (refs.length > 0) {
    const answered = await replica.db.documents.find({ selector: { messageId: { $in: refs } } }).exec();
    // Metadata and (for an unrestricted document) the mail's id: in the clear in storage.
    const proposals = threadProposals(
      refs,
      answered.map((d) => d._data),
    );
    for (const p of proposals) {
      const c = await replica.db.cases.findOne(p.caseId).exec();
      if (!c || out.some((o) => o.id === c.id)) continue;
      const number = numberOrProvisional(p.documentNumber, p.documentId);
      out.push({ id: c.id, caseNumber: numberOrProvisional(c.caseNumber, c.id), why: t('mail.case.thread', { number }) });
    }
  }
  for (const q of prepared.caseNumbers) {
    const tail = `${q.year}-${String(q.serial).padStart(5, '0')}`;
    const selector = q.prefix ? { caseNumber: `${q.prefix} ${tail}` } : { caseNumber: { $regex: `^[^ ]+ ${tail}$` } };
    for (const doc of await replica.db.cases.find({ selector, limit: 5 }).exec()) {
      if (!out.some((c) => c.id === doc.id))
        out.push({ id: doc.id, caseNumber: doc.caseNumber, why: t('mail.case', { number: doc.caseNumber }) });
    }
  }
  return out;
}
