export { RedactionError, type RedactionErrorCode } from './errors';
export { boxesForPage, type MaskRequest } from './mask-plan';
export { openPdfForRedaction } from './open-pdf';
export { extractPageText, type PageText, type PageTextItem } from './page-text';
export type { RedactionPlatform } from './platform';
export { redactPdf, type RedactOptions, type RedactionResult } from './redact-pdf';
export { findTermInPages, findTermOnPage, rectsForRange, suggestionsOnPage, type SuggestionHit, type TextHit } from './text-search';
export type { Rect } from './geometry';
