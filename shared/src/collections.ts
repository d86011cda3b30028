import { z } from 'zod';
import { AuditEntry, AUDIT_FIELDS } from './model/audit';
import { Case, CASE_FIELDS } from './model/case';
import { ClassNode, CLASS_FIELDS } from './model/classification';
import { Document, DOCUMENT_FIELDS } from './model/document';
import { DocumentType, DOCUMENT_TYPE_FIELDS } from './model/document-type';
import { FileRecord, FILE_FIELDS } from './model/file';
import { Flow, FLOW_FIELDS } from './model/flow';
import { Group, GROUP_FIELDS } from './model/group';
import { InformationRequest, REQUEST_FIELDS } from './model/request';
import { MeetingRecord, MEETING_FIELDS } from './model/meeting';
import { Party, PARTY_FIELDS } from './model/party';
import { Register, REGISTER_FIELDS } from './model/register';
import { User, USER_FIELDS } from './model/user';
import { RECORD_MIGRATIONS, collectionVersion, type StoredJson } from './migrations/record-migrations';

/**
 * Every collection a client replicates, with its schema and the sensitivity of each field
 * (`fields`, see model/sensitivity.ts). The free RxDB allows 13 open collections: all thirteen
 * are in use, so meeting administration keeps its four kinds of record in one (model/meeting.ts).
 * Local bookkeeping (conflicts, rejected pushes, pending uploads) lives in RxDB local documents,
 * which do not count as collections.
 */
export const COLLECTIONS = {
  registers: { schema: Register, fields: REGISTER_FIELDS, indexes: [], clientWritable: false },
  classes: { schema: ClassNode, fields: CLASS_FIELDS, indexes: ['code'], clientWritable: false },
  doctypes: { schema: DocumentType, fields: DOCUMENT_TYPE_FIELDS, indexes: [], clientWritable: false },
  cases: {
    schema: Case,
    fields: CASE_FIELDS,
    // Compound [filter, newestKey] indexes serve the register's filtered newest-first lists.
    indexes: ['newestKey', 'caseNumber', ['status', 'newestKey'], ['responsibleUserId', 'newestKey']],
    clientWritable: true,
  },
  documents: {
    schema: Document,
    fields: DOCUMENT_FIELDS,
    // listKey: "Nyast först" by the shown date (documents v2); messageId: a reply mail finds the mail it answers.
    indexes: [
      'newestKey',
      ['caseId', 'newestKey'],
      ['status', 'newestKey'],
      'documentNumber',
      'listKey',
      ['status', 'listKey'],
      'messageId',
    ],
    clientWritable: true,
  },
  files: { schema: FileRecord, fields: FILE_FIELDS, indexes: ['documentId'], clientWritable: false },
  parties: { schema: Party, fields: PARTY_FIELDS, indexes: ['name'], clientWritable: true },
  users: { schema: User, fields: USER_FIELDS, indexes: [], clientWritable: false },
  groups: { schema: Group, fields: GROUP_FIELDS, indexes: [], clientWritable: false },
  audit: { schema: AuditEntry, fields: AUDIT_FIELDS, indexes: ['caseId', 'recordId'], clientWritable: false },
  // Approval flows: per target and per case for the panels, [status, startedAt] for the approver's queue.
  flows: { schema: Flow, fields: FLOW_FIELDS, indexes: ['targetId', 'caseId', ['status', 'startedAt']], clientWritable: true },
  // Information requests (utlämnande): newest first, per status for the work list, per case.
  requests: {
    schema: InformationRequest,
    fields: REQUEST_FIELDS,
    indexes: ['newestKey', 'caseId', ['status', 'newestKey']],
    clientWritable: true,
  },
  // Bodies, meetings, agenda items and notice-board postings (model/meeting.ts): per kind by
  // date for the calendar, per meeting for the agenda, per case for "reported to meetings".
  meetings: {
    schema: MeetingRecord,
    fields: MEETING_FIELDS,
    indexes: [['kind', 'date'], ['meetingId', 'ordinal'], 'caseId'],
    clientWritable: true,
  },
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];
export const CollectionNameSchema = z.enum(COLLECTION_NAMES as [CollectionName, ...CollectionName[]]);

export type RecordOf<C extends CollectionName> = z.infer<(typeof COLLECTIONS)[C]['schema']>;
export type AnyRecord = RecordOf<CollectionName>;

export function isCollectionName(value: unknown): value is CollectionName {
  return typeof value === 'string' && Object.hasOwn(COLLECTIONS, value);
}

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>> };

/**
 * Derives the RxDB JSON schema from the zod schema, so the shape is written once. RxDB needs
 * bounds on indexed fields (maxLength for strings; minimum, maximum and multipleOf for numbers).
 */
export function rxSchemaFor(name: CollectionName): JsonSchema {
  const def = COLLECTIONS[name];
  const json = z.toJSONSchema(def.schema, { target: 'draft-7', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  const properties = json.properties ?? {};
  properties.id = { ...properties.id, maxLength: 64 };
  const indexes = def.indexes as readonly (string | readonly string[])[];
  for (const field of new Set(indexes.flat())) {
    const prop = properties[field];
    if (!prop) throw new Error(`index on unknown field ${name}.${field}`);
    if (prop.type === 'string' && typeof prop.maxLength !== 'number') prop.maxLength = 64;
    if (prop.type === 'number' || prop.type === 'integer') {
      prop.minimum ??= 0;
      prop.maximum ??= Number.MAX_SAFE_INTEGER;
      prop.multipleOf ??= 1;
    }
  }
  return {
    title: name,
    version: collectionVersion(name),
    primaryKey: 'id',
    type: 'object',
    properties,
    required: json.required,
    indexes: indexes.map((i) => (typeof i === 'string' ? i : [...i])),
    additionalProperties: false,
  };
}

/**
 * RxDB's migration strategies for a collection, from the same steps the server runs over its
 * stored records: strategy N is step N (RxDB numbers them by the version they lead to).
 */
export function migrationStrategiesFor(name: CollectionName): Record<number, (doc: StoredJson) => StoredJson> {
  return Object.fromEntries(RECORD_MIGRATIONS[name].map((step, i) => [i + 1, (doc: StoredJson) => step.up(doc)]));
}
