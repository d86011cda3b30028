/**
 * The fonts the desktop's signing embeds: the Liberation Sans files the page draws the meeting
 * documents with (renderer/src/lib/meetings/pdf-fonts.ts), read by main itself, never taken from
 * the page (main parses no font the page could have crafted). From the built app (what app://
 * serves, out/renderer/pdfjs/standard_fonts) or, in development, from the dev server. Loaded on
 * first signature, kept for the session; a failure is not kept.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SigningFontBytes } from '../../shared/src/signing';

const FONT_DIR = 'pdfjs/standard_fonts';
const FILES = { regular: 'LiberationSans-Regular.ttf', bold: 'LiberationSans-Bold.ttf' } as const;

export interface FontSource {
  /** The built renderer's folder (out/renderer). */
  rendererDir: string;
  /** The dev server's URL when running in development, else null. */
  devUrl: string | null;
  fetch?: typeof fetch;
}

async function readFace(source: FontSource, file: string): Promise<Uint8Array> {
  if (source.devUrl === null) return new Uint8Array(await readFile(path.join(source.rendererDir, FONT_DIR, file)));
  const url = new URL(`${FONT_DIR}/${file}`, source.devUrl);
  const res = await (source.fetch ?? fetch)(url);
  if (!res.ok) throw new Error(`${url.href}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

export function appSigningFonts(source: FontSource): () => Promise<SigningFontBytes> {
  let loading: Promise<SigningFontBytes> | undefined;
  return () => {
    loading ??= Promise.all([readFace(source, FILES.regular), readFace(source, FILES.bold)])
      .then(([regular, bold]) => ({ regular, bold }))
      .catch((e: unknown) => {
        loading = undefined;
        throw e;
      });
    return loading;
  };
}
