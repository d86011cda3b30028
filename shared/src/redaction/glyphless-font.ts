import { PDFHexString, PDFString, type PDFDocument, type PDFRef } from 'pdf-lib';
import { glyphWidth } from './char-widths';

const NAME = 'DiariumGlyphless';
/** Identity-H codes are two bytes; CID 0 is .notdef. */
const MAX_CID = 0xffff;
/** PDF 32000-1 9.10.3: at most 100 entries per bfchar block. */
const BFCHAR_BLOCK = 100;

const utf16be = (s: string) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16).padStart(4, '0')).join('');

/** A glyph's width in 1/1000 em: its base character's estimate (combining marks take none). */
function widthOf(glyph: string): number {
  return [...glyph].reduce((sum, ch) => sum + glyphWidth(ch), 0);
}

/**
 * The font of the masked copy's invisible text layer: a Type0 font (Identity-H) with no glyph
 * program — the text is never drawn — whose CIDs are the distinct glyphs (a character with its
 * combining marks) written in this document, numbered as first used. Each CID's width is the
 * estimate the glyph boxes were made with, so a run squeezed to its width puts every glyph where
 * it was judged to be; the ToUnicode map gives each CID's text back. Unlike a standard font's
 * WinAnsi, this carries any script, right-to-left and beyond the BMP included, and the content
 * streams hold only CIDs.
 */
export class GlyphlessFont {
  readonly ref: PDFRef;
  private readonly cids = new Map<string, number>();
  private finished = false;

  constructor(private readonly doc: PDFDocument) {
    this.ref = doc.context.nextRef();
  }

  /** Width of the glyphs at size 1, in points per point of font size. */
  width(glyphs: readonly string[]): number {
    return glyphs.reduce((sum, g) => sum + widthOf(g), 0) / 1000;
  }

  /** The glyphs as a string of CIDs; undefined when the font has no CID left for one of them (then nothing of it is written). */
  encode(glyphs: readonly string[]): PDFHexString | undefined {
    if (this.finished) throw new Error('the glyphless font is already written');
    let hex = '';
    for (const g of glyphs) {
      let cid = this.cids.get(g);
      if (cid === undefined) {
        if (this.cids.size >= MAX_CID - 1) return undefined;
        cid = this.cids.size + 1;
        this.cids.set(g, cid);
      }
      hex += cid.toString(16).padStart(4, '0');
    }
    return PDFHexString.of(hex);
  }

  /** Writes the font's objects; called once, after the last page. */
  finish(): void {
    this.finished = true;
    const ctx = this.doc.context;
    const glyphs = [...this.cids.keys()];
    const blocks: string[] = [];
    for (let i = 0; i < glyphs.length; i += BFCHAR_BLOCK) {
      const part = glyphs.slice(i, i + BFCHAR_BLOCK);
      const lines = part.map((g, k) => `<${(i + k + 1).toString(16).padStart(4, '0')}> <${utf16be(g)}>`);
      blocks.push(`${part.length} beginbfchar\n${lines.join('\n')}\nendbfchar`);
    }
    const cmap = [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
      ...blocks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
    const toUnicode = ctx.register(ctx.flateStream(cmap));
    const descriptor = ctx.register(
      ctx.obj({
        Type: 'FontDescriptor',
        FontName: NAME,
        Flags: 4, // symbolic: no standard encoding applies
        FontBBox: [0, -200, 1000, 800],
        ItalicAngle: 0,
        Ascent: 800,
        Descent: -200,
        CapHeight: 700,
        StemV: 80,
      }),
    );
    const cidFont = ctx.register(
      ctx.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: NAME,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: descriptor,
        DW: 556,
        ...(glyphs.length ? { W: [1, glyphs.map(widthOf)] } : {}),
        CIDToGIDMap: 'Identity',
      }),
    );
    ctx.assign(
      this.ref,
      ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: NAME, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode }),
    );
  }
}
