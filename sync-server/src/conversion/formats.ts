/**
 * What LibreOffice is asked to do with each media type: which application opens it (each has its
 * own PDF export filter) and the input file's extension (LibreOffice picks its import filter by
 * extension and content). Images are not opened directly: Draw is not installed (CI has the
 * core, Writer, Calc and Impress), so an image is placed on a Writer page first (`image-page.ts`).
 */
export type ConversionFormat =
  { readonly app: 'writer' | 'calc' | 'impress'; readonly extension: string } | { readonly app: 'image'; readonly mimeType: string };

const FORMATS: Readonly<Record<string, ConversionFormat>> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { app: 'writer', extension: 'docx' },
  'application/vnd.oasis.opendocument.text': { app: 'writer', extension: 'odt' },
  'application/msword': { app: 'writer', extension: 'doc' },
  'application/rtf': { app: 'writer', extension: 'rtf' },
  'text/rtf': { app: 'writer', extension: 'rtf' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { app: 'calc', extension: 'xlsx' },
  'application/vnd.oasis.opendocument.spreadsheet': { app: 'calc', extension: 'ods' },
  'application/vnd.ms-excel': { app: 'calc', extension: 'xls' },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { app: 'impress', extension: 'pptx' },
  'application/vnd.oasis.opendocument.presentation': { app: 'impress', extension: 'odp' },
  'application/vnd.ms-powerpoint': { app: 'impress', extension: 'ppt' },
  'image/png': { app: 'image', mimeType: 'image/png' },
  'image/jpeg': { app: 'image', mimeType: 'image/jpeg' },
  'image/tiff': { app: 'image', mimeType: 'image/tiff' },
  'image/gif': { app: 'image', mimeType: 'image/gif' },
};

export function conversionFormat(mediaType: string): ConversionFormat | null {
  return Object.hasOwn(FORMATS, mediaType) ? FORMATS[mediaType]! : null;
}

/**
 * The `--convert-to` argument: PDF/A-2 (`SelectPdfVersion` 2 is PDF/A-2b) through the export
 * filter of the application that opened the file. A picture keeps its pixels (lossless), since
 * the PDF is what goes to the archive.
 */
export function convertToArgument(format: ConversionFormat): string {
  const filter = format.app === 'calc' ? 'calc_pdf_Export' : format.app === 'impress' ? 'impress_pdf_Export' : 'writer_pdf_Export';
  const options: Record<string, { type: string; value: string }> = { SelectPdfVersion: { type: 'long', value: '2' } };
  if (format.app === 'image') {
    options.UseLosslessCompression = { type: 'boolean', value: 'true' };
    options.ReduceImageResolution = { type: 'boolean', value: 'false' };
  }
  return `pdf:${filter}:${JSON.stringify(options)}`;
}
