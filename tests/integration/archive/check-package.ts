import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Independent checks of a written package for the tests (not the builder's own verify.ts): xmllint
 * against the schema copies in the repository, every METS-listed file's checksum, the folder
 * structure.
 */

export const SCHEMAS = path.resolve('sync-server/src/archive/schemas');

/** Fails loudly when xmllint is missing: a test that needs a tool must not pass without it. */
export function requireXmllint(): void {
  const r = spawnSync('xmllint', ['--version']);
  if (r.error || r.status !== 0) throw new Error('xmllint is missing: install libxml2-utils (apt-get install libxml2-utils)');
}

export function xmllint(file: string, schema: string): { ok: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', path.join(SCHEMAS, schema), file], {
    env: { ...process.env, XML_CATALOG_FILES: path.join(SCHEMAS, 'catalog.xml') },
    encoding: 'utf8',
  });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

export function walk(dir: string, base = ''): string[] {
  return readdirSync(path.join(dir, base), { withFileTypes: true }).flatMap((e) => {
    const rel = base ? `${base}/${e.name}` : e.name;
    return e.isDirectory() ? walk(dir, rel) : [rel];
  });
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** `{href, checksum, size}` of every METS `file` (FLocat) and `mdRef` in a METS document. */
export function metsEntries(xml: string): { href: string; checksum: string; size: number }[] {
  const out: { href: string; checksum: string; size: number }[] = [];
  for (const m of xml.matchAll(/<(?:mets:)?file\b([^>]*)>\s*<(?:mets:)?FLocat\b([^>]*)\/>/g)) {
    out.push({
      href: /xlink:href="([^"]*)"/.exec(m[2]!)![1]!,
      checksum: /CHECKSUM="([^"]*)"/.exec(m[1]!)![1]!,
      size: Number(/SIZE="(\d+)"/.exec(m[1]!)![1]),
    });
  }
  for (const m of xml.matchAll(/<mets:mdRef\b([^>]*)\/>/g)) {
    out.push({
      href: /xlink:href="([^"]*)"/.exec(m[1]!)![1]!,
      checksum: /CHECKSUM="([^"]*)"/.exec(m[1]!)![1]!,
      size: Number(/SIZE="(\d+)"/.exec(m[1]!)![1]),
    });
  }
  return out;
}

/** Every METS entry exists with its size and checksum; returns the package paths listed. */
export function checkMetsEntries(root: string, metsRel: string): { listed: string[]; problems: string[] } {
  const xml = readFileSync(path.join(root, metsRel), 'utf8');
  const problems: string[] = [];
  const listed: string[] = [];
  for (const e of metsEntries(xml)) {
    const rel = e.href.startsWith('file:///') ? e.href.slice(8) : path.posix.join(path.posix.dirname(metsRel), e.href);
    listed.push(rel);
    const file = path.join(root, rel);
    if (!existsSync(file)) problems.push(`${metsRel}: ${e.href} missing`);
    else if (statSync(file).size !== e.size || sha256File(file) !== e.checksum)
      problems.push(`${metsRel}: ${e.href} size or checksum differs`);
  }
  return { listed, problems };
}

/** The XML text of a case's (or document's) own element, up to the next record/aggregation. */
export function block(xml: string, start: string, end: RegExp): string {
  const i = xml.indexOf(start);
  if (i < 0) throw new Error(`no ${start}`);
  const rest = xml.slice(i + start.length);
  const j = rest.search(end);
  return j < 0 ? rest : rest.slice(0, j);
}
