import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** The file URL of a package entry, as this module resolves it. */
export const resolvedHref = (specifier: string) => pathToFileURL(require.resolve(specifier)).href;

/**
 * CommonJS source of a worker thread running the TypeScript module `entry`
 * (`new Worker(source, { eval: true })`): the modules in `preload` first, then tsx's ESM API,
 * then `entry`.
 */
export function tsWorkerSource(entry: URL, preload: readonly string[] = []): string {
  const plan = {
    preload,
    tsxApi: resolvedHref('tsx/esm/api').replace(/\.cjs$/, '.mjs'),
    entry: pathToFileURL(fileURLToPath(entry)).href,
  };
  return `const plan = ${JSON.stringify(plan)};
(async () => {
  for (const u of plan.preload) await import(u);
  (await import(plan.tsxApi)).register();
  await import(plan.entry);
})();`;
}
