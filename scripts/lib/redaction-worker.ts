// A worker thread of redaction-worker-pool.ts: opens its own copy of the document and answers each
// page request with `maskPage`, the same function the calling thread runs for its own pages.
import { parentPort, workerData } from 'node:worker_threads';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import {
  type MaskedPage,
  maskPage,
  openPdfForRedaction,
  type PageMaskJob,
  RedactionError,
  type RedactionErrorCode,
} from '../../shared/src/redaction';
import { nodeRedactionPlatform } from './node-redaction-platform';

export interface WorkerRequest {
  readonly id: number;
  readonly pageNumber: number;
}

export type WorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'page'; readonly id: number; readonly page: MaskedPage }
  | { readonly type: 'failed'; readonly id?: number; readonly code?: RedactionErrorCode; readonly message: string };

function failure(e: unknown, id?: number): WorkerReply {
  return e instanceof RedactionError
    ? { type: 'failed', id, code: e.code, message: e.message }
    : { type: 'failed', id, message: e instanceof Error ? e.message : String(e) };
}

/** The image moves instead of being copied when it owns its whole buffer (not a slice of Node's pool). */
function transferable(page: MaskedPage): ArrayBuffer[] {
  const { data } = page.image;
  return data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer ? [data.buffer] : [];
}

async function answer(doc: PDFDocumentProxy, job: PageMaskJob, { id, pageNumber }: WorkerRequest): Promise<void> {
  try {
    const page = await maskPage(doc, pageNumber, job.request, job.settings, nodeRedactionPlatform);
    parentPort!.postMessage({ type: 'page', id, page } satisfies WorkerReply, transferable(page));
  } catch (e) {
    parentPort!.postMessage(failure(e, id));
  }
}

async function serve(job: PageMaskJob): Promise<void> {
  try {
    const doc = await openPdfForRedaction(job.pdf, nodeRedactionPlatform);
    parentPort!.on('message', (request: WorkerRequest) => void answer(doc, job, request));
    parentPort!.postMessage({ type: 'ready' } satisfies WorkerReply);
  } catch (e) {
    parentPort!.postMessage(failure(e));
  }
}

void serve((workerData as { job: PageMaskJob }).job);
