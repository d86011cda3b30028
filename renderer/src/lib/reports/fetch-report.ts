import { reportPath, type ReportFailure, type ReportKind, type ReportRequest } from '../../../../shared/src/protocol/reports';

/** What the call needs of the signed-in session. */
export interface ReportSession {
  serverUrl: string;
  token: string;
}

export type ReportResult =
  | { ok: true; pdf: Uint8Array; fileName: string }
  /** The server's refusal, `unreachable` (offline, no answer) or `failed` (anything else). */
  | { ok: false; reason: ReportFailure | 'unreachable' | 'failed' };

const FAILURES: readonly string[] = ['bad_request', 'bad_range', 'not_found'] satisfies ReportFailure[];

/** The file name the server gives in its content-disposition, or a plain one. */
function fileNameOf(res: Response, kind: ReportKind): string {
  const m = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return m ? m[1]! : `${kind}.pdf`;
}

/** Asks the server for a report as PDF/A (reports are made where every record is). Never throws. */
export async function fetchReport(
  session: ReportSession,
  kind: ReportKind,
  request: ReportRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<ReportResult> {
  let res: Response;
  try {
    res = await fetchImpl(`${session.serverUrl}${reportPath(kind)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  if (res.ok) {
    const pdf = new Uint8Array(await res.arrayBuffer());
    return new TextDecoder('latin1').decode(pdf.subarray(0, 5)) === '%PDF-'
      ? { ok: true, pdf, fileName: fileNameOf(res, kind) }
      : { ok: false, reason: 'failed' };
  }
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  const code = typeof body?.error === 'string' && FAILURES.includes(body.error) ? (body.error as ReportFailure) : null;
  if (code) return { ok: false, reason: code };
  return { ok: false, reason: res.status >= 500 ? 'unreachable' : 'failed' };
}
