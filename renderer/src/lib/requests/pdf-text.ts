import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

/**
 * Writes wrapped text top-down over as many A4 pages as it needs, with the standard Helvetica
 * fonts (their WinAnsi encoding covers Swedish text: å ä ö é § –). A character the fonts cannot
 * encode is replaced by '?' rather than failing the whole document.
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;

export class PdfTextWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly supported: Set<number>;

  private constructor(
    readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.supported = new Set(regular.getCharacterSet());
    this.newPage();
  }

  static async create(doc?: PDFDocument): Promise<PdfTextWriter> {
    const pdf = doc ?? (await PDFDocument.create());
    return new PdfTextWriter(pdf, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));
  }

  /** Text the fonts can draw: other characters become '?', line breaks and tabs spaces. */
  encodable(text: string): string {
    let out = '';
    for (const ch of text.replace(/[\t\r\n]+/g, ' ')) out += this.supported.has(ch.codePointAt(0)!) ? ch : '?';
    return out;
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  private lines(text: string, font: PDFFont, size: number, width: number): string[] {
    const words = this.encodable(text)
      .split(' ')
      .filter((w) => w !== '');
    const lines: string[] = [];
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || line === '') line = candidate;
      else {
        lines.push(line);
        line = word;
      }
    }
    if (line) lines.push(line);
    return lines.length ? lines : [''];
  }

  /** One block of text; `indent` shifts it right, `bullet` is drawn in the indent of the first line. */
  write(text: string, o: { size?: number; bold?: boolean; indent?: number; bullet?: string; spaceAfter?: number } = {}): void {
    const size = o.size ?? 11;
    const font = o.bold ? this.bold : this.regular;
    const indent = o.indent ?? 0;
    const leading = size * 1.35;
    const width = A4[0] - 2 * MARGIN - indent;
    this.lines(text, font, size, width).forEach((line, i) => {
      if (this.y - leading < MARGIN) this.newPage();
      this.y -= leading;
      if (i === 0 && o.bullet)
        this.page.drawText(o.bullet, { x: MARGIN + indent - 12, y: this.y, size, font: this.regular, color: rgb(0, 0, 0) });
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color: rgb(0, 0, 0) });
    });
    this.y -= o.spaceAfter ?? size * 0.5;
  }

  space(points: number): void {
    this.y -= points;
  }
}
