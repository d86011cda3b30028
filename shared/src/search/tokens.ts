/**
 * Tokens as SQLite's unicode61 tokenizer (remove_diacritics 0) makes them: runs of letters,
 * digits and private-use characters, case folded, diacritics kept, so "Åsa" and "asa" stay
 * different words. Text is NFC-normalised first so a decomposed "å" is the same letter.
 */
const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

export function foldText(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

export function tokenize(text: string): string[] {
  return foldText(text).match(TOKEN) ?? [];
}
