import { describe, expect, test } from 'vitest';
import { displayText, hasHiddenCharacters, mixesScripts } from './display-text';

describe('displayText', () => {
  test('a right-to-left override is shown, not obeyed', () => {
    const name = 'faktura\u202Efdp.exe';
    expect(displayText(name)).toBe('faktura⟦U+202E⟧fdp.exe');
    expect(hasHiddenCharacters(name)).toBe(true);
  });
  test.each([
    '\u202A',
    '\u202B',
    '\u202C',
    '\u202D',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200E',
    '\u200F',
    '\u061C',
    '\u200B',
    '\u200D',
    '\uFEFF',
    '\u00AD',
  ])('U+%s is made visible', (ch) => {
    expect(displayText(`a${ch}b`)).toMatch(/^a⟦U\+[0-9A-F]{4}⟧b$/);
  });
  test('ordinary Swedish text, other scripts and emoji are untouched', () => {
    for (const s of ['Åsa Öberg', 'Ärende 2026-00042', 'مرحبا', 'Дмитрий Иванов', 'Σωκράτης', '📄 Bilaga']) {
      expect(displayText(s)).toBe(s);
      expect(hasHiddenCharacters(s)).toBe(false);
    }
  });
});

describe('mixesScripts', () => {
  test('a Latin name with a Cyrillic look-alike letter is flagged', () => {
    expect(mixesScripts('\u0410nna Andersson')).toBe(true); // Cyrillic А
    expect(mixesScripts('Ann\u03B1 Svensson')).toBe(true); // Greek α
  });
  test('whole words in one script are not', () => {
    expect(mixesScripts('Anna Andersson')).toBe(false);
    expect(mixesScripts('Дмитрий Andersson')).toBe(false);
    expect(mixesScripts('')).toBe(false);
  });
});
