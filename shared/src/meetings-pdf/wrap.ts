/**
 * Line breaking for the meeting documents, independent of pdf-lib: words wrap at spaces, a word
 * wider than the line is broken with a hyphen, and line breaks in the text are kept.
 */

/** The width of a string in points (at the size being laid out). */
export type Measure = (text: string) => number;

/** Breaks one word wider than `width` into pieces that fit, each but the last ending in '-'. */
function breakWord(word: string, width: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let rest = [...word];
  while (rest.length > 1 && measure(rest.join('')) > width) {
    // At least one character per piece, so a line narrower than one letter still ends.
    let take = 1;
    while (take < rest.length - 1 && measure(`${rest.slice(0, take + 1).join('')}-`) <= width) take++;
    pieces.push(`${rest.slice(0, take).join('')}-`);
    rest = rest.slice(take);
  }
  if (rest.length) pieces.push(rest.join(''));
  return pieces;
}

/** The lines `text` takes at `width`; an empty paragraph gives an empty line. */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/[ \t]+/).filter((w) => w !== '');
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      const pieces = breakWord(word, width, measure);
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1] ?? '';
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Text the font can draw: NFC (so a decomposed å is one glyph), line breaks kept as '\n',
 * tabs as spaces, other control characters dropped, and any character the font lacks replaced
 * by '?' (PDF/A forbids drawing the .notdef glyph; a document must not fail over one character).
 */
export function drawable(text: string, supported: ReadonlySet<number>): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += ch;
    else if (ch === '\t') out += ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    else out += supported.has(cp) ? ch : '?';
  }
  return out;
}
