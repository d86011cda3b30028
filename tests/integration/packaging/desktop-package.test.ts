// The desktop package ships what its built main process and preload load at run time: builds them
// with electron-vite (no Electron binary needed) and resolves every bare import of the output
// against what electron-builder.yml packs (production dependencies, minus what `files` excludes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
/** What a sandboxed preload's `require` offers (Electron's process-sandboxing guide). */
const SANDBOX_PRELOAD_MODULES = new Set(['electron', 'events', 'timers', 'url']);
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The `files` list of electron-builder.yml (a YAML list of strings; no YAML parser in dependencies). */
function builderFiles(): string[] {
  const lines = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8').split('\n');
  const start = lines.findIndex((l) => /^files:\s*$/.test(l));
  expect(start, 'electron-builder.yml has a files: list').toBeGreaterThanOrEqual(0);
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^\s+-\s+(.+?)\s*$/.exec(line);
    if (!item) break;
    items.push(item[1]!.replace(/^(['"])(.*)\1$/, '$2'));
  }
  return items;
}

/** Production dependencies and theirs, as electron-builder collects them, unless `files` excludes them. */
function shippedPackages(files: readonly string[]): Set<string> {
  const excluded = files
    .filter((f) => f.startsWith('!'))
    .map((f) =>
      f
        .slice(1)
        .replace(/^\*\*\//, '')
        .replace(/\/\*\*(\/\*)?$/, ''),
    );
  if (excluded.includes('node_modules')) return new Set();
  const shipped = new Set<string>();
  const visit = (name: string) => {
    if (shipped.has(name) || excluded.includes(`node_modules/${name}`)) return;
    shipped.add(name);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    Object.keys(manifest.dependencies ?? {}).forEach(visit);
  };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  Object.keys(pkg.dependencies ?? {}).forEach(visit);
  return shipped;
}

/**
 * Bare module specifiers of a built file: static and dynamic imports, and requires, as TypeScript's
 * scanner finds them. A text search would also match inside strings and calls like `Buffer.from('…')`
 * (bundled fontkit has both), and report packages nothing loads.
 */
function bareImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return [...new Set(importedFiles.map((f) => f.fileName).filter((s) => !/^[./]/.test(s)))].sort();
}

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

let out: string;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'diarium-electron-build-'));
  const build = spawnSync('npx', ['electron-vite', 'build', '--outDir', out, '--logLevel', 'error'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (build.status !== 0) throw new Error(`electron-vite build failed (${build.status}): ${build.stderr}${build.stdout}`);
}, 320_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the desktop package', () => {
  test('packs the built app: package.json and the out/ folders, its entry among them', () => {
    const files = builderFiles();
    expect(files).toContain('package.json');
    expect(files.some((f) => f === 'out/**' || f.startsWith('out/main'))).toBe(true);
    const main = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
    expect(main.startsWith('out/')).toBe(true);
    expect(existsSync(join(out, relative('out', main)))).toBe(true);
    expect(readdirSync(join(out, 'preload'))).toEqual(['index.cjs']);
  });

  test('every bare import of main and preload resolves from what is shipped', () => {
    const shipped = shippedPackages(builderFiles());
    const built = [
      ...readdirSync(join(out, 'main')).map((f) => join(out, 'main', f)),
      ...readdirSync(join(out, 'preload')).map((f) => join(out, 'preload', f)),
    ].filter((f) => /\.[cm]?js$/.test(f));
    const missing = built.flatMap((file) =>
      bareImports(file)
        .filter((s) => !BUILTINS.has(s) && s !== 'electron' && !shipped.has(packageName(s)))
        .map((s) => `${relative(out, file)}: ${s}`),
    );
    expect(missing).toEqual([]);
  });

  test('the sandboxed preload requires only what a sandbox offers', () => {
    const imports = bareImports(join(out, 'preload', 'index.cjs'));
    expect(imports.filter((s) => !SANDBOX_PRELOAD_MODULES.has(s))).toEqual([]);
  });
});
