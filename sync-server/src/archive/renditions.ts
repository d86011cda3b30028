import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ArchivedFile } from '../../../shared/src/archive';
import type { ConversionFailure, ConversionResult } from '../conversion/conversion.service';
import { conversionFormat } from '../conversion/formats';
import { renditionName } from '../conversion/pdf-rendition.route';
import type { PackageSource } from './collect';
import { ArchiveError } from './errors';

/**
 * Archival renditions (issue 17): every office document and picture of a package gets a PDF/A-2b
 * made by LibreOffice (the conversion service), lying beside the original; where none can be made
 * the package says why, per file (ERMS `appendix/@description`, Ärendehantering
 * `Bilaga/@Beskrivning`: the schemas have no element of their own for it).
 */

export interface PdfAConverter {
  convertToPdfA(bytes: Uint8Array, mediaType: string, name: string): Promise<ConversionResult>;
}

/** A rendition's bytes and where it goes in the package. */
export interface RenditionFile {
  path: string;
  bytes: Uint8Array;
}

/** Office formats LibreOffice may not take (presentations, old formats) still get a note. */
const OFFICE = /^application\/(vnd\.openxmlformats-officedocument\.|vnd\.oasis\.opendocument\.|vnd\.ms-|msword|rtf)/;

/** Office documents and pictures are rendered; anything else (PDF, text, e-mail) goes as it is. */
export function wantsRendition(mediaType: string): boolean {
  return conversionFormat(mediaType) !== null || mediaType.startsWith('image/') || OFFICE.test(mediaType);
}

/** Why there is no rendition, as the package says it (archival text, Swedish). */
const REASON: Record<ConversionFailure, string> = {
  unsupported: 'filformatet kan inte konverteras av konverteringstjänsten (LibreOffice)',
  failed: 'LibreOffice kunde inte läsa eller konvertera filen',
  not_installed: 'konverteringstjänsten (LibreOffice) fanns inte på servern',
  timeout: 'konverteringen tog för lång tid och avbröts',
  busy: 'konverteringstjänsten var upptagen',
};

/** How long a package waits for a busy conversion service before it notes the file as not converted. */
const BUSY_RETRIES = 60;
const BUSY_WAIT_MS = 1000;

/** The files of a package that want a rendition. */
export function renditionCandidates(source: PackageSource): ArchivedFile[] {
  const docs = source.content.kind === 'cases' ? source.content.cases.flatMap((c) => c.documents) : source.content.documents;
  return docs.flatMap((d) => d.files).filter((f) => wantsRendition(f.file.mediaType));
}

/**
 * Converts each candidate, one at a time (the service's slots are shared with users' renditions),
 * and sets its `rendition` in the source (the package is then described with it). Returns the
 * PDF/A files to put beside the originals; `onFile` is told after each file.
 */
export async function addRenditions(
  source: PackageSource,
  blobPath: (sha256: string) => string | null,
  converter: PdfAConverter,
  onFile: () => void = () => undefined,
): Promise<RenditionFile[]> {
  const out: RenditionFile[] = [];
  for (const f of renditionCandidates(source)) {
    const blob = blobPath(f.file.sha256);
    if (!blob) throw new ArchiveError('missing_blob', `the content of ${f.path} (blob ${f.file.sha256}) is missing from the data folder`);
    const bytes = readFileSync(blob);
    let result = await converter.convertToPdfA(bytes, f.file.mediaType, f.file.name);
    for (let i = 0; !result.ok && result.reason === 'busy' && i < BUSY_RETRIES; i++) {
      await new Promise((r) => setTimeout(r, BUSY_WAIT_MS));
      result = await converter.convertToPdfA(bytes, f.file.mediaType, f.file.name);
    }
    if (result.ok) {
      const path = `${f.path}.pdf`;
      const sha256 = createHash('sha256').update(result.pdf).digest('hex');
      f.rendition = { kind: 'pdfa', path, name: renditionName(f.file.name), size: result.pdf.length, sha256 };
      out.push({ path, bytes: result.pdf });
    } else f.rendition = { kind: 'none', reason: REASON[result.reason] };
    onFile();
  }
  return out;
}
