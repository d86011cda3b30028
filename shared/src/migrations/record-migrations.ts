import type { CollectionName } from '../collections';
import { auditSealedAtRest } from './steps/audit-1-sealed-at-rest';
import { auditValueSeals } from './steps/audit-2-value-seals';
import { casesCorrections, documentsCorrections } from './steps/corrections-1';
import { documentsListKeyAndMail } from './steps/documents-2-list-key-mail';
import { filesMoreFormats } from './steps/files-1-more-formats';
import { partiesProtectedIdentity } from './steps/parties-1-protected-identity';

/** A stored record as JSON, before it is validated against the current schema. */
export type StoredJson = Record<string, unknown>;

/**
 * One step in a record type's shape: turns a record of version N-1 into version N. Pure and
 * total: it must accept every record the previous version could store, on the server (stored
 * JSON) and in the replica (RxDB migration strategy), so both ends run exactly the same step.
 */
export interface RecordMigration {
  /** What changed, for logs and the operator: "parties: protectedIdentity (false)". */
  readonly description: string;
  readonly up: (record: StoredJson) => StoredJson;
  /**
   * The inverse, for serving a client of the previous version during the transition period
   * (README, "Upgrades"): only a step that adds something can have one (it drops what it added).
   * A step without it ends the service of older clients: they are asked to update.
   */
  readonly down?: (record: StoredJson) => StoredJson;
}

/** Every collection's steps: `RECORD_MIGRATIONS`, or a test's own table. */
export type RecordMigrationTable = { readonly [C in CollectionName]: readonly RecordMigration[] };

/**
 * Every record type's migrations, oldest first. A collection's schema version is the number of
 * its steps; adding a field or an enum value means appending a step here (and a fixture made by
 * the version before it, see tests/fixtures/README.md).
 */
export const RECORD_MIGRATIONS: RecordMigrationTable = {
  registers: [],
  classes: [],
  doctypes: [],
  cases: [casesCorrections],
  documents: [documentsCorrections, documentsListKeyAndMail],
  files: [filesMoreFormats],
  parties: [partiesProtectedIdentity],
  users: [],
  groups: [],
  audit: [auditSealedAtRest, auditValueSeals],
  flows: [],
  requests: [],
  meetings: [],
};

/** The current schema version of a collection's records. */
export function collectionVersion(collection: CollectionName): number {
  return RECORD_MIGRATIONS[collection].length;
}

/** Brings a stored record from `fromVersion` to the current version, step by step. */
export function migrateRecord(
  collection: CollectionName,
  fromVersion: number,
  record: StoredJson,
  migrations: RecordMigrationTable = RECORD_MIGRATIONS,
): StoredJson {
  const steps = migrations[collection];
  if (!Number.isInteger(fromVersion) || fromVersion < 0 || fromVersion > steps.length) {
    throw new Error(`${collection}: cannot migrate from version ${fromVersion} (current ${steps.length})`);
  }
  let out = record;
  for (const step of steps.slice(fromVersion)) out = step.up(out);
  return out;
}

/** Whether records of the current shape can still be given to a client holding `version`. */
export function servableTo(collection: CollectionName, version: number, migrations: RecordMigrationTable = RECORD_MIGRATIONS): boolean {
  const steps = migrations[collection];
  return Number.isInteger(version) && version >= 0 && version <= steps.length && steps.slice(version).every((s) => s.down !== undefined);
}

/** A record of the current shape as a client holding `version` stores it (see `servableTo`). */
export function downgradeRecord(
  collection: CollectionName,
  version: number,
  record: StoredJson,
  migrations: RecordMigrationTable = RECORD_MIGRATIONS,
): StoredJson {
  const steps = migrations[collection];
  if (!servableTo(collection, version, migrations))
    throw new Error(`${collection}: cannot serve version ${version} (current ${steps.length})`);
  let out = record;
  for (const step of steps.slice(version).reverse()) out = step.down!(out);
  return out;
}
