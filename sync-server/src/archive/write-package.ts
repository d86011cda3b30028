import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import {
  actorRegisterJson,
  buildArendehantering,
  buildErms,
  buildFgsSip,
  buildRepresentationMets,
  buildRootMets,
  checkpointsJson,
  coveringCheckpoints,
  packagePaths,
  safeName,
  type ArchiveGeneration,
  type ArchivedCheckpoint,
  type PackageFile,
  type PackageHeader,
} from '../../../shared/src/archive';
import type { PackageSource } from './collect';
import type { RenditionFile } from './renditions';
import { ArchiveError } from './errors';
import { verifyPackage } from './verify';
import { PACKAGE_SCHEMAS, SCHEMAS_DIR, validateXml, type SchemaKind } from './xmllint';

/**
 * Writes one package: everything goes into a hidden folder beside the final one, is validated
 * (every XML file by xmllint against its schema) and verified (structure, every reference and
 * checksum), and only then renamed into place. On any failure the partial folder is removed.
 */

export interface WriteOptions {
  outDir: string;
  generation: ArchiveGeneration;
  header: PackageHeader;
  source: PackageSource;
  checkpoints: readonly ArchivedCheckpoint[];
  blobPath: (sha256: string) => string | null;
  /** Where the schemas are (tests point it at a broken copy to see validation fail). */
  schemasDir?: string;
  /** Runs on the written XML before validation: tests use it to break a package on purpose. */
  beforeValidation?: (dir: string) => void;
  /** PDF/A renditions to put beside their originals (renditions.ts; already in the source's content). */
  renditions?: readonly RenditionFile[];
  /** Told after each file copied and each XML file validated (a transfer shows it as progress). */
  onProgress?: (done: number, total: number) => void;
}

/** The package's own XML files per generation (validated one by one after the copies). */
const XML_FILES: Record<ArchiveGeneration, number> = { fgs2: 3, fgs1: 2 };

/** How many steps `onProgress` counts to for a source. */
export function progressTotal(source: PackageSource, generation: ArchiveGeneration): number {
  return source.files.length + XML_FILES[generation];
}

const MIME = { xml: 'text/xml', json: 'application/json', xsd: 'application/xml' } as const;

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A new package's header. Its name (the folder, and CSIP's OBJID) tells an archivist what it is:
 * the register's series, the date, cases or free-standing documents, the generation, a short id.
 */
export function newPackageHeader(o: {
  prefix: string;
  kind: 'cases' | 'documents';
  generation: ArchiveGeneration;
  label: string;
  authorityName: string;
  now: Date;
  version: string;
}): PackageHeader {
  const id = randomUUID();
  const createdAt = o.now.toISOString();
  const name = `${safeName(o.prefix)}-${createdAt.slice(0, 10)}-${o.kind === 'cases' ? 'arenden' : 'handlingar'}-${o.generation}-${id.slice(0, 8)}`;
  return { id, name, createdAt, label: o.label, authorityName: o.authorityName, softwareName: 'Diarium', softwareVersion: o.version };
}

/** Which schema validates an XML file of the package, by its place. */
function schemaKindOf(rel: string, generation: ArchiveGeneration): SchemaKind {
  const p = packagePaths(generation);
  if (rel === p.descriptive) return generation === 'fgs2' ? 'erms' : 'arendehantering';
  if (rel === p.mets) return generation === 'fgs2' ? 'csipMets' : 'fgsSip';
  if (rel === p.representationMets) return 'csipMets';
  throw new ArchiveError('invalid_package', `${rel}: an XML file the package should not hold`);
}

export async function writePackage(o: WriteOptions): Promise<string> {
  const final = path.join(o.outDir, o.header.name);
  if (existsSync(final)) throw new ArchiveError('output_exists', `${final} already exists`);
  mkdirSync(o.outDir, { recursive: true });
  const temp = path.join(o.outDir, `.${o.header.name}.partial`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp);
  try {
    await build(temp, o);
    renameSync(temp, final);
    return final;
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw err;
  }
}

async function build(temp: string, o: WriteOptions): Promise<void> {
  const p = packagePaths(o.generation);
  const created = o.header.createdAt;
  const xmlFiles: string[] = [];
  const total = progressTotal(o.source, o.generation);
  let done = 0;
  const step = () => o.onProgress?.(++done, total);
  const put = (rel: string, bytes: Buffer | string, mimeType: string): PackageFile => {
    const file = path.join(temp, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes, { flag: 'wx' });
    // The records' own files are content, whatever their names: only the package's XML is validated.
    if (rel.endsWith('.xml') && !rel.startsWith(`${p.data}/`)) xmlFiles.push(rel);
    return { path: rel, size: statSync(file).size, sha256: sha256(bytes), mimeType, created };
  };

  // The records' files, each checked against the checksum its file record holds. The folder exists
  // even when no record has a file (a registered document may have none).
  mkdirSync(path.join(temp, p.data), { recursive: true });
  const data: PackageFile[] = [];
  for (const f of o.source.files) {
    const blob = o.blobPath(f.sha256);
    if (!blob) throw new ArchiveError('missing_blob', `the content of ${f.path} (blob ${f.sha256}) is missing from the data folder`);
    const bytes = readFileSync(blob);
    if (sha256(bytes) !== f.sha256)
      throw new ArchiveError('missing_blob', `blob ${f.sha256} does not match its checksum: the data folder is damaged`);
    data.push(put(f.path, bytes, f.mediaType));
    step();
  }
  for (const r of o.renditions ?? []) data.push(put(r.path, Buffer.from(r.bytes), 'application/pdf'));

  const preservation = [
    put(p.actorRegister, actorRegisterJson(o.source.audit), MIME.json),
    put(p.checkpoints, checkpointsJson(coveringCheckpoints(o.source.audit, o.checkpoints)), MIME.json),
  ];
  const schemasDir = o.schemasDir ?? SCHEMAS_DIR;
  const schemas = PACKAGE_SCHEMAS[o.generation].map((s) =>
    put(`${p.schemas}/${path.basename(s)}`, readFileSync(path.join(schemasDir, s)), MIME.xsd),
  );

  if (o.generation === 'fgs2') {
    const descriptive = put(p.descriptive, buildErms(o.source.content, o.header), MIME.xml);
    const representationMets = put(p.representationMets!, buildRepresentationMets(o.header, data), MIME.xml);
    put(p.mets, buildRootMets(o.header, { descriptive, preservation, schemas, representationMets }), MIME.xml);
  } else {
    const descriptive = put(p.descriptive, buildArendehantering(o.source.content), MIME.xml);
    put(p.mets, buildFgsSip(o.header, [descriptive, ...preservation, ...data, ...schemas]), MIME.xml);
  }

  o.beforeValidation?.(temp);
  const invalid: string[] = [];
  for (const rel of xmlFiles) {
    const result = await validateXml(path.join(temp, rel), schemaKindOf(rel, o.generation), schemasDir);
    if (!result.valid) invalid.push(`${rel}:\n${result.output}`);
    step();
  }
  if (invalid.length > 0) throw new ArchiveError('invalid_package', `the package fails schema validation:\n${invalid.join('\n')}`);
  const problems = verifyPackage(temp, o.generation);
  if (problems.length > 0) throw new ArchiveError('invalid_package', `the package is not whole:\n${problems.join('\n')}`);
}
