import { describe, expect, test } from 'vitest';
import { COLLECTIONS, COLLECTION_NAMES } from '../collections';
import { SERVER_OWNED_BASE } from '../model/common';
import { SERVER_OWNED_FIELDS } from './server-owned';

describe('SERVER_OWNED_FIELDS', () => {
  test('covers exactly the collections', () => {
    expect(Object.keys(SERVER_OWNED_FIELDS).sort()).toEqual([...COLLECTION_NAMES].sort());
  });

  test.each(COLLECTION_NAMES)('%s: every server-owned field exists in the schema', (name) => {
    const shape = Object.keys(COLLECTIONS[name].schema.shape);
    for (const field of SERVER_OWNED_FIELDS[name]) expect(shape).toContain(field);
  });

  test.each(COLLECTION_NAMES.filter((c) => COLLECTIONS[c].clientWritable))(
    '%s (client-writable): the replication base fields are server-owned',
    (name) => {
      for (const field of SERVER_OWNED_BASE) expect(SERVER_OWNED_FIELDS[name]).toContain(field);
    },
  );

  test('numbers, registration dates, authorship and keys cannot be forged', () => {
    expect(SERVER_OWNED_FIELDS.cases).toEqual(
      expect.arrayContaining([
        'caseNumber',
        'year',
        'serial',
        'registeredDate',
        'createdBy',
        'createdAt',
        'newestKey',
        'nextDocumentSerial',
      ]),
    );
    expect(SERVER_OWNED_FIELDS.documents).toEqual(
      expect.arrayContaining([
        'documentNumber',
        'serial',
        'registeredDate',
        'createdBy',
        'createdAt',
        'newestKey',
        'listKey',
        'qualityAssuredBy',
      ]),
    );
  });

  test('the content a person registers is not server-owned', () => {
    for (const field of ['title', 'classCode', 'status', 'responsibleUserId', 'description']) {
      expect(SERVER_OWNED_FIELDS.cases).not.toContain(field);
      expect(SERVER_OWNED_FIELDS.documents).not.toContain(field);
    }
    for (const field of ['direction', 'receivedDate', 'dispatchedDate', 'createdDate', 'sender', 'recipient', 'caseId']) {
      expect(SERVER_OWNED_FIELDS.documents).not.toContain(field);
    }
  });

  test('no field is listed twice', () => {
    for (const name of COLLECTION_NAMES) {
      expect(new Set(SERVER_OWNED_FIELDS[name]).size).toBe(SERVER_OWNED_FIELDS[name].length);
    }
  });
});
