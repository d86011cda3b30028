import { readFileSync, rmSync } from 'node:fs';
import { ZodError } from 'zod';
import { formatIsoDate } from '../../../shared/src';
import { DEFAULT_ARCHIVE_GENERATION, type ArchiveGeneration } from '../../../shared/src/archive';
import type { Case, Document } from '../../../shared/src';
import { ArchiveDataFolder } from './data-folder';
import { ArchiveError } from './errors';
import { ArchiveLookup, dueForTransfer, findCase, packageSources } from './collect';
import { addRenditions, type PdfAConverter } from './renditions';
import { newPackageHeader, writePackage, type WriteOptions } from './write-package';

/** One archive run against a server's data folder: what `npm run archive` does. */

export type ArchiveSelection = { due: true; today: string; afterYears: number } | { caseNumber: string };

export interface ArchiveRunOptions {
  dataDir: string;
  outDir: string;
  /** Default: the authority's setting in the data folder, else FGS 2.0. */
  generation?: ArchiveGeneration;
  select: ArchiveSelection;
  now?: Date;
  /** Makes the PDF/A renditions of office documents and pictures (none without it). */
  converter?: PdfAConverter;
  /** Test hooks passed to each package write (see WriteOptions). */
  schemasDir?: string;
  beforeValidation?: WriteOptions['beforeValidation'];
}

export interface ArchiveRunResult {
  generation: ArchiveGeneration;
  packages: string[];
  cases: string[];
  documents: string[];
}

/** This program's version, which a package names as its creating software. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** Today's date where the archivist is (the register's dates are local calendar dates). */
export function localToday(now: Date): string {
  return formatIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/**
 * Builds the packages for the selection (one per register and kind, see packageSources). All or
 * nothing: when one package fails, those already written in this run are removed too.
 */
export async function runArchive(o: ArchiveRunOptions): Promise<ArchiveRunResult> {
  const folder = ArchiveDataFolder.open(o.dataDir);
  const written: string[] = [];
  try {
    const lookup = new ArchiveLookup(folder);
    const generation = o.generation ?? folder.archiveGeneration() ?? DEFAULT_ARCHIVE_GENERATION;
    let cases: Case[];
    let documents: Document[];
    if ('due' in o.select) ({ cases, documents } = dueForTransfer(folder, lookup, o.select.today, o.select.afterYears));
    else {
      cases = [findCase(folder, o.select.caseNumber)];
      documents = [];
    }
    const now = o.now ?? new Date();
    for (const source of packageSources(folder, lookup, cases, documents, generation)) {
      const reg = lookup.register(source.registerId);
      const label =
        source.content.kind === 'cases'
          ? source.content.cases.length === 1
            ? `${reg.name}: ärende ${source.content.cases[0]!.case.caseNumber}`
            : `${reg.name}: ${source.content.cases.length} ärenden`
          : `${reg.name}: ${source.content.documents.length} fristående handlingar`;
      const kind = source.content.kind;
      const prefix = kind === 'cases' ? reg.casePrefix : reg.freeDocumentPrefix;
      const header = newPackageHeader({
        prefix,
        kind,
        generation,
        label,
        authorityName: reg.authorityName,
        now,
        version: packageVersion(),
      });
      const renditions = o.converter ? await addRenditions(source, (sha) => folder.blobPath(sha), o.converter) : [];
      written.push(
        await writePackage({
          outDir: o.outDir,
          generation,
          header,
          source,
          checkpoints: folder.checkpoints(),
          blobPath: (sha) => folder.blobPath(sha),
          renditions,
          schemasDir: o.schemasDir,
          beforeValidation: o.beforeValidation,
        }),
      );
    }
    return { generation, packages: written, cases: cases.map((c) => c.caseNumber), documents: documents.map((d) => d.documentNumber) };
  } catch (err) {
    for (const dir of written) rmSync(dir, { recursive: true, force: true });
    // A stored record that no longer fits its schema: a record migration is missing (as the server says it).
    if (err instanceof ZodError) throw new ArchiveError('stored_record_invalid', `a stored record does not fit its schema: ${err.message}`);
    throw err;
  } finally {
    folder.close();
  }
}
