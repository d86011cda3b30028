/**
 * Liberation Sans regular and bold as pdf.js ships them: the font bytes the product's PDF/A
 * documents embed and its signers pass in, read once for every test that needs them.
 */
import { readFileSync } from 'node:fs';
import type { SigningFontBytes } from '../shared/src/signing';

export const FONT_DIR = new URL('../node_modules/pdfjs-dist/standard_fonts/', import.meta.url);

export const liberationSans: SigningFontBytes = {
  regular: new Uint8Array(readFileSync(new URL('LiberationSans-Regular.ttf', FONT_DIR))),
  bold: new Uint8Array(readFileSync(new URL('LiberationSans-Bold.ttf', FONT_DIR))),
};
