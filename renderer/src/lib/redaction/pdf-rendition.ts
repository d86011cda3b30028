import { PDF_RENDITION_FAILURES, pdfRenditionPath, type PdfRenditionFailure } from '../../../../shared/src/protocol/pdf-rendition';
import { SourceFileError, type RenditionProblem } from './session/source-file';

/** What the call needs of the signed-in session. */
export interface RenditionSession {
  serverUrl: string;
  token: string;
}

function isFailure(code: unknown): code is PdfRenditionFailure {
  return (PDF_RENDITION_FAILURES as readonly unknown[]).includes(code);
}

function problem(code: RenditionProblem, detail: string): SourceFileError {
  return new SourceFileError(`rendition-${code}`, `no PDF/A rendition: ${detail}`);
}

/**
 * Asks the server for a PDF/A rendition of a stored file (a Word or Excel file the tool masks as
 * PDF). Online only: the conversion runs on the server. Throws a `SourceFileError` whose code the
 * view shows in Swedish.
 */
export async function fetchPdfRendition(session: RenditionSession, fileId: string, fetchImpl: typeof fetch = fetch): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetchImpl(`${session.serverUrl}${pdfRenditionPath(fileId)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    });
  } catch (e) {
    throw problem('unreachable', e instanceof Error ? e.message : String(e));
  }
  if (res.ok) {
    const pdf = new Uint8Array(await res.arrayBuffer());
    if (new TextDecoder('latin1').decode(pdf.subarray(0, 5)) !== '%PDF-') throw problem('failed', 'the answer is not a PDF');
    return pdf;
  }
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  if (res.status === 404) throw problem('not_found', 'the file is not on the server or not readable');
  if (isFailure(body?.error)) throw problem(body.error, `status ${res.status}`);
  throw problem(res.status === 401 ? 'unreachable' : 'failed', `status ${res.status}`);
}
