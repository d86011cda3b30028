/**
 * The redaction engine (masked copies): pure, behind `RedactionPlatform` (pdf.js loading, the
 * canvas' pixels, deflate, optional worker threads). Imported by path (`shared/src/redaction`)
 * rather than through `shared/src/index.ts`, so code that never masks does not load pdf-lib.
 */
export { RedactionError, type RedactionErrorCode } from './errors';
export { apply, type Rect } from './geometry';
export { boxesForPage, type MaskRequest } from './mask-plan';
export { openPdfForRedaction } from './open-pdf';
export { extractPageText, runRect, type PageText, type PageTextItem } from './page-text';
export type { Canvas2D, PageMaskers, PageMaskJob, RedactionPlatform, RemotePageMasker } from './platform';
export { maskPage, redactPdf, type MaskedPage, type RedactOptions, type RedactionResult } from './redact-pdf';
export { findTermInPages, findTermOnPage, rectsForRange, suggestionsOnPage, type SuggestionHit, type TextHit } from './text-search';
