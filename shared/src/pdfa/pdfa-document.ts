/**
 * A PDF/A-2b document with pdf-lib: the fonts embedded (subset, via fontkit) instead of the
 * standard 14, and on finishing the XMP metadata, an sRGB output intent and a document ID. What
 * the caller draws must stay opaque (no opacity or blend modes) for the file to remain PDF/A.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFHexString, PDFName, PDFString, utf8Encode, type PDFFont } from 'pdf-lib';
import { documentId } from './document-id';
import { SRGB_CONDITION, srgbIccProfile } from './srgb-icc';
import { xmpPacket, type PdfAInfo } from './xmp';

/** The TrueType bytes of the two faces a document uses (Liberation Sans in the product). */
export interface PdfAFontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface PdfAFonts {
  regular: PDFFont;
  bold: PDFFont;
}

const SUBSET_TAGS = { regular: 'DIARMR', bold: 'DIARMB' } as const;

export class PdfAError extends Error {
  constructor(
    readonly code: 'bad-font',
    message: string,
  ) {
    super(message);
    this.name = 'PdfAError';
  }
}

/**
 * Embeds a subset of the font named with a subset tag (`AAAAAA+Name`, ISO 32000-1 9.6.4); the
 * tag is fixed per face, so the same input gives the same bytes.
 */
async function embed(doc: PDFDocument, bytes: Uint8Array, face: 'regular' | 'bold'): Promise<PDFFont> {
  try {
    const postscriptName = fontkit.create(bytes).postscriptName || 'Font';
    return await doc.embedFont(bytes, { subset: true, customName: `${SUBSET_TAGS[face]}+${postscriptName}` });
  } catch (e) {
    throw new PdfAError('bad-font', `the ${face} font could not be embedded: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A new document with its fonts embedded; draw on it, then call `finishPdfA`. */
export async function createPdfA(fonts: PdfAFontBytes): Promise<{ doc: PDFDocument; fonts: PdfAFonts }> {
  // Without updateMetadata pdf-lib sets no Producer/dates of its own: finishPdfA sets them all.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  return { doc, fonts: { regular: await embed(doc, fonts.regular, 'regular'), bold: await embed(doc, fonts.bold, 'bold') } };
}

/**
 * Writes the Info dictionary and the matching XMP packet, the output intent and the trailer ID,
 * and saves. `idSeed` makes the ID differ between documents with the same title and time.
 */
export async function finishPdfA(doc: PDFDocument, info: PdfAInfo, idSeed: string): Promise<Uint8Array> {
  const createdAt = new Date(Math.floor(info.createdAt.getTime() / 1000) * 1000);
  const whole = { ...info, createdAt };
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setCreator(info.creatorTool);
  doc.setProducer(info.producer);
  doc.setLanguage(info.language);
  doc.setCreationDate(createdAt);
  doc.setModificationDate(createdAt);

  const { context, catalog } = doc;
  // PDF/A forbids filters on the metadata stream: it stays readable without decoding.
  // No byte order mark before the packet: it must start with its <?xpacket header.
  const metadata = context.stream(utf8Encode(xmpPacket(whole), false), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));

  const icc = context.flateStream(srgbIccProfile(), { N: 3 });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(SRGB_CONDITION),
    Info: PDFString.of(SRGB_CONDITION),
    DestOutputProfile: context.register(icc),
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));

  const id = PDFHexString.of(documentId(`${info.title}\u0000${createdAt.toISOString()}\u0000${idSeed}`));
  context.trailerInfo.ID = context.obj([id, id]);
  return doc.save({ addDefaultPage: false, updateFieldAppearances: false });
}
