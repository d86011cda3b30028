/**
 * `POST /api/files/:id/pdf-rendition`: a PDF/A rendition of a file the user may read, made by the
 * server's conversion service (LibreOffice). 200 with the PDF, or an error code below (JSON
 * `{error}`) that the client shows in Swedish; `not_found` also for a file the user may not read.
 */
export const PDF_RENDITION_FAILURES = ['unsupported', 'timeout', 'failed', 'not_installed', 'busy'] as const;
export type PdfRenditionFailure = (typeof PDF_RENDITION_FAILURES)[number];

export function pdfRenditionPath(fileId: string): string {
  return `/api/files/${encodeURIComponent(fileId)}/pdf-rendition`;
}

/** The HTTP status of each refusal (not_found is 404). */
export const PDF_RENDITION_STATUS: Readonly<Record<PdfRenditionFailure, number>> = {
  unsupported: 415,
  failed: 422,
  not_installed: 503,
  busy: 503,
  timeout: 504,
};

/**
 * The stored file types (files v1) the server renders as PDF/A: text documents, spreadsheets,
 * presentations and the pictures the browser cannot place on a PDF page itself.
 */
export const RENDITION_MEDIA_TYPES: readonly string[] = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.presentation',
  'image/tiff',
  'image/gif',
];
