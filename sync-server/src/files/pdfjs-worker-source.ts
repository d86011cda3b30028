import { resolvedHref, tsWorkerSource } from '../worker-source';

/**
 * CommonJS source of a worker thread that uses pdf.js (`new Worker(source, { eval: true })`):
 * pdf.js loaded BEFORE tsx (through tsx's loader it costs a few hundred MiB more; see
 * scripts/lib/redaction-worker-bootstrap.ts), then tsx's ESM API, then the TypeScript `entry`.
 */
export function pdfjsWorkerSource(entry: URL): string {
  return tsWorkerSource(entry, [resolvedHref('pdfjs-dist/legacy/build/pdf.mjs'), resolvedHref('pdfjs-dist/legacy/build/pdf.worker.mjs')]);
}
