import type { PDFPageProxy } from 'pdfjs-dist';

/** Advance width of each character a font draws, in its glyph units (1/1000 em for most fonts). */
export type CharWidths = ReadonlyMap<string, number>;

/**
 * The fonts pdf.js loaded for a page it has rendered (opened with `fontExtraProperties`): each
 * one's widths by character, from its widths by code and its code → text map. Runs in a font
 * found here get their glyphs' real proportions instead of Helvetica's (see char-widths.ts).
 */
interface LoadedFont {
  widths?: Record<number, number> | number[];
  /** For codes without a width of their own (a monospaced standard font has only this). */
  defaultWidth?: number;
  toUnicode?: { _map?: Record<number, string> | (string | undefined)[] };
}

export function pageFontWidths(page: PDFPageProxy): (fontName: string) => CharWidths | undefined {
  const cache = new Map<string, CharWidths | undefined>();
  return (fontName) => {
    if (!cache.has(fontName)) cache.set(fontName, widthsOf(page, fontName));
    return cache.get(fontName);
  };
}

function widthsOf(page: PDFPageProxy, fontName: string): CharWidths | undefined {
  if (!page.commonObjs.has(fontName)) return undefined;
  const font = page.commonObjs.get(fontName) as LoadedFont;
  const byCode = font.widths;
  const toText = font.toUnicode?._map;
  if (!byCode || !toText) return undefined;
  const out = new Map<string, number>();
  for (const [code, text] of Object.entries(toText)) {
    const width = (byCode[Number(code) as keyof typeof byCode] as number | undefined) ?? font.defaultWidth;
    if (typeof text !== 'string' || typeof width !== 'number' || width <= 0) continue;
    // pdf.js gives text runs in NFKC: a ligature's width is shared by the letters it becomes.
    const chars = [...text.normalize('NFKC')];
    for (const ch of chars) if (!out.has(ch)) out.set(ch, width / chars.length);
  }
  return out.size ? out : undefined;
}
