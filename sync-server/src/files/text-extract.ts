// Text of an uploaded file for search, run in the extraction worker thread (text-extract-worker.ts):
// PDF with pdf.js' legacy build; DOCX, XLSX, PPTX and the OpenDocument formats by reading the
// text of their XML parts; e-mail, CSV and plain text as text.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Unzip, UnzipInflate } from 'fflate';
import type { MediaType } from '../../../shared/src';

/** At most this much text is kept per file (characters). */
export const MAX_TEXT_CHARS = 1 << 20;
/** At most this many bytes are inflated from an office file's parts: a zip bomb stops here. */
export const MAX_INFLATED_BYTES = 16 << 20;

export class ExtractionError extends Error {}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
/** An OpenDocument file's body (text, sheets, slides and their notes) is all in content.xml. */
const ODF_CONTENT = /^content\.xml$/;

/** The parts of an office file that hold its text. */
export const TEXT_PARTS: Partial<Record<MediaType, RegExp>> = {
  [DOCX]: /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/,
  [XLSX]: /^xl\/(sharedStrings|worksheets\/sheet\d+)\.xml$/,
  [PPTX]: /^ppt\/(slides\/slide\d+|notesSlides\/notesSlide\d+)\.xml$/,
  'application/vnd.oasis.opendocument.text': ODF_CONTENT,
  'application/vnd.oasis.opendocument.spreadsheet': ODF_CONTENT,
  'application/vnd.oasis.opendocument.presentation': ODF_CONTENT,
};

/** The file's text (at most MAX_TEXT_CHARS), '' for types without text (images, Outlook files). */
export async function extractText(bytes: Uint8Array, mediaType: MediaType): Promise<string> {
  if (mediaType === 'application/pdf') return pdfText(bytes);
  if (mediaType === 'message/rfc822') return new TextDecoder().decode(bytes.subarray(0, MAX_TEXT_CHARS * 4)).slice(0, MAX_TEXT_CHARS);
  if (mediaType === 'text/csv' || mediaType === 'text/plain') return plainText(bytes);
  const parts = TEXT_PARTS[mediaType];
  return parts ? xmlText(unzipParts(bytes, parts)).slice(0, MAX_TEXT_CHARS) : '';
}

/**
 * A text file's characters: UTF-8 (a byte order mark dropped), or Windows-1252 when the bytes are
 * not UTF-8 (what Excel and older Windows programs save). Only the first MAX_TEXT_CHARS are kept.
 */
export function plainText(bytes: Uint8Array): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const head = bytes.subarray(bom, bom + MAX_TEXT_CHARS * 4);
  // `stream`: a character cut at the end of the slice is not an error in UTF-8.
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    text = windows1252(head);
  }
  return text.slice(0, MAX_TEXT_CHARS);
}

/** Windows-1252's 0x80–0x9F (Node's TextDecoder gives C1 controls there, as Latin-1); undefined bytes stay as they are. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function windows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

async function pdfText(bytes: Uint8Array): Promise<string> {
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: bytes,
    standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
    cMapUrl: `${join(pdfjsRoot, 'cmaps')}/`,
    cMapPacked: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  const doc = await task.promise;
  try {
    let text = '';
    for (let n = 1; n <= doc.numPages && text.length < MAX_TEXT_CHARS; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      text += '\n';
      page.cleanup();
    }
    return text.slice(0, MAX_TEXT_CHARS);
  } finally {
    await task.destroy();
  }
}

/**
 * The named parts of a zip, inflated as a stream fed in small slices so that no slice can inflate
 * to more than a few MiB, stopping with an error once MAX_INFLATED_BYTES are out.
 */
export function unzipParts(bytes: Uint8Array, wanted: RegExp): string[] {
  const chunks = new Map<string, Uint8Array[]>();
  let inflated = 0;
  let error: Error | undefined;
  const unzip = new Unzip((file) => {
    if (!wanted.test(file.name)) return;
    const own: Uint8Array[] = [];
    chunks.set(file.name, own);
    file.ondata = (err, data) => {
      if (err) error ??= err;
      else {
        inflated += data.length;
        if (inflated > MAX_INFLATED_BYTES) error ??= new ExtractionError(`more than ${MAX_INFLATED_BYTES} bytes inflated`);
        else own.push(data);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const SLICE = 4096;
  for (let i = 0; i < bytes.length && !error; i += SLICE) unzip.push(bytes.subarray(i, i + SLICE), i + SLICE >= bytes.length);
  if (error) throw error;
  if (chunks.size === 0) throw new ExtractionError('no text parts in the office file');
  const decoder = new TextDecoder();
  return [...chunks.values()].map((c) => decoder.decode(Buffer.concat(c)));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The character data of XML parts: paragraph, heading, cell and row ends, tabs, line breaks and
 * spaces (OOXML w:/a:, OpenDocument text:/table:) become white space, other tags nothing (runs join).
 */
export function xmlText(parts: readonly string[]): string {
  return parts
    .map((xml) =>
      xml
        .replace(
          /<\/(w:p|a:p|si|c|row|text:p|text:h|table:table-cell|table:table-row)>|<(w:tab|w:br|w:cr|a:br|text:tab|text:line-break|text:s)\b[^>]*\/>/g,
          ' ',
        )
        .replace(/<[^>]*>/g, '')
        .replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
          e.startsWith('#x')
            ? String.fromCodePoint(parseInt(e.slice(2), 16))
            : e.startsWith('#')
              ? String.fromCodePoint(Number(e.slice(1)))
              : ENTITIES[e]!,
        ),
    )
    .join('\n');
}
