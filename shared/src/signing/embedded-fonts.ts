/**
 * What signing draws (the signature page, each signature's appearance) in embedded TrueType
 * fonts, so that a PDF/A document stays PDF/A: subsets of the caller's font bytes (Liberation Sans
 * in the product). Each subset is named with a tag derived from its characters: the same text gives
 * the same bytes (the server re-creates the first signature's page to check it), and different
 * subsets in one file get different names (ISO 32000-1 9.6.4).
 */
import fontkit from '@pdf-lib/fontkit';
import { CustomFontSubsetEmbedder, type PDFDocument, type PDFFont } from 'pdf-lib';
import type { PdfAFontBytes } from '../pdfa';
import { SigningError } from './signing-error';

/** TrueType bytes of the two faces signing draws with (regular and bold). */
export type SigningFontBytes = PdfAFontBytes;
export type Face = keyof SigningFontBytes;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Six capital letters from an FNV-1a hash of the font's name and the characters drawn. */
export function subsetTag(fontName: string, text: string): string {
  const key = `${fontName}\u0000${[...new Set(text)].sort().join('')}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++, h = Math.floor(h / 26)) tag += LETTERS[h % 26];
  return tag;
}

function badFont(face: Face, e: unknown): SigningError {
  return new SigningError('bad-font', `the ${face} font could not be used: ${e instanceof Error ? e.message : String(e)}`);
}

function postscriptName(bytes: Uint8Array, face: Face): string {
  try {
    return fontkit.create(bytes).postscriptName || 'Font';
  } catch (e) {
    throw badFont(face, e);
  }
}

/** A subset embedder whose name is tagged for exactly `text` (what will be encoded with it). */
export async function subsetEmbedder(bytes: Uint8Array, face: Face, text: string): Promise<CustomFontSubsetEmbedder> {
  const name = postscriptName(bytes, face);
  try {
    return await CustomFontSubsetEmbedder.for(fontkit, bytes, `${subsetTag(name, text)}+${name}`);
  } catch (e) {
    throw badFont(face, e);
  }
}

/** Embeds a subset of one face into a pdf-lib document for drawing `text` (and nothing else) with it. */
export async function embedSubset(doc: PDFDocument, bytes: Uint8Array, face: Face, text: string): Promise<PDFFont> {
  const name = postscriptName(bytes, face);
  doc.registerFontkit(fontkit);
  try {
    return await doc.embedFont(bytes, { subset: true, customName: `${subsetTag(name, text)}+${name}` });
  } catch (e) {
    throw badFont(face, e);
  }
}
