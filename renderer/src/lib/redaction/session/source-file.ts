import { PDFDocument } from 'pdf-lib';
import { RENDITION_MEDIA_TYPES, type PdfRenditionFailure } from '../../../../../shared/src/protocol/pdf-rendition';

/**
 * How the tool can open a file: as a PDF, as a picture turned into a one-page PDF, through the
 * server's PDF/A rendition (Word, Excel, OpenDocument, TIFF), or not at all.
 */
export type SourceKind = 'pdf' | 'png' | 'jpeg' | 'rendition' | 'unsupported';

export function sourceKind(mediaType: string): SourceKind {
  switch (mediaType) {
    case 'application/pdf':
      return 'pdf';
    case 'image/png':
      return 'png';
    case 'image/jpeg':
      return 'jpeg';
    default:
      return RENDITION_MEDIA_TYPES.includes(mediaType) ? 'rendition' : 'unsupported';
  }
}

export function canRedact(mediaType: string): boolean {
  return sourceKind(mediaType) !== 'unsupported';
}

/**
 * A picture becomes one page whose size makes its pixels match the masked copy's 150 dpi page
 * images one to one, so masking a scan neither blurs nor inflates it.
 */
export const IMAGE_DPI = 150;

/** Why the server's rendition did not come: its refusal, or no answer (offline) or no such readable file. */
export type RenditionProblem = PdfRenditionFailure | 'not_found' | 'unreachable';

/** Why a file cannot be masked (the view shows `code` in Swedish). */
export class SourceFileError extends Error {
  constructor(
    readonly code: 'unsupported' | 'unreadable-image' | `rendition-${RenditionProblem}`,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceFileError';
  }
}

/** A PNG or JPEG as a one-page PDF; the picture's own bytes are left as they are. */
export async function imageAsPdf(bytes: Uint8Array, kind: 'png' | 'jpeg'): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  let image;
  try {
    image = kind === 'png' ? await doc.embedPng(bytes) : await doc.embedJpg(bytes);
  } catch (e) {
    throw new SourceFileError('unreadable-image', `the ${kind.toUpperCase()} image cannot be read: ${(e as Error).message}`, { cause: e });
  }
  const width = (image.width * 72) / IMAGE_DPI;
  const height = (image.height * 72) / IMAGE_DPI;
  doc.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  return doc.save();
}

/** The bytes the engine masks: the PDF itself (a rendition is one), or the picture as a PDF. */
export async function redactableBytes(bytes: Uint8Array, mediaType: string): Promise<Uint8Array> {
  const kind = sourceKind(mediaType);
  if (kind === 'pdf') return bytes;
  if (kind === 'unsupported' || kind === 'rendition')
    throw new SourceFileError('unsupported', `files of type ${mediaType} must be converted to PDF before masking`);
  return imageAsPdf(bytes, kind);
}
