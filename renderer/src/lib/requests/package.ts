import { zipSync, strToU8 } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { PdfTextWriter } from './pdf-text';

/**
 * The delivery package of an information request: the masked copies and the originals released
 * in full, as one PDF (a cover page listing the contents, then every page of every document) or
 * as a ZIP (one file per document and the list of contents as text), with its SHA-256.
 */
export interface PackageEntry {
  /** The record as the register shows it, e.g. "KS 2026-00042-3 Synpunkt på cykelbanor". */
  label: string;
  /** How it is handed out, e.g. "maskad kopia" or "i sin helhet". */
  note: string;
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface PackageCover {
  /** The cover's heading, e.g. "Utlämnade handlingar". */
  title: string;
  /** Lines under the heading: authority, case number, date. */
  lines: string[];
  /** Heading of the list of contents. */
  contentsHeading: string;
}

export class PackageError extends Error {
  constructor(
    readonly code: 'not_pdf' | 'unreadable',
    readonly fileName: string,
  ) {
    super(`${code}: ${fileName}`);
  }
}

function contentsLine(e: PackageEntry, n: number): string {
  return `${n + 1}. ${e.label} – ${e.note} (${e.fileName})`;
}

/** One PDF: the cover, then each document's pages (pictures as a page each). */
export async function buildPdfPackage(
  cover: PackageCover,
  entries: readonly PackageEntry[],
  o: { creationDate: Date },
): Promise<Uint8Array> {
  const w = await PdfTextWriter.create();
  const out = w.doc;
  out.setTitle(w.encodable(cover.title));
  out.setLanguage('sv-SE');
  out.setProducer('Diarium');
  out.setCreator('Diarium');
  out.setCreationDate(o.creationDate);
  out.setModificationDate(o.creationDate);
  w.write(cover.title, { size: 16, bold: true, spaceAfter: 8 });
  for (const line of cover.lines) w.write(line, { size: 10, spaceAfter: 1 });
  w.space(12);
  w.write(cover.contentsHeading, { size: 12, bold: true, spaceAfter: 4 });
  entries.forEach((e, n) => w.write(contentsLine(e, n), { indent: 4, spaceAfter: 2 }));
  for (const e of entries) {
    if (e.mediaType === 'application/pdf') {
      let pages;
      try {
        // pdf-lib parses lazily: a broken file may only fail when its pages are copied.
        const src = await PDFDocument.load(e.bytes, { updateMetadata: false });
        pages = await out.copyPages(src, src.getPageIndices());
      } catch {
        throw new PackageError('unreadable', e.fileName);
      }
      for (const p of pages) out.addPage(p);
    } else if (e.mediaType === 'image/png' || e.mediaType === 'image/jpeg') {
      const image = e.mediaType === 'image/png' ? await out.embedPng(e.bytes) : await out.embedJpg(e.bytes);
      const page = out.addPage([image.width, image.height]);
      page.drawImage(image, { x: 0, y: 0, width: image.width, height: image.height });
    } else {
      throw new PackageError('not_pdf', e.fileName);
    }
  }
  return out.save();
}

/** A name safe in every file system, unique within the archive. */
function entryName(e: PackageEntry, n: number, taken: Set<string>): string {
  const printable = [...`${String(n + 1).padStart(2, '0')} ${e.label}`].map((ch) => (ch.charCodeAt(0) < 32 ? '_' : ch)).join('');
  const base = printable
    .replace(/[\\/:*?"<>|]+/g, '_')
    .slice(0, 120)
    .trim();
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(e.fileName)?.[0] ?? '';
  let name = `${base}${ext}`;
  for (let i = 2; taken.has(name); i++) name = `${base} (${i})${ext}`;
  taken.add(name);
  return name;
}

/** A ZIP: "00 Innehåll.txt" listing the contents, then one file per document. */
export function buildZipPackage(
  cover: PackageCover,
  entries: readonly PackageEntry[],
  o: { creationDate: Date; contentsFileName: string },
): Uint8Array {
  const taken = new Set<string>([o.contentsFileName]);
  const names = entries.map((e, n) => entryName(e, n, taken));
  const contents = [
    cover.title,
    ...cover.lines,
    '',
    cover.contentsHeading,
    ...entries.map((e, n) => `${contentsLine(e, n)} → ${names[n]}`),
    '',
  ].join('\r\n');
  const files: Record<string, [Uint8Array, { mtime: Date }]> = { [o.contentsFileName]: [strToU8(contents), { mtime: o.creationDate }] };
  entries.forEach((e, n) => {
    files[names[n]!] = [e.bytes, { mtime: o.creationDate }];
  });
  return zipSync(files, { level: 6 });
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}
