/**
 * Text typed by others (names, titles, file names) is shown as it is, except for characters that
 * would make it lie about itself: bidirectional controls (a right-to-left override can make
 * "gpj.exe" read "exe.jpg") and invisible characters are replaced by a visible marker, and
 * names mixing Latin with Cyrillic or Greek letters (homoglyphs: "Аnna" with a Cyrillic А) are
 * flagged so the UI can warn.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export function hex4(ch: string): string {
  return ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

/** The text with bidi controls and invisible characters shown as ⟦U+XXXX⟧. */
export function displayText(text: string): string {
  return text.replace(BIDI_CONTROLS, (ch) => `⟦U+${hex4(ch)}⟧`).replace(INVISIBLE, (ch) => `⟦U+${hex4(ch)}⟧`);
}

const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE_SCRIPTS = [/\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

/** True when one word mixes Latin letters with Cyrillic or Greek ones: a likely homoglyph trick. */
export function mixesScripts(text: string): boolean {
  return text.split(/\s+/).some((word) => LATIN.test(word) && LOOKALIKE_SCRIPTS.some((s) => s.test(word)));
}

/** True when the text contains anything displayText would replace. */
export function hasHiddenCharacters(text: string): boolean {
  return new RegExp(BIDI_CONTROLS.source).test(text) || new RegExp(INVISIBLE.source).test(text);
}
