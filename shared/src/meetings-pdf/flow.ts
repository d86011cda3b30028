/**
 * Writes the meeting documents top-down over A4 pages with pdf-lib: wrapped text, table rows,
 * signature lines, and at the end a footer with `Sida N av M` on every page. Everything is drawn
 * opaque in black, as PDF/A needs.
 */
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { PdfAFonts } from '../pdfa';
import { drawable, wrapText, type Measure } from './wrap';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 56;
const FOOTER_Y = 30;
export const TEXT_WIDTH = A4[0] - 2 * MARGIN;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

export interface TextStyle {
  size?: number;
  bold?: boolean;
  /** Points from the left margin. */
  indent?: number;
  /** Points below the last line (default: half the size). */
  spaceAfter?: number;
  grey?: boolean;
}

/** One cell of a table row: its text, its width in points, its style. */
export interface Cell {
  text: string;
  width: number;
  bold?: boolean;
}

/** Width of each character at size 1, measured once per font (kerning is not drawn, so none is measured). */
class Widths {
  private readonly cache = new Map<string, number>();
  constructor(private readonly font: PDFFont) {}
  measure(size: number): Measure {
    return (text) => {
      let w = 0;
      for (const ch of text) {
        let cw = this.cache.get(ch);
        if (cw === undefined) {
          cw = this.font.widthOfTextAtSize(ch, 1);
          this.cache.set(ch, cw);
        }
        w += cw;
      }
      return w * size;
    };
  }
}

export class PageFlow {
  private page!: PDFPage;
  private y = 0;
  private readonly pages: PDFPage[] = [];
  private readonly supported: Set<number>;
  private readonly widths: { regular: Widths; bold: Widths };
  private pageHeader: (() => void) | null = null;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: PdfAFonts,
  ) {
    const bold = new Set(fonts.bold.getCharacterSet());
    this.supported = new Set(fonts.regular.getCharacterSet().filter((cp) => bold.has(cp)));
    this.widths = { regular: new Widths(fonts.regular), bold: new Widths(fonts.bold) };
    this.newPage();
  }

  /** Text as it will be drawn (unsupported characters replaced). */
  clean(text: string): string {
    return drawable(text, this.supported);
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN;
    const header = this.pageHeader;
    if (header) {
      // Unset while drawing, so a header can never begin a page of its own.
      this.pageHeader = null;
      header();
      this.pageHeader = header;
    }
  }

  /** Draws `header` at the top of every page begun from now until it is set to null (a table's header row). */
  repeatOnNewPage(header: (() => void) | null): void {
    this.pageHeader = header;
  }

  /** Starts a new page unless `height` points fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  /** The lines `text` takes in the style at `width` points. */
  lines(text: string, width: number, o: TextStyle = {}): string[] {
    const font = o.bold ? this.widths.bold : this.widths.regular;
    return wrapText(this.clean(text), width, font.measure(o.size ?? 10.5));
  }

  text(text: string, o: TextStyle = {}): void {
    const size = o.size ?? 10.5;
    const indent = o.indent ?? 0;
    const leading = size * 1.3;
    for (const line of this.lines(text, TEXT_WIDTH - indent, o)) {
      this.ensure(leading);
      this.y -= leading;
      this.draw(line, MARGIN + indent, this.y, size, o.bold ?? false, o.grey ? GREY : BLACK);
    }
    this.y -= o.spaceAfter ?? size * 0.5;
  }

  /** A heading kept on the same page as at least `keepWith` points of what follows. */
  heading(text: string, size: number, keepWith = 40): void {
    this.ensure(size * 1.3 * this.lines(text, TEXT_WIDTH, { size, bold: true }).length + keepWith);
    this.text(text, { size, bold: true, spaceAfter: size * 0.4 });
  }

  /** One table row; each cell wraps within its width; the row stays on one page. */
  row(cells: readonly Cell[], o: { size?: number; indent?: number; spaceAfter?: number } = {}): void {
    const size = o.size ?? 10;
    const leading = size * 1.3;
    const wrapped = cells.map((c) => this.lines(c.text, c.width - 6, { size, bold: c.bold }));
    const height = leading * Math.max(1, ...wrapped.map((l) => l.length));
    this.ensure(height);
    let x = MARGIN + (o.indent ?? 0);
    cells.forEach((c, i) => {
      wrapped[i]!.forEach((line, j) => this.draw(line, x, this.y - leading * (j + 1), size, c.bold ?? false, BLACK));
      x += c.width;
    });
    this.y -= height + (o.spaceAfter ?? 2);
  }

  /** A horizontal rule across the text width. */
  rule(): void {
    this.ensure(8);
    this.y -= 4;
    this.page.drawLine({ start: { x: MARGIN, y: this.y }, end: { x: A4[0] - MARGIN, y: this.y }, thickness: 0.5, color: GREY });
    this.y -= 6;
  }

  /** A line to sign on with the role and the name under it, side by side in two columns. */
  signatures(entries: readonly { role: string; name: string }[]): void {
    const column = TEXT_WIDTH / 2;
    for (let i = 0; i < entries.length; i += 2) {
      this.ensure(70);
      this.y -= 40;
      entries.slice(i, i + 2).forEach((e, j) => {
        const x = MARGIN + j * column;
        this.page.drawLine({ start: { x, y: this.y }, end: { x: x + column - 24, y: this.y }, thickness: 0.5, color: BLACK });
        this.draw(this.clean(e.role), x, this.y - 12, 9, false, GREY);
        this.draw(this.clean(e.name), x, this.y - 24, 10, false, BLACK);
      });
      this.y -= 30;
    }
  }

  /** Writes `left` and `Sida N av M` at the foot of every page. */
  finish(left: string): void {
    const total = this.pages.length;
    const label = this.clean(left);
    this.pages.forEach((page, i) => {
      const right = `Sida ${i + 1} av ${total}`;
      page.drawText(label, { x: MARGIN, y: FOOTER_Y, size: 8, font: this.fonts.regular, color: GREY });
      const width = this.fonts.regular.widthOfTextAtSize(right, 8);
      page.drawText(right, { x: A4[0] - MARGIN - width, y: FOOTER_Y, size: 8, font: this.fonts.regular, color: GREY });
    });
  }

  private draw(line: string, x: number, y: number, size: number, bold: boolean, color: ReturnType<typeof rgb>): void {
    if (line) this.page.drawText(line, { x, y, size, font: bold ? this.fonts.bold : this.fonts.regular, color });
  }
}
