/**
 * One page of tightly set lines with drawn masks between and inside them: lines directly above and
 * below a mask, a word partly under one, Hebrew and Arabic lines next to masks and a Hebrew line
 * partly masked. Hebrew and Arabic are set like a PDF sets them: glyphs in visual order (left to
 * right), their text given by a ToUnicode map, here over Helvetica codes that are all 556/1000
 * wide (digits and round lower-case letters) so the boxes below can be computed exactly.
 */
import { StandardFontEmbedder, StandardFonts } from 'pdf-lib';
import { rawPdf } from './raw-pdf';

const helvetica = StandardFontEmbedder.for(StandardFonts.Helvetica as unknown as Parameters<typeof StandardFontEmbedder.for>[0]);
const SIZE = 12;
const PAGE_HEIGHT = 842;
const LEFT = 72;
/** A box over a line reaches from Helvetica's cap height to its descender (0.718, -0.207), a little generous. */
const ASCENT = 0.75;
const DESCENT = 0.21;
const GROUND = 'OSL 21 kap. 7 §';

const RTL_CODES = '0123456789abdeghnopqu';
const RTL_LETTERS = 'אבדוטלמםעקרשحرمابلع';

const codeOf = new Map<string, string>();
for (const ch of RTL_LETTERS) codeOf.set(ch, RTL_CODES[codeOf.size] ?? '');
if ([...codeOf.values()].includes('')) throw new Error('more letters than 556-wide codes');

/** The ToUnicode map of the right-to-left font: each code to its letter. */
function toUnicode(): string {
  const entries = [...codeOf].map(
    ([ch, code]) => `<${code.charCodeAt(0).toString(16)}> <${ch.charCodeAt(0).toString(16).padStart(4, '0')}>`,
  );
  return [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /RtlDemo def',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    `${entries.length + 1} beginbfchar <20> <0020> ${entries.join(' ')} endbfchar`,
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
}

/** Advance widths without kerning, as the content stream draws them. */
const width = (s: string) => [...s].reduce((w, ch) => w + helvetica.widthOfTextAtSize(ch, SIZE), 0);
/** Right-to-left text in the codes that draw it left to right. */
const visualCodes = (logical: string) =>
  [...logical]
    .reverse()
    .map((ch) => (ch === ' ' ? ' ' : codeOf.get(ch)!))
    .join('');

/** What the content stream shows for the line. */
const drawn = (l: Line) => (l.rtl ? visualCodes(l.text) : l.text);

interface Line {
  readonly baseline: number; // PDF y
  readonly text: string; // logical
  readonly rtl?: boolean;
}

export const LINES = {
  above: { baseline: 700, text: 'Ovanfor masken star Alfa Beta Gamma' },
  masked: { baseline: 686, text: 'Hemlig uppgift Zulu Yankee' },
  below: { baseline: 672, text: 'Nedanfor masken star Delta Epsilon' },
  partWord: { baseline: 640, text: 'Diarienummer Offentligdelhemligdel slut' },
  maskedOverHebrew: { baseline: 614, text: 'Maskerad rad Xray Whiskey' },
  hebrew: { baseline: 600, text: 'שלום עולם', rtl: true },
  hebrewPart: { baseline: 560, text: 'בקר טוב מאוד', rtl: true },
  arabic: { baseline: 520, text: 'مرحبا بالعالم', rtl: true },
  maskedUnderArabic: { baseline: 506, text: 'Maskerad rad Victor Tango' },
} satisfies Record<string, Line>;

/** What the masks hide: none of it may come back as text. */
export const MASKED_STRINGS = ['Hemlig', 'uppgift', 'Zulu', 'Yankee', 'hemligdel', 'Xray', 'Whiskey', 'Victor', 'Tango', 'מאוד'];

/** A box over a whole line, from just above its ascent to just below its descent (display points). */
function lineBox(l: Line): { page: number; x: number; y: number; w: number; h: number; ground: string } {
  const top = PAGE_HEIGHT - l.baseline - ASCENT * SIZE;
  return { page: 1, x: LEFT - 2, y: top, w: width(drawn(l)) + 4, h: (ASCENT + DESCENT) * SIZE, ground: GROUND };
}

/** Display-space x of the start of `part` in a left-to-right line. */
const xOf = (l: Line, part: string) => LEFT + width(l.text.slice(0, l.text.indexOf(part)));

export const BOXES = [
  lineBox(LINES.masked),
  lineBox(LINES.maskedOverHebrew),
  lineBox(LINES.maskedUnderArabic),
  // Only the second half of one word.
  { ...lineBox(LINES.partWord), x: xOf(LINES.partWord, 'hemligdel') + 0.5, w: width('hemligdel') - 0.5 },
  // The leftmost word as displayed of a right-to-left line: its logically last word "מאוד".
  { ...lineBox(LINES.hebrewPart), x: LEFT - 1, w: width('0000') + 1.5 },
];

export function glyphPdf(): Uint8Array {
  const stream = Object.values(LINES)
    .map((l: Line) => `BT /${l.rtl ? 'F2' : 'F1'} ${SIZE} Tf ${LEFT} ${l.baseline} Td (${drawn(l)}) Tj ET\n`)
    .join('');
  return rawPdf(
    {
      1: '<< /Type /Catalog /Pages 2 0 R >>',
      2: '<< /Type /Pages /Kids [10 0 R] /Count 1 >>',
      5: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      6: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 7 0 R >>',
      7: { dict: '', stream: toUnicode() },
      10: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 100 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>',
      100: { dict: '', stream },
    },
    '/Root 1 0 R',
  );
}
