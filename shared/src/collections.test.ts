import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addRxPlugin, createRxDatabase, type RxDatabase } from 'rxdb';
import { RxDBDevModePlugin, checkSchema, disableWarnings } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import {
  COLLECTIONS,
  COLLECTION_NAMES,
  CollectionNameSchema,
  isCollectionName,
  migrationStrategiesFor,
  rxSchemaFor,
  type CollectionName,
} from './collections';
import { collectionVersion } from './migrations/record-migrations';
import { SAMPLES } from './testing/samples';

type Prop = Record<string, unknown>;

/** A value of another JSON type than `value`. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 42;
  if (typeof value === 'number') return 'x';
  if (typeof value === 'boolean') return 'true';
  if (Array.isArray(value)) return 'not-an-array';
  if (typeof value === 'object' && value !== null) return ['not-an-object'];
  return null;
}

describe('collection set', () => {
  test('thirteen collections in use: the free RxDB limit, so the next record type must share one', () => {
    expect(COLLECTION_NAMES).toHaveLength(13);
  });
  test('only cases, documents, parties, flows, requests and meetings are client-writable', () => {
    const writable = COLLECTION_NAMES.filter((c) => COLLECTIONS[c].clientWritable);
    expect(writable.sort()).toEqual(['cases', 'documents', 'flows', 'meetings', 'parties', 'requests']);
  });
  test('isCollectionName', () => {
    for (const c of COLLECTION_NAMES) expect(isCollectionName(c)).toBe(true);
    expect(isCollectionName('Cases')).toBe(false);
    expect(isCollectionName('toString')).toBe(false); // inherited properties are not collections
    expect(isCollectionName('__proto__')).toBe(false);
    expect(isCollectionName(42)).toBe(false);
    expect(isCollectionName(undefined)).toBe(false);
  });
  test('CollectionNameSchema', () => {
    for (const c of COLLECTION_NAMES) expect(CollectionNameSchema.parse(c)).toBe(c);
    expect(CollectionNameSchema.safeParse('sessions').success).toBe(false);
  });
});

describe.each(COLLECTION_NAMES)('rxSchemaFor(%s)', (name) => {
  const schema = rxSchemaFor(name);
  const properties = schema.properties as Record<string, Prop>;
  const required = schema.required as string[];

  test('RxDB dev-mode checkSchema accepts it', () => {
    expect(() => checkSchema(schema as never)).not.toThrow();
  });

  test('header: title, version, primary key id, no extra properties', () => {
    expect(schema.title).toBe(name);
    expect(schema.version).toBe(collectionVersion(name));
    expect(schema.primaryKey).toBe('id');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema).not.toHaveProperty('$schema');
  });

  test('the primary key is a required string with maxLength', () => {
    expect(required).toContain('id');
    expect(properties.id?.type).toBe('string');
    expect(typeof properties.id?.maxLength).toBe('number');
  });

  test('the properties are exactly the zod fields, all required', () => {
    const zodKeys = Object.keys(COLLECTIONS[name].schema.shape).sort();
    expect(Object.keys(properties).sort()).toEqual(zodKeys);
    expect([...required].sort()).toEqual(zodKeys);
  });

  test('indexes are as declared, each field required and bounded', () => {
    expect(schema.indexes).toEqual(COLLECTIONS[name].indexes.map((i) => (typeof i === 'string' ? i : [...i])));
    for (const field of (COLLECTIONS[name].indexes as readonly (string | readonly string[])[]).flat()) {
      expect(required).toContain(field);
      const prop = properties[field]!;
      if (prop.type === 'string') expect(typeof prop.maxLength).toBe('number');
      else {
        expect(['number', 'integer']).toContain(prop.type);
        expect(typeof prop.minimum).toBe('number');
        expect(typeof prop.maximum).toBe('number');
        expect(typeof prop.multipleOf).toBe('number');
      }
    }
  });

  test('every zod-declared maxLength survives into the JSON schema', () => {
    // Spot check on the record id and registerId, which every record has.
    expect(properties.registerId?.maxLength).toBe(64);
  });

  test('no top-level field clashes with an RxDocument property', () => {
    // An audit field named `collection` made RxDB throw "Cannot set property collection" when
    // building documents (and dev-mode refuse the schema, SC17).
    for (const reserved of ['collection', 'primary', 'revision', 'deleted', 'synced', 'get', 'toJSON', 'populate']) {
      expect(properties).not.toHaveProperty(reserved);
    }
  });

  test('calling it twice gives equal, independent schemas', () => {
    const again = rxSchemaFor(name);
    expect(again).toEqual(schema);
    expect(again.properties).not.toBe(schema.properties);
  });
});

describe('rxSchemaFor: index bounds', () => {
  test('string indexes keep their own maxLength when zod gives one', () => {
    expect(rxSchemaFor('cases').properties?.newestKey?.maxLength).toBe(20);
    expect(rxSchemaFor('cases').properties?.caseNumber?.maxLength).toBe(40);
    expect(rxSchemaFor('documents').properties?.documentNumber?.maxLength).toBe(48);
    expect(rxSchemaFor('parties').properties?.name?.maxLength).toBe(300);
  });
  test('enum indexes (status) get a maxLength of 64', () => {
    expect(rxSchemaFor('cases').properties?.status?.maxLength).toBe(64);
    expect(rxSchemaFor('documents').properties?.status?.maxLength).toBe(64);
  });
  test('a number index gets minimum, maximum and multipleOf (RxDB requires them)', () => {
    const indexes = COLLECTIONS.files.indexes as unknown as string[];
    indexes.push('fileVersion');
    try {
      const prop = rxSchemaFor('files').properties?.fileVersion;
      expect(prop).toMatchObject({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 });
      expect(() => checkSchema(rxSchemaFor('files') as never)).not.toThrow();
    } finally {
      indexes.pop();
    }
  });
  test('an index on an unknown field is a programming error', () => {
    const indexes = COLLECTIONS.groups.indexes as unknown as string[];
    indexes.push('nope');
    try {
      expect(() => rxSchemaFor('groups')).toThrow('index on unknown field groups.nope');
    } finally {
      indexes.pop();
    }
  });
});

describe.each(COLLECTION_NAMES)('zod schema of %s', (name) => {
  const schema = COLLECTIONS[name].schema;
  const sample = SAMPLES[name]() as Record<string, unknown>;

  test('parses a valid sample record unchanged', () => {
    expect(schema.parse(sample)).toEqual(sample);
  });

  test.each(Object.keys(sample))('rejects a wrong type in %s', (field) => {
    const bad = { ...sample, [field]: wrongType(sample[field]) };
    expect(schema.safeParse(bad).success).toBe(false);
  });

  test.each(Object.keys(sample))('rejects a record without %s', (field) => {
    const { [field]: _gone, ...rest } = sample;
    expect(schema.safeParse(rest).success).toBe(false);
  });

  test('rejects a malformed id', () => {
    expect(schema.safeParse({ ...sample, id: 'has space' }).success).toBe(false);
    expect(schema.safeParse({ ...sample, id: '' }).success).toBe(false);
    expect(schema.safeParse({ ...sample, id: 'x'.repeat(65) }).success).toBe(false);
  });
});

describe('zod schemas: field rules', () => {
  test('dates are YYYY-MM-DD or empty', () => {
    const c = SAMPLES.cases();
    expect(COLLECTIONS.cases.schema.safeParse({ ...c, closedDate: '' }).success).toBe(true);
    expect(COLLECTIONS.cases.schema.safeParse({ ...c, closedDate: '2026-05-20' }).success).toBe(true);
    expect(COLLECTIONS.cases.schema.safeParse({ ...c, closedDate: '20/05/2026' }).success).toBe(false);
  });
  test('statuses are exactly the domain ones', () => {
    const d = SAMPLES.documents();
    expect(COLLECTIONS.documents.schema.safeParse({ ...d, status: 'closed' }).success).toBe(false); // cases only
    expect(COLLECTIONS.cases.schema.safeParse({ ...SAMPLES.cases(), status: 'draft' }).success).toBe(false); // documents only
  });
  test('a title is required (at least one character)', () => {
    expect(COLLECTIONS.cases.schema.safeParse({ ...SAMPLES.cases(), title: '' }).success).toBe(false);
  });
  test('register prefixes are uppercase letters (Å, Ä, Ö included), digits and hyphens', () => {
    const r = SAMPLES.registers();
    expect(COLLECTIONS.registers.schema.safeParse({ ...r, casePrefix: 'ÅVN' }).success).toBe(true);
    expect(COLLECTIONS.registers.schema.safeParse({ ...r, casePrefix: 'ks' }).success).toBe(false);
    expect(COLLECTIONS.registers.schema.safeParse({ ...r, casePrefix: 'K S' }).success).toBe(false);
  });
  test('classification codes are dotted numbers', () => {
    const n = SAMPLES.classes();
    expect(COLLECTIONS.classes.schema.safeParse({ ...n, code: '1.1.3.2' }).success).toBe(true);
    expect(COLLECTIONS.classes.schema.safeParse({ ...n, code: '1..3' }).success).toBe(false);
    expect(COLLECTIONS.classes.schema.safeParse({ ...n, code: 'A.1' }).success).toBe(false);
  });
  test('retention rules: dispose needs a period and a trigger', () => {
    const t = SAMPLES.doctypes();
    const ok = { action: 'dispose', periodYears: 2, trigger: 'case_closed', explanation: '' };
    expect(COLLECTIONS.doctypes.schema.safeParse({ ...t, retention: ok }).success).toBe(true);
    expect(COLLECTIONS.doctypes.schema.safeParse({ ...t, retention: { action: 'dispose', explanation: '' } }).success).toBe(false);
    expect(COLLECTIONS.doctypes.schema.safeParse({ ...t, retention: { ...ok, periodYears: -1 } }).success).toBe(false);
    expect(COLLECTIONS.doctypes.schema.safeParse({ ...t, retention: { ...ok, trigger: 'whenever' } }).success).toBe(false);
  });
  test('files: lowercase hex SHA-256 and a supported media type', () => {
    const f = SAMPLES.files();
    expect(COLLECTIONS.files.schema.safeParse({ ...f, sha256: 'A'.repeat(64) }).success).toBe(false);
    expect(COLLECTIONS.files.schema.safeParse({ ...f, sha256: 'a'.repeat(63) }).success).toBe(false);
    expect(COLLECTIONS.files.schema.safeParse({ ...f, mediaType: 'application/x-msdownload' }).success).toBe(false);
  });
  test('users: roles are system roles', () => {
    expect(COLLECTIONS.users.schema.safeParse({ ...SAMPLES.users(), roles: ['superuser'] }).success).toBe(false);
    expect(COLLECTIONS.users.schema.safeParse({ ...SAMPLES.users(), roles: ['distributor'] }).success).toBe(false); // a process role
  });
  test('unknown keys are stripped, not kept', () => {
    const parsed = COLLECTIONS.parties.schema.parse({ ...SAMPLES.parties(), passwordHash: 'x' }) as Record<string, unknown>;
    expect(parsed).not.toHaveProperty('passwordHash');
  });
});

describe('RxDB accepts the schemas and the sample records', () => {
  let db: RxDatabase;

  beforeAll(async () => {
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
    addRxPlugin(RxDBMigrationSchemaPlugin);
    db = await createRxDatabase({
      name: `shared_collections_test_${Date.now()}`,
      storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
      multiInstance: false,
    });
    await db.addCollections(
      Object.fromEntries(
        COLLECTION_NAMES.map((c) => [c, { schema: rxSchemaFor(c), migrationStrategies: migrationStrategiesFor(c) }]),
      ) as never,
    );
  });

  afterAll(async () => {
    await db?.remove();
  });

  test('all collections are created', () => {
    expect(Object.keys(db.collections).sort()).toEqual([...COLLECTION_NAMES].sort());
  });

  test.each(COLLECTION_NAMES)('%s: the sample record is inserted and read back', async (name: CollectionName) => {
    const sample = SAMPLES[name]() as Record<string, unknown>;
    await db.collections[name]!.insert(sample);
    const doc = await db.collections[name]!.findOne(sample.id as string).exec();
    expect(doc?.toJSON()).toEqual(sample);
  });

  test.each(COLLECTION_NAMES)('%s: a record with a wrong type is refused by the validator', async (name: CollectionName) => {
    const sample = SAMPLES[name]() as Record<string, unknown>;
    const field = Object.keys(sample).find((k) => k !== 'id')!;
    const bad = { ...sample, id: `bad-${name}`, [field]: wrongType(sample[field]) };
    await expect(db.collections[name]!.insert(bad)).rejects.toThrow();
  });

  test('an unknown field is refused (additionalProperties false)', async () => {
    await expect(db.collections.groups!.insert({ ...SAMPLES.groups(), id: 'grp-extra', extra: 1 })).rejects.toThrow();
  });

  test('the approval queue index serves a query on active flows', async () => {
    const found = await db.collections.flows!.find({ selector: { status: 'active' }, sort: [{ startedAt: 'asc' }] }).exec();
    expect(found.map((d) => d.primary)).toEqual(['flow-1']);
  });

  test('the status index serves a query', async () => {
    const found = await db.collections.cases!.find({ selector: { status: 'registered' }, sort: [{ newestKey: 'asc' }] }).exec();
    expect(found.map((d) => d.primary)).toEqual(['case-1']);
  });
});
