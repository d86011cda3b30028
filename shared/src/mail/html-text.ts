/**
 * Mail bodies that only come as HTML are shown and stored as plain text: the HTML is never
 * rendered or executed anywhere in the product. Scripts, styles and comments go with their
 * content; block elements become line breaks; entities are decoded.
 */

const DROP_WITH_CONTENT = /<(script|style|head|title|template|noscript|iframe|object|svg|math)\b[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const BREAK = /<(br|\/p|\/div|\/h[1-6]|\/tr|\/table|\/blockquote|hr)\b[^>]*>/gi;
const LIST_ITEM = /<li\b[^>]*>/gi;
const CELL = /<\/t[dh]\s*>/gi;
const TAG = /<\/?[a-z!?][^>]*>?/gi;

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  aring: 'å',
  auml: 'ä',
  ouml: 'ö',
  Aring: 'Å',
  Auml: 'Ä',
  Ouml: 'Ö',
  eacute: 'é',
  uuml: 'ü',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  copy: '©',
  euro: '€',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,8}|#\d{1,10}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '';
    }
    return NAMED[body] ?? whole;
  });
}

/** The readable text of an HTML mail body. */
export function htmlToText(html: string): string {
  const text = html
    .replace(COMMENT, '')
    .replace(DROP_WITH_CONTENT, '')
    .replace(/<(script|style)\b[\s\S]*$/i, '') // an unclosed script or style hides everything after it
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\n]+/g, ' ')
    .replace(LIST_ITEM, '\n• ')
    .replace(CELL, '\t')
    .replace(BREAK, '\n')
    .replace(TAG, '');
  return decodeEntities(text)
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
