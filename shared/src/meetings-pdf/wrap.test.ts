import { describe, expect, it } from 'vitest';
import { drawable, wrapText, type Measure } from './wrap';

/** Every character 1 point wide: widths are character counts. */
const mono: Measure = (s) => [...s].length;

describe('wrapping text for the meeting documents', () => {
  it('breaks at word boundaries, filling each line as far as it goes', () => {
    expect(wrapText('Kommunstyrelsen beslutar att anta planen', 20, mono)).toEqual(['Kommunstyrelsen', 'beslutar att anta', 'planen']);
    for (const line of wrapText('a bb ccc dddd eeeee ffffff', 7, mono)) expect(mono(line)).toBeLessThanOrEqual(7);
  });

  it('keeps the line breaks of the text, and an empty line for an empty paragraph', () => {
    expect(wrapText('Första stycket\n\nAndra', 40, mono)).toEqual(['Första stycket', '', 'Andra']);
    expect(wrapText('', 40, mono)).toEqual(['']);
  });

  it('hyphen-breaks a word wider than the line into pieces that fit, losing no letter', () => {
    const word = 'Lantbruksuniversitetsförvaltningsbyggnad';
    const lines = wrapText(`Ordet ${word} är långt`, 10, mono);
    expect(lines[0]).toBe('Ordet');
    for (const line of lines) expect(mono(line)).toBeLessThanOrEqual(10);
    const pieces = lines.slice(1, -1);
    expect(pieces.slice(0, -1).every((p) => p.endsWith('-'))).toBe(true);
    expect(
      pieces
        .map((p, i) => (i < pieces.length - 1 ? p.slice(0, -1) : p))
        .join('')
        .replace(/ är$/, ''),
    ).toBe(word);
  });

  it('ends even when the line is narrower than one letter', () => {
    expect(wrapText('ÅÄÖ', 0.5, mono)).toEqual(['Å-', 'Ä-', 'Ö']);
  });

  it('measures with the given measure (proportional widths)', () => {
    const wide: Measure = (s) => [...s].reduce((w, ch) => w + (ch === 'W' ? 3 : 1), 0);
    expect(wrapText('WWW ii', 10, wide)).toEqual(['WWW', 'ii']);
    expect(wrapText('WW ii', 10, wide)).toEqual(['WW ii']);
  });
});

describe('text the font can draw', () => {
  const latin = new Set([...'abcåäöéÅÄÖ §?-'].map((c) => c.codePointAt(0)!));

  it('keeps Swedish letters and replaces what the font lacks by ?, emoji included', () => {
    expect(drawable('åäö é ÅÄÖ §', latin)).toBe('åäö é ÅÄÖ §');
    expect(drawable('a☃b😀c', latin)).toBe('a?b?c');
  });

  it('composes decomposed letters (NFD å becomes one å), keeps line breaks, drops control characters', () => {
    expect(drawable('a\u030a', latin)).toBe('å');
    expect(drawable('a\r\nb\tc\u0007', latin)).toBe('a\nb c');
  });
});
