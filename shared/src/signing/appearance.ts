/**
 * The visible part of a signature: a form XObject drawn in the widget's box with the signer's
 * name, role, time and reason. Text uses the standard Helvetica fonts (WinAnsi, which covers
 * Swedish); characters outside it are shown as '?', and long lines are cut with an ellipsis.
 */
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { ascii } from '../pdf-signature/bytes';
import { BOX } from './signature-layout';

export interface AppearanceText {
  readonly name: string;
  readonly role?: string;
  readonly signingTime: Date;
  readonly reason?: string;
  readonly issuer?: string;
}

const PADDING = 8;
let fonts: Promise<{ regular: PDFFont; bold: PDFFont }> | undefined;

/** pdf-lib only measures and encodes text here; the document it makes is never saved. */
function loadFonts() {
  fonts ??= PDFDocument.create().then(async (doc) => ({
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  }));
  return fonts;
}

function encodable(font: PDFFont, text: string): string {
  return [...text.replace(/\s+/g, ' ')]
    .map((ch) => {
      try {
        font.encodeText(ch);
        return ch;
      } catch {
        return '?';
      }
    })
    .join('');
}

function fit(font: PDFFont, size: number, text: string, width: number): string {
  let s = encodable(font, text);
  if (font.widthOfTextAtSize(s, size) <= width) return s;
  while (s.length > 0 && font.widthOfTextAtSize(`${s}…`, size) > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

const STOCKHOLM = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

/** The appearance stream's content and dictionary body (between `obj` and `endobj`). */
export async function signatureAppearance(text: AppearanceText): Promise<Uint8Array> {
  const { regular, bold } = await loadFonts();
  const width = BOX.width - 2 * PADDING;
  const lines: { font: PDFFont; key: string; size: number; text: string }[] = [
    { font: bold, key: 'HelvB', size: 11, text: text.name },
    ...(text.role ? [{ font: regular, key: 'Helv', size: 9, text: text.role }] : []),
    { font: regular, key: 'Helv', size: 9, text: `Undertecknat ${STOCKHOLM.format(text.signingTime)} (svensk tid)` },
    ...(text.reason ? [{ font: regular, key: 'Helv', size: 9, text: `Skäl: ${text.reason}` }] : []),
    ...(text.issuer ? [{ font: regular, key: 'Helv', size: 7, text: `Certifikat utfärdat av ${text.issuer}` }] : []),
    { font: regular, key: 'Helv', size: 7, text: 'Elektronisk underskrift (PAdES)' },
  ];
  let ops = `q 0.96 0.97 1 rg 0 0 ${BOX.width} ${BOX.height} re f Q\nq 0.2 0.3 0.5 RG 1 w 0.5 0.5 ${BOX.width - 1} ${BOX.height - 1} re S Q\nBT 0 0 0 rg\n`;
  let y = BOX.height - PADDING;
  for (const line of lines) {
    y -= line.size + 3;
    const hex = line.font.encodeText(fit(line.font, line.size, line.text, width)).toString();
    ops += `/${line.key} ${line.size} Tf 1 0 0 1 ${PADDING} ${y.toFixed(2)} Tm ${hex} Tj\n`;
  }
  ops += 'ET';
  const font = (base: string) => `<< /Type /Font /Subtype /Type1 /BaseFont /${base} /Encoding /WinAnsiEncoding >>`;
  const dict = `<< /Type /XObject /Subtype /Form /BBox [0 0 ${BOX.width} ${BOX.height}] /Resources << /Font << /Helv ${font('Helvetica')} /HelvB ${font('Helvetica-Bold')} >> >> /Length ${ops.length} >>`;
  return ascii(`${dict}\nstream\n${ops}\nendstream`);
}
