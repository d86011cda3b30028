import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS, type CollectionName } from '../../../shared/src';
import { emptyMeetingRecord } from '../../../shared/src/model/meeting';
import { SAMPLES } from '../../../shared/src/testing/samples';
import { startTestServer, type TestServer } from '../harness';
import { Attacker, expectNoSecret } from './attacks';

/*
 * Safe by default, checked from the outside: a secret is planted in EVERY field that its record
 * type declares as anything but metadata (model/sensitivity.ts), in records placed where the
 * declarations say those fields must not reach a user without content access. Every demo user
 * without a second factor pulls every collection, and each frame they received is scanned as
 * bytes. A field added next year is planted too, because the plan is read off the declarations.
 */

type Json = Record<string, unknown>;
const RUN = randomUUID().slice(0, 6);
const OFFICER = 'usr-handlaggare';
const REGISTER = 'reg-ks';

/** Markers that must never reach an attacker, with the field they were planted in. */
const hidden = new Map<string, string>();
/** Markers only meeting administrators may receive (members' identity numbers). */
const adminOnly = new Map<string, string>();
/** Markers in metadata, which attackers must receive: the control that the records were sent at all. */
const shown = new Map<string, string>();

/** A distinct marker in every string leaf of a value (nested objects and arrays included). */
function mark(value: unknown, where: string, into: Map<string, string>): unknown {
  if (typeof value === 'string') {
    const m = `PLANT${RUN}-${where.replace(/[^A-Za-z0-9]/g, '-')}-${into.size}`;
    into.set(m, where);
    return m;
  }
  if (Array.isArray(value)) return value.map((v, i) => mark(v, `${where}[${i}]`, into));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mark(v, `${where}.${k}`, into)]));
  return value;
}

/** Arrays that are empty in the samples get one element, so their nested strings are planted too. */
const NON_EMPTY: Partial<Record<string, unknown[]>> = {
  partyIds: ['p'],
  mailReferences: ['m'],
  accessUserIds: ['u'],
  accessGroupIds: ['g'],
  shields: [{ field: 'sender', kind: 'secrecy', legalGround: 'g' }],
  fileRestrictions: [{ fileKey: 'k', kind: 'secrecy', legalGround: 'g' }],
  redactionDrafts: [
    {
      fileId: 'f',
      boxes: [{ page: 1, x: 1, y: 1, w: 1, h: 1, ground: 'g', source: 'term', reason: 'r' }],
      terms: [{ text: 't', ground: 'g' }],
      updatedBy: 'u',
      updatedAt: 't',
    },
  ],
  items: [
    {
      id: 'i',
      targetCollection: 'documents',
      targetId: 't',
      review: 'refuse',
      grounds: ['g'],
      maskedDocumentId: 'm',
      comment: 'c',
      reviewedBy: 'u',
      reviewedAt: 't',
    },
  ],
  reservations: [{ memberId: 'm', text: 't' }],
  memberIdentities: [{ memberId: 'm', identityNumber: 'n' }],
  // An actor-register entry's seals (audit v2): a salt and digest confirm a guessed value.
  valueSeals: [{ salt: 's', digest: 'd' }],
  withheld: [],
};

/**
 * A record of `collection` with every field of the given sensitivities planted, the rest from the
 * samples with `keep` on top (the links and restrictions that place it).
 */
function planted(collection: CollectionName, keep: Json, plant: readonly string[]): Json {
  const fields = COLLECTIONS[collection].fields as Record<string, string>;
  const out: Json = { ...(SAMPLES[collection]() as Json) };
  for (const [field, sensitivity] of Object.entries(fields)) {
    if (field in keep) continue;
    let value = out[field];
    if (Array.isArray(value) && value.length === 0 && NON_EMPTY[field]) value = NON_EMPTY[field];
    if (plant.includes(sensitivity)) out[field] = mark(value, `${collection}.${field}`, hidden);
    else if (sensitivity === 'metadata' && typeof value === 'string' && !['id', 'registerId', 'updatedAt'].includes(field))
      out[field] = mark(value, `${collection}.${field}`, shown);
  }
  return { ...out, ...keep };
}

const NOT_METADATA = ['content', 'shieldable', 'identity', 'access', 'working'] as const;

let server: TestServer;
const ids = {
  party: `p-${RUN}`,
  secretCase: `c-${RUN}`,
  openCase: `o-${RUN}`,
  secretDoc: `d-${RUN}`,
  guardedDoc: `g-${RUN}`,
  secretFile: `f-${RUN}`,
  guardedFile: `gf-${RUN}`,
  flow: `fl-${RUN}`,
  request: `r-${RUN}`,
  item: `mi-${RUN}`,
  body: `mb-${RUN}`,
};

beforeAll(async () => {
  server = await startTestServer();
  const base = { registerId: REGISTER, responsibleUserId: OFFICER, status: 'registered' };
  const records: [CollectionName, Json][] = [
    // A case restricted as a whole: nothing but its metadata may reach an attacker.
    [
      'cases',
      planted(
        'cases',
        {
          ...base,
          id: ids.secretCase,
          restrictionKind: 'secrecy',
          legalGround: 'OSL 26 kap. 1 §',
          classCode: '1.1.1',
          partyIds: [ids.party, mark('p', 'cases.partyIds', hidden)],
        },
        NOT_METADATA,
      ),
    ],
    // A party named in it (and a protected person besides): it inherits the case's restriction.
    ['parties', planted('parties', { registerId: REGISTER, id: ids.party, protectedIdentity: true }, NOT_METADATA)],
    // Its document, a file of it, a flow on it, a request handled in the case.
    [
      'documents',
      planted('documents', { ...base, id: ids.secretDoc, caseId: ids.secretCase, restrictionKind: 'none', legalGround: '' }, NOT_METADATA),
    ],
    [
      'files',
      planted('files', { registerId: REGISTER, id: ids.secretFile, documentId: ids.secretDoc, caseId: ids.secretCase }, NOT_METADATA),
    ],
    [
      'flows',
      planted(
        'flows',
        {
          registerId: REGISTER,
          id: ids.flow,
          targetCollection: 'documents',
          targetId: ids.secretDoc,
          caseId: ids.secretCase,
          documentId: ids.secretDoc,
        },
        NOT_METADATA,
      ),
    ],
    [
      'requests',
      planted('requests', { registerId: REGISTER, id: ids.request, caseId: ids.secretCase, responsibleUserId: OFFICER }, NOT_METADATA),
    ],
    // An open case with a document whose every shieldable field is shielded and whose file is
    // restricted: the shielded fields, who has access, and the working data must not reach anyone.
    [
      'cases',
      planted(
        'cases',
        {
          ...base,
          id: ids.openCase,
          restrictionKind: 'none',
          legalGround: '',
          shields: [],
          accessUserIds: [],
          accessGroupIds: [],
          restrictionNote: '',
          classCode: '1.1.1',
        },
        [],
      ),
    ],
    [
      'documents',
      planted(
        'documents',
        {
          ...base,
          id: ids.guardedDoc,
          caseId: ids.openCase,
          restrictionKind: 'none',
          legalGround: '',
          shields:
            COLLECTIONS.documents.fields &&
            Object.entries(COLLECTIONS.documents.fields)
              .filter(([, s]) => s === 'shieldable')
              .map(([field]) => ({ field, kind: 'privacy', legalGround: 'OSL 21 kap. 1 §' })),
          fileRestrictions: [{ fileKey: `fk-${RUN}`, kind: 'secrecy', legalGround: 'OSL 21 kap. 1 §' }],
        },
        ['shieldable', 'access', 'working'],
      ),
    ],
    [
      'files',
      planted(
        'files',
        { registerId: REGISTER, id: ids.guardedFile, documentId: ids.guardedDoc, caseId: ids.openCase, fileKey: `fk-${RUN}` },
        NOT_METADATA,
      ),
    ],
  ];
  // An agenda item reporting the restricted case inherits its restriction: every field but the metadata.
  records.push([
    'meetings',
    planted('meetings', { registerId: REGISTER, id: ids.item, kind: 'item', caseId: ids.secretCase, itemKind: 'case' }, NOT_METADATA),
  ]);
  // A body's members are public, their identity numbers for meeting administrators only.
  const body = planted('meetings', { ...emptyMeetingRecord('body', { id: ids.body, registerId: REGISTER }), members: [] }, []);
  body.memberIdentities = [{ memberId: 'm1', identityNumber: mark('n', 'meetings.memberIdentities', adminOnly) }];
  records.push(['meetings', body]);
  // Actor-register entries about each of them: who and when may be read, the values not.
  const about: [string, string, string, string[]][] = [
    ['cases', ids.secretCase, ids.secretCase, ['title', 'description']],
    ['documents', ids.secretDoc, ids.secretCase, ['title', 'sender']],
    ['files', ids.secretFile, ids.secretCase, ['name']],
    ['files', ids.guardedFile, ids.openCase, ['name']],
    ['documents', ids.guardedDoc, ids.openCase, ['sender', 'title', 'redactionDrafts', 'fileRestrictions', 'notes']],
    ['requests', ids.request, ids.secretCase, ['requesterName', 'description']],
    ['flows', ids.flow, ids.secretCase, ['steps']],
    ['parties', ids.party, '', ['name', 'idNumber', 'postalAddress']],
    ['meetings', ids.item, ids.secretCase, ['title', 'proposal', 'decision', 'reservations']],
  ];
  for (const [collection, recordId, caseId, fields] of about) {
    const entry = planted(
      'audit',
      { registerId: REGISTER, id: `a-${recordId}`, recordCollection: collection, recordId, caseId, action: 'update' },
      NOT_METADATA,
    );
    // Which fields changed is readable; the values are planted.
    entry.changes = fields.map((field) => ({
      field,
      from: mark('x', 'audit.changes.from', hidden),
      to: mark('y', 'audit.changes.to', hidden),
    }));
    if (recordId === ids.guardedDoc) {
      // The shielded document is not restricted as a whole: its label (the number) is not secret.
      hidden.delete(String(entry.label));
      entry.label = 'KS 2026-00001-1';
    }
    records.push(['audit', entry]);
  }
  await server.storage.transaction(async (tx) => {
    for (const [collection, data] of records) await tx.putRecord(collection, data as Json & { id: string; registerId: string });
  });
});

afterAll(async () => {
  await server?.stop();
});

// Every demo user of the register: none has named access to the planted records or a second factor.
const USERS = [
  'registrator',
  'registrator2',
  'handlaggare',
  'kvalitet',
  'arkivarie',
  'admin',
  'mote',
  'lasare',
  'politiker',
  'sn.registrator',
];

describe('no field declared as anything but metadata reaches a user without content access', () => {
  it.each(USERS)('%s', async (username) => {
    const attacker = await Attacker.as(server.url, username);
    try {
      const received = await attacker.pullEverything();
      expectNoSecret(attacker.frames, [...hidden.keys()]);
      // Identity numbers reach the meeting administrator (the control) and nobody else.
      if (username === 'mote') for (const m of adminOnly.keys()) expect(attacker.frames.some((f) => f.includes(m))).toBe(true);
      else expectNoSecret(attacker.frames, [...adminOnly.keys()]);
      if (username !== 'sn.registrator') {
        // The control: the restricted records did reach them as their metadata.
        const ids_ = new Set(received.map((r) => r.id));
        expect(ids_.has(ids.secretCase) && ids_.has(ids.secretDoc) && ids_.has(ids.guardedDoc) && ids_.has(ids.item)).toBe(true);
        const metadata = [...shown.entries()].filter(([, where]) => where === 'cases.caseNumber' || where === 'documents.documentNumber');
        expect(metadata.length).toBeGreaterThan(0);
        for (const [m] of metadata)
          expect(
            attacker.frames.some((f) => f.includes(m)),
            m,
          ).toBe(true);
      }
    } finally {
      attacker.close();
    }
  });

  it('planted every non-metadata field of every record type that can hold content', () => {
    const plantedFields = new Set([...hidden.values()].map((w) => w.replace(/[[.].*$/, '') + '.' + w.split('.')[1]!.replace(/\[.*$/, '')));
    for (const c of ['cases', 'documents', 'files', 'flows', 'requests', 'audit', 'parties', 'meetings'] as const) {
      const sample = SAMPLES[c]() as Json;
      for (const [field, s] of Object.entries(COLLECTIONS[c].fields)) {
        // A number or a yes/no cannot carry a planted string.
        if (typeof sample[field] === 'number' || typeof sample[field] === 'boolean') continue;
        if ((NOT_METADATA as readonly string[]).includes(s)) expect(plantedFields.has(`${c}.${field}`), `${c}.${field}`).toBe(true);
      }
    }
  });
});
