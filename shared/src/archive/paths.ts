import type { ArchiveGeneration } from './model';

/** Where each part lies in a package of each generation (paths from the package root). */
export interface PackagePaths {
  /** The package's main METS: `METS.xml` (CSIP) or `sip.xml` (FGS 1.x). */
  mets: string;
  /** The case metadata: ERMS.xml or arendehantering.xml. */
  descriptive: string;
  /** The actor register (entries with their hash chain) and the signed chain checkpoints. */
  actorRegister: string;
  checkpoints: string;
  /** The representation's METS (CSIP only). */
  representationMets: string | null;
  /** Folder of the records' files. */
  data: string;
  schemas: string;
}

export function packagePaths(generation: ArchiveGeneration): PackagePaths {
  return generation === 'fgs2'
    ? {
        mets: 'METS.xml',
        descriptive: 'metadata/descriptive/ERMS.xml',
        actorRegister: 'metadata/preservation/actor-register.json',
        checkpoints: 'metadata/preservation/checkpoints.json',
        representationMets: 'representations/rep1/METS.xml',
        data: 'representations/rep1/data',
        schemas: 'schemas',
      }
    : {
        mets: 'sip.xml',
        descriptive: 'content/arendehantering.xml',
        actorRegister: 'content/actor-register.json',
        checkpoints: 'content/checkpoints.json',
        representationMets: null,
        data: 'content/files',
        schemas: 'schemas',
      };
}

const FOLD: Record<string, string> = { å: 'a', ä: 'a', ö: 'o', Å: 'A', Ä: 'A', Ö: 'O', é: 'e', É: 'E', ü: 'u', Ü: 'U' };

/**
 * A path segment every archive system and file system takes: ASCII letters, digits, `.`, `_`
 * and `-` (CSIP advises against anything else); at most 100 characters, never empty or dots only.
 */
export function safeName(name: string): string {
  const folded = [...name.normalize('NFC')].map((ch) => FOLD[ch] ?? ch).join('');
  const safe = folded
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(-100);
  return safe === '' || /^\.+$/.test(safe) ? 'fil' : safe;
}

/**
 * The path of one file version: `<data>/<case>/<document>/<n>-v<version>-<name>`, `<n>` its place
 * in the document, so two files with one name never collide.
 */
export function filePath(
  generation: ArchiveGeneration,
  parts: { caseNumber: string; documentNumber: string; index: number; version: number; name: string },
): string {
  const folder = [parts.caseNumber, parts.documentNumber].filter(Boolean).map(safeName).join('/');
  return `${packagePaths(generation).data}/${folder}/${parts.index + 1}-v${parts.version}-${safeName(parts.name)}`;
}
