import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const href = (specifier: string) => pathToFileURL(require.resolve(specifier)).href;

/**
 * CommonJS source of a worker thread that uses pdf.js (`new Worker(source, { eval: true })`):
 * pdf.js loaded BEFORE tsx (through tsx's loader it costs a few hundred MiB more; see
 * scripts/lib/redaction-worker-bootstrap.ts), then tsx's ESM API, then the TypeScript `entry`.
 */
export function pdfjsWorkerSource(entry: URL): string {
  const plan = {
    preload: [href('pdfjs-dist/legacy/build/pdf.mjs'), href('pdfjs-dist/legacy/build/pdf.worker.mjs')],
    tsxApi: href('tsx/esm/api').replace(/\.cjs$/, '.mjs'),
    entry: pathToFileURL(fileURLToPath(entry)).href,
  };
  return `const plan = ${JSON.stringify(plan)};
(async () => {
  for (const u of plan.preload) await import(u);
  (await import(plan.tsxApi)).register();
  await import(plan.entry);
})();`;
}
