// Whether an uploaded PDF can be read at all, run in the PDF check worker (pdf-check-worker.ts).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/**
 * Null when pdf.js opens the file and every page of it, else why not (English, for the log). A
 * password-protected PDF is readable with its password, so it passes.
 */
export async function pdfProblem(bytes: Uint8Array): Promise<string | null> {
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: bytes,
    standardFontDataUrl: `${join(pdfjsRoot, 'standard_fonts')}/`,
    useSystemFonts: false,
    isEvalSupported: false,
    stopAtErrors: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise;
    if (doc.numPages < 1) return 'the PDF has no pages';
    for (let n = 1; n <= doc.numPages; n++) (await doc.getPage(n)).cleanup();
    return null;
  } catch (err) {
    if (err instanceof Error && err.name === 'PasswordException') return null;
    return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  } finally {
    await task.destroy();
  }
}
