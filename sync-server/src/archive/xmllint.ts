import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ArchiveError } from './errors';

/**
 * Schema validation with xmllint (libxml2-utils), offline: the catalog maps the schemas' remote
 * locations to the copies in ./schemas (see its PROVENANCE.md).
 */

export const SCHEMAS_DIR = fileURLToPath(new URL('./schemas/', import.meta.url));
export const CATALOG = path.join(SCHEMAS_DIR, 'catalog.xml');

/** The schema (or driver) each kind of package XML is validated against, from the schemas folder. */
export const SCHEMA_OF = {
  erms: 'xsd/cits-erms/ERMS.xsd',
  csipMets: 'drivers/eark-csip-sip-2.1.0-driver.xsd',
  arendehantering: 'xsd/fgs-arendehantering-1.0/arendehantering.xsd',
  fgsSip: 'drivers/fgs-paketstruktur-1.2-driver.xsd',
} as const;
export type SchemaKind = keyof typeof SCHEMA_OF;

/** The schema files a package of each generation carries in its `schemas/` folder. */
export const PACKAGE_SCHEMAS = {
  fgs2: [
    'xsd/cits-erms/ERMS.xsd',
    'xsd/mets/mets.xsd',
    'xsd/mets/xlink.xsd',
    'xsd/eark-csip-2.1.0/DILCISExtensionMETS.xsd',
    'xsd/eark-sip-2.1.0/DILCISExtensionSIPMETS.xsd',
  ],
  fgs1: [
    'xsd/fgs-arendehantering-1.0/arendehantering.xsd',
    'xsd/fgs-paketstruktur-1.2/CSPackageMETS.xsd',
    'xsd/fgs-paketstruktur-1.2/CSPackageExtensionMETS.xsd',
    'xsd/fgs-paketstruktur-1.2/xlink.xsd',
  ],
} as const;

export interface XmllintResult {
  valid: boolean;
  /** xmllint's report (the schema errors with line numbers), for the message. */
  output: string;
}

/** Validates one file against a schema. Throws `xmllint_missing` when the tool is not installed. */
export function validateXml(file: string, kind: SchemaKind, schemasDir = SCHEMAS_DIR): Promise<XmllintResult> {
  const schema = path.join(schemasDir, SCHEMA_OF[kind]);
  return new Promise((resolve, reject) => {
    execFile(
      'xmllint',
      ['--noout', '--nonet', '--schema', schema, file],
      { env: { ...process.env, XML_CATALOG_FILES: path.join(schemasDir, 'catalog.xml') }, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
      (err, stdout, stderr) => {
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(
            new ArchiveError(
              'xmllint_missing',
              'xmllint is not installed (Debian: apt-get install libxml2-utils); packages cannot be validated',
            ),
          );
          return;
        }
        // The FGS extension schema's relative namespace URI draws a warning on every run; it is not an error.
        const output = `${stdout}${stderr}`
          .split('\n')
          .filter(
            (l) =>
              l.trim() !== '' && !/namespace warning : xmlns: URI ExtensionMETS is not absolute/.test(l) && !/^\s*(<xs:schema|\^)/.test(l),
          )
          .join('\n');
        resolve({ valid: !err, output });
      },
    );
  });
}
