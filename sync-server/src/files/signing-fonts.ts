/**
 * The fonts the signing engine embeds (Liberation Sans regular and bold as pdf.js ships them):
 * the same bytes the clients draw with, so the server makes the same signature page as they do
 * (approver-signature re-creates it) and its development test key keeps PDF/A files PDF/A.
 * Read once, on first use.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SigningFontBytes } from '../../../shared/src/signing';

const FILES = { regular: 'LiberationSans-Regular.ttf', bold: 'LiberationSans-Bold.ttf' } as const;

/** Where pdf.js keeps its fonts; `pdfjs-dist` is resolved as Node would from this file. */
export function signingFontDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts');
}

let loading: Promise<SigningFontBytes> | undefined;

/** Both faces; a failure is not kept, so a later call tries again. */
export function signingFonts(): Promise<SigningFontBytes> {
  loading ??= (async () => {
    const dir = signingFontDir();
    const [regular, bold] = await Promise.all([readFile(join(dir, FILES.regular)), readFile(join(dir, FILES.bold))]);
    return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
  })().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}
