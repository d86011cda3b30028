import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ACTOR_REGISTER_FORMAT, packagePaths, type ArchiveGeneration } from '../../../shared/src/archive';
import { auditEntryHash } from '../audit/audit-hash';

/**
 * Checks a written package before it is put in place: the folder structure of its generation,
 * and that every file a METS file, ERMS or arendehantering.xml refers to exists with the size and
 * SHA-256 stated, that every file of the package is listed by a METS file, and that the actor
 * register states its format and each entry its own hash (values disposed of included). Returns the
 * problems found (empty: the package is whole). Reads the XML this code wrote, so a tag scan
 * suffices; schema validity is xmllint's job.
 */

interface Tag {
  name: string;
  attrs: Map<string, string>;
}

function unescape(v: string): string {
  return v.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!;
  });
}

function tags(xml: string, names: readonly string[]): Tag[] {
  const out: Tag[] = [];
  for (const m of xml.matchAll(/<([A-Za-z][\w:.-]*)\b([^>]*)>/g)) {
    const local = m[1]!.replace(/^.*:/, '');
    if (!names.includes(local)) continue;
    const attrs = new Map<string, string>();
    for (const a of m[2]!.matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs.set(a[1]!, unescape(a[2]!));
    out.push({ name: local, attrs });
  }
  return out;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function walk(dir: string, base = ''): string[] {
  return readdirSync(path.join(dir, base), { withFileTypes: true }).flatMap((e) => {
    const rel = base ? `${base}/${e.name}` : e.name;
    return e.isDirectory() ? walk(dir, rel) : [rel];
  });
}

/** A reference's target from the package root; null when it points outside the package. */
function resolve(fromFile: string, href: string): string | null {
  const target = href.startsWith('file:///') ? href.slice('file:///'.length) : path.posix.join(path.posix.dirname(fromFile), href);
  const norm = path.posix.normalize(target);
  return norm.startsWith('../') || path.posix.isAbsolute(norm) ? null : norm;
}

function structureProblems(root: string, generation: ArchiveGeneration): string[] {
  const p = packagePaths(generation);
  const problems: string[] = [];
  const required = [p.mets, p.descriptive, p.actorRegister, p.checkpoints, ...(p.representationMets ? [p.representationMets] : [])];
  for (const f of required) if (!existsSync(path.join(root, f)) || !statSync(path.join(root, f)).isFile()) problems.push(`missing ${f}`);
  for (const d of [p.data, p.schemas])
    if (!existsSync(path.join(root, d)) || !statSync(path.join(root, d)).isDirectory()) problems.push(`missing folder ${d}/`);
  // CSIP: the root holds METS.xml and the metadata, representations, schemas (and documentation) folders only.
  const allowed =
    generation === 'fgs2' ? ['METS.xml', 'metadata', 'representations', 'schemas', 'documentation'] : ['sip.xml', 'content', 'schemas'];
  for (const e of readdirSync(root)) if (!allowed.includes(e)) problems.push(`unexpected ${e} in the package root`);
  if (generation === 'fgs2' && existsSync(path.join(root, 'metadata'))) {
    for (const e of readdirSync(path.join(root, 'metadata')))
      if (!['descriptive', 'preservation', 'other'].includes(e)) problems.push(`unexpected metadata/${e}`);
  }
  return problems;
}

/** The packaged actor register: its format, and each entry's hash recomputed by its scheme. */
function actorRegisterProblems(root: string, file: string): string[] {
  let json: { format?: unknown; entries?: unknown };
  try {
    json = JSON.parse(readFileSync(path.join(root, file), 'utf8')) as typeof json;
  } catch {
    return [`${file} is not JSON`];
  }
  if (json.format !== ACTOR_REGISTER_FORMAT) return [`${file}: format ${String(json.format)}, expected ${ACTOR_REGISTER_FORMAT}`];
  if (!Array.isArray(json.entries)) return [`${file}: no entries`];
  return (json.entries as Record<string, unknown>[])
    .filter((e) => auditEntryHash(e) !== e.hash)
    .map((e) => `${file}: entry ${String(e.id)} does not match its hash`);
}

export function verifyPackage(root: string, generation: ArchiveGeneration): string[] {
  const problems = structureProblems(root, generation);
  if (problems.length > 0) return problems;
  const p = packagePaths(generation);
  const all = walk(root);
  const listed = new Set<string>([p.mets]);
  const metsFiles = all.filter((f) => f === p.mets || f === p.representationMets);
  const check = (from: string, href: string | undefined, expect: { sha256?: string; size?: string }, what: string): void => {
    if (!href) {
      problems.push(`${from}: ${what} without a reference`);
      return;
    }
    const target = resolve(from, href);
    if (!target || !existsSync(path.join(root, target)) || !statSync(path.join(root, target)).isFile()) {
      problems.push(`${from}: ${what} ${href} does not exist in the package`);
      return;
    }
    listed.add(target);
    if (expect.size !== undefined && Number(expect.size) !== statSync(path.join(root, target)).size)
      problems.push(`${from}: ${href} has another size than stated`);
    if (expect.sha256 !== undefined && expect.sha256 !== sha256(path.join(root, target)))
      problems.push(`${from}: ${href} does not match its checksum`);
  };
  for (const mets of metsFiles) {
    const xml = readFileSync(path.join(root, mets), 'utf8');
    let current: Tag | null = null;
    for (const t of tags(xml, ['file', 'FLocat', 'mdRef', 'mptr'])) {
      if (t.name === 'file') current = t;
      else if (t.name === 'FLocat') {
        if (!current?.attrs.get('CHECKSUM')) problems.push(`${mets}: a file without a checksum`);
        check(mets, t.attrs.get('xlink:href'), { sha256: current?.attrs.get('CHECKSUM'), size: current?.attrs.get('SIZE') }, 'file');
        current = null;
      } else if (t.name === 'mdRef') {
        check(mets, t.attrs.get('xlink:href'), { sha256: t.attrs.get('CHECKSUM'), size: t.attrs.get('SIZE') }, 'metadata');
      } else check(mets, t.attrs.get('xlink:href'), {}, 'pointer');
    }
  }
  // The records' own references: ERMS appendix @path, FGS Bilaga @Lank with @Checksumma.
  const descriptive = readFileSync(path.join(root, p.descriptive), 'utf8');
  for (const t of tags(descriptive, ['appendix', 'Bilaga'])) {
    const href = t.attrs.get(t.name === 'appendix' ? 'path' : 'Lank');
    const target = href ? resolve('', href) : null;
    if (!target || !existsSync(path.join(root, target)))
      problems.push(`${p.descriptive}: file ${href ?? '(none)'} does not exist in the package`);
    else if (t.name === 'Bilaga' && t.attrs.get('Checksumma') !== sha256(path.join(root, target)))
      problems.push(`${p.descriptive}: ${href} does not match its Checksumma`);
  }
  for (const f of all) if (!listed.has(f)) problems.push(`${f} is in the package but no METS file lists it`);
  problems.push(...actorRegisterProblems(root, p.actorRegister));
  return problems;
}
