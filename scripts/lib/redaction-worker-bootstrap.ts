// Starts a TypeScript entry (a redaction worker thread, the benchmark's redaction process) with the
// engine's big plain-JavaScript dependencies loaded BEFORE tsx: through tsx's loader (its hooks and
// the source maps it turns on) pdf.js alone takes 200–300 MiB more memory and ~1.5 s more CPU.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const url = (specifier: string) => pathToFileURL(require.resolve(specifier)).href;

// Each resolves to the same file for `import` as for `require` (no conditional exports), so the
// engine's own imports find them already loaded.
const PRELOAD = ['pdfjs-dist/legacy/build/pdf.mjs', 'pdfjs-dist/legacy/build/pdf.worker.mjs', '@napi-rs/canvas', 'pdf-lib'];

/**
 * CommonJS source for `new Worker(source, { eval: true })` or `node -e source`: loads PRELOAD, then
 * tsx's ESM API (the ESM twin: its CommonJS one mis-resolves its loader when evaluated), then `entry`.
 */
export function bootstrapSource(entry: string): string {
  const plan = { preload: PRELOAD.map(url), tsxApi: url('tsx/esm/api').replace(/\.cjs$/, '.mjs'), entry: pathToFileURL(entry).href };
  return `const plan = ${JSON.stringify(plan)};
(async () => {
  for (const u of plan.preload) await import(u);
  (await import(plan.tsxApi)).register();
  await import(plan.entry);
})();`;
}
