/**
 * The visible part of a signature: a form XObject drawn in the widget's box with the signer's
 * name, role, time and reason, and the font objects it uses. With the caller's font bytes the text
 * is in embedded subsets (Unicode, PDF/A-safe); without them in the standard Helvetica fonts
 * (WinAnsi, which covers Swedish, not embedded). Characters the font lacks are shown as '?', and
 * long lines are cut with an ellipsis.
 */
import { PDFContext, PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { ascii } from '../pdf-signature/bytes';
import { subsetEmbedder, type Face, type SigningFontBytes } from './embedded-fonts';
import type { UpdatedObject } from './incremental-update';
import { BOX } from './signature-layout';

export interface AppearanceText {
  readonly name: string;
  readonly role?: string;
  readonly signingTime: Date;
  readonly reason?: string;
  readonly issuer?: string;
}

/** The appearance stream (dictionary and data, between `obj` and `endobj`) and the objects it refers to. */
export interface Appearance {
  readonly stream: Uint8Array;
  readonly objects: readonly UpdatedObject[];
}

/** What laying out text needs of a font: which characters it has, and how wide text is. */
interface Metrics {
  has(codePoint: number): boolean;
  width(text: string, size: number): number;
}

interface Line {
  readonly face: Face;
  readonly size: number;
  readonly text: string;
}

const PADDING = 8;
const KEYS: Record<Face, string> = { regular: 'Helv', bold: 'HelvB' };
let standardFonts: Promise<Record<Face, PDFFont>> | undefined;

/** pdf-lib only measures and encodes text with these; the document they are in is never saved. */
function loadStandardFonts() {
  standardFonts ??= PDFDocument.create().then(async (doc) => ({
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  }));
  return standardFonts;
}

function encodable(font: Metrics, text: string): string {
  return [...text.replace(/\s+/g, ' ')].map((ch) => (font.has(ch.codePointAt(0)!) ? ch : '?')).join('');
}

function fit(font: Metrics, size: number, text: string, width: number): string {
  let s = encodable(font, text);
  if (font.width(s, size) <= width) return s;
  while (s.length > 0 && font.width(`${s}…`, size) > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

const STOCKHOLM = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

function lines(text: AppearanceText): Line[] {
  return [
    { face: 'bold', size: 11, text: text.name },
    ...(text.role ? [{ face: 'regular' as const, size: 9, text: text.role }] : []),
    { face: 'regular', size: 9, text: `Undertecknat ${STOCKHOLM.format(text.signingTime)} (svensk tid)` },
    ...(text.reason ? [{ face: 'regular' as const, size: 9, text: `Skäl: ${text.reason}` }] : []),
    ...(text.issuer ? [{ face: 'regular' as const, size: 7, text: `Certifikat utfärdat av ${text.issuer}` }] : []),
    { face: 'regular', size: 7, text: 'Elektronisk underskrift (PAdES)' },
  ];
}

function fitted(text: AppearanceText, metrics: Record<Face, Metrics>): Line[] {
  return lines(text).map((l) => ({ ...l, text: fit(metrics[l.face], l.size, l.text, BOX.width - 2 * PADDING) }));
}

function formXObject(encoded: readonly (Line & { hex: string })[], fontResources: string): Uint8Array {
  let ops = `q 0.96 0.97 1 rg 0 0 ${BOX.width} ${BOX.height} re f Q\nq 0.2 0.3 0.5 RG 1 w 0.5 0.5 ${BOX.width - 1} ${BOX.height - 1} re S Q\nBT 0 0 0 rg\n`;
  let y = BOX.height - PADDING;
  for (const line of encoded) {
    y -= line.size + 3;
    ops += `/${KEYS[line.face]} ${line.size} Tf 1 0 0 1 ${PADDING} ${y.toFixed(2)} Tm ${line.hex} Tj\n`;
  }
  ops += 'ET';
  const dict = `<< /Type /XObject /Subtype /Form /BBox [0 0 ${BOX.width} ${BOX.height}] /Resources << /Font ${fontResources} >> /Length ${ops.length} >>`;
  return ascii(`${dict}\nstream\n${ops}\nendstream`);
}

async function standardAppearance(text: AppearanceText): Promise<Appearance> {
  const fonts = await loadStandardFonts();
  const metrics = (f: PDFFont): Metrics => {
    const set = new Set(f.getCharacterSet());
    return { has: (cp) => set.has(cp), width: (t, size) => f.widthOfTextAtSize(t, size) };
  };
  const encoded = fitted(text, { regular: metrics(fonts.regular), bold: metrics(fonts.bold) }).map((l) => ({
    ...l,
    hex: fonts[l.face].encodeText(l.text).toString(),
  }));
  const font = (base: string) => `<< /Type /Font /Subtype /Type1 /BaseFont /${base} /Encoding /WinAnsiEncoding >>`;
  return { stream: formXObject(encoded, `<< /Helv ${font('Helvetica')} /HelvB ${font('Helvetica-Bold')} >>`), objects: [] };
}

/** Subsets of both faces as new objects numbered from `firstFree`, each with exactly the glyphs drawn. */
async function embeddedAppearance(text: AppearanceText, fonts: SigningFontBytes, firstFree: number): Promise<Appearance> {
  const measure = async (face: Face): Promise<Metrics> => {
    const e = await subsetEmbedder(fonts[face], face, '');
    const set = new Set(e.font.characterSet);
    return { has: (cp) => set.has(cp), width: (t, size) => e.widthOfTextAtSize(t, size) };
  };
  const laid = fitted(text, { regular: await measure('regular'), bold: await measure('bold') });
  const textOf = (face: Face) => laid.flatMap((l) => (l.face === face ? [l.text] : [])).join('');
  const embedders = {
    regular: await subsetEmbedder(fonts.regular, 'regular', textOf('regular')),
    bold: await subsetEmbedder(fonts.bold, 'bold', textOf('bold')),
  };
  const encoded = laid.map((l) => ({ ...l, hex: embedders[l.face].encodeText(l.text).toString() }));

  // A bare context numbered after the file's objects: what pdf-lib writes here is appended as is.
  const context = PDFContext.create();
  context.largestObjectNumber = firstFree - 1;
  const regularRef = await embedders.regular.embedIntoContext(context);
  const boldRef = await embedders.bold.embedIntoContext(context);
  const objects = context.enumerateIndirectObjects().map(([r, obj]) => {
    const body = new Uint8Array(obj.sizeInBytes());
    obj.copyBytesInto(body, 0);
    return { num: r.objectNumber, body };
  });
  return { stream: formXObject(encoded, `<< /Helv ${regularRef.toString()} /HelvB ${boldRef.toString()} >>`), objects };
}

/** The appearance; its font objects (embedded fonts only) are numbered from `firstFree`. */
export function signatureAppearance(text: AppearanceText, firstFree: number, fonts?: SigningFontBytes): Promise<Appearance> {
  return fonts ? embeddedAppearance(text, fonts, firstFree) : standardAppearance(text);
}
