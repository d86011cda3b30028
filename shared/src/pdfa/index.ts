/**
 * PDF/A-2b documents made with pdf-lib, in the client or anywhere else (pure: font bytes come
 * in, PDF bytes go out). `createPdfA` embeds the fonts, `finishPdfA` adds what PDF/A requires
 * (XMP identification agreeing with the Info dictionary, sRGB output intent, trailer ID).
 * Imported by path (`shared/src/pdfa`), so code that makes no PDFs does not load pdf-lib.
 */
export { createPdfA, finishPdfA, PdfAError, type PdfAFontBytes, type PdfAFonts } from './pdfa-document';
export { srgbIccProfile } from './srgb-icc';
export { escapeXml, xmpPacket, type PdfAInfo } from './xmp';
