import { describe, expect, test } from 'vitest';
import type { Document } from '../model/document';
import { sampleCase, sampleDocument } from '../testing/samples';
import {
  MANDATORY_CASE_FIELDS,
  mandatoryDocumentFields,
  missingCaseFields,
  missingDocumentFields,
  missingMinimumRegistration,
} from './mandatory';

/** A complete incoming registration. */
const incoming = (o: Partial<Document> = {}) =>
  sampleDocument({ direction: 'incoming', status: 'registered_unchecked', receivedDate: '2026-02-02', sender: 'Anna Andersson', ...o });
/** A complete outgoing registration: dispatched date and recipient, no received date or sender. */
const outgoing = (o: Partial<Document> = {}) =>
  sampleDocument({
    direction: 'outgoing',
    status: 'registered_unchecked',
    receivedDate: '',
    sender: '',
    dispatchedDate: '2026-02-03',
    recipient: 'Trafikverket',
    ...o,
  });
/** A complete created document (Upprättad): created date, no correspondent. */
const created = (o: Partial<Document> = {}) =>
  sampleDocument({
    direction: 'created',
    status: 'registered_unchecked',
    receivedDate: '',
    sender: '',
    createdDate: '2026-02-04',
    ...o,
  });

describe('mandatoryDocumentFields', () => {
  test('incoming: received date and sender', () => {
    expect(mandatoryDocumentFields('incoming')).toEqual(['title', 'classCode', 'documentTypeId', 'receivedDate', 'sender']);
  });
  test('outgoing: dispatched date and recipient', () => {
    expect(mandatoryDocumentFields('outgoing')).toEqual(['title', 'classCode', 'documentTypeId', 'dispatchedDate', 'recipient']);
  });
  test('created: created date, no correspondent', () => {
    expect(mandatoryDocumentFields('created')).toEqual(['title', 'classCode', 'documentTypeId', 'createdDate']);
  });
  test('classification and document type are mandatory for every direction (domain.md)', () => {
    for (const d of ['incoming', 'outgoing', 'created'] as const) {
      expect(mandatoryDocumentFields(d)).toEqual(expect.arrayContaining(['title', 'classCode', 'documentTypeId']));
    }
  });
});

describe('missingDocumentFields', () => {
  test('complete registrations miss nothing', () => {
    expect(missingDocumentFields(incoming())).toEqual([]);
    expect(missingDocumentFields(outgoing())).toEqual([]);
    expect(missingDocumentFields(created())).toEqual([]);
  });

  describe('incoming', () => {
    test.each(['title', 'classCode', 'documentTypeId', 'receivedDate', 'sender'] as const)('missing %s', (field) => {
      expect(missingDocumentFields(incoming({ [field]: '' }))).toEqual([field]);
    });
    test("the other directions' dates and recipient are not required", () => {
      expect(missingDocumentFields(incoming({ dispatchedDate: '', createdDate: '', recipient: '' }))).toEqual([]);
    });
    test('everything missing is listed in field order', () => {
      const doc = incoming({ title: '', classCode: '', documentTypeId: '', receivedDate: '', sender: '' });
      expect(missingDocumentFields(doc)).toEqual(['title', 'classCode', 'documentTypeId', 'receivedDate', 'sender']);
    });
  });

  describe('outgoing', () => {
    test.each(['title', 'classCode', 'documentTypeId', 'dispatchedDate', 'recipient'] as const)('missing %s', (field) => {
      expect(missingDocumentFields(outgoing({ [field]: '' }))).toEqual([field]);
    });
    test('received date and sender are not required', () => {
      expect(missingDocumentFields(outgoing({ receivedDate: '', sender: '' }))).toEqual([]);
    });
    test('a received date does not stand in for the dispatched date', () => {
      expect(missingDocumentFields(outgoing({ dispatchedDate: '', receivedDate: '2026-02-03' }))).toEqual(['dispatchedDate']);
    });
  });

  describe('created', () => {
    test.each(['title', 'classCode', 'documentTypeId', 'createdDate'] as const)('missing %s', (field) => {
      expect(missingDocumentFields(created({ [field]: '' }))).toEqual([field]);
    });
    test('no correspondent is required', () => {
      expect(missingDocumentFields(created({ sender: '', recipient: '' }))).toEqual([]);
    });
  });

  describe('drafts', () => {
    test('a draft needs no created date yet', () => {
      expect(missingDocumentFields(created({ status: 'draft', createdDate: '' }))).toEqual([]);
    });
    test('a draft still needs title, classification and document type (domain.md: mandatory for every document)', () => {
      const doc = created({ status: 'draft', title: '', classCode: '', documentTypeId: '', createdDate: '' });
      expect(missingDocumentFields(doc)).toEqual(['title', 'classCode', 'documentTypeId']);
    });
    test('leaving draft (registered_unchecked) makes the created date mandatory', () => {
      expect(missingDocumentFields(created({ status: 'registered_unchecked', createdDate: '' }))).toEqual(['createdDate']);
    });
  });

  describe('blank strings', () => {
    test('spaces only count as missing', () => {
      expect(missingDocumentFields(incoming({ title: '   ', sender: ' ' }))).toEqual(['title', 'sender']);
    });
    test('tabs, newlines and no-break spaces count as missing', () => {
      // \u00a0 is what a copy from Word often leaves behind.
      expect(missingDocumentFields(outgoing({ recipient: '\t\n', title: '\u00a0' }))).toEqual(['title', 'recipient']);
    });
    test('text with surrounding spaces is present', () => {
      expect(missingDocumentFields(incoming({ title: '  Synpunkt  ', sender: ' A ' }))).toEqual([]);
    });
  });

  test('registered and final statuses are checked like unchecked ones', () => {
    for (const status of ['registered', 'annulled', 'disposed', 'archived'] as const) {
      expect(missingDocumentFields(incoming({ status, sender: '' }))).toEqual(['sender']);
    }
  });
});

describe('cases', () => {
  test('mandatory case fields are title and classification', () => {
    expect(MANDATORY_CASE_FIELDS).toEqual(['title', 'classCode']);
  });
  test('a complete case misses nothing', () => {
    expect(missingCaseFields(sampleCase())).toEqual([]);
  });
  test('missing title', () => {
    expect(missingCaseFields(sampleCase({ title: '' }))).toEqual(['title']);
  });
  test('missing classification', () => {
    expect(missingCaseFields(sampleCase({ classCode: '' }))).toEqual(['classCode']);
  });
  test('blank title with spaces', () => {
    expect(missingCaseFields(sampleCase({ title: '   ', classCode: ' ' }))).toEqual(['title', 'classCode']);
  });
  test('optional fields may be empty', () => {
    expect(missingCaseFields(sampleCase({ unit: '', description: '', responsibleUserId: '' }))).toEqual([]);
  });
});

describe('missingMinimumRegistration (OSL 5 kap. 2 §)', () => {
  test('complete registrations are fine in every direction', () => {
    expect(missingMinimumRegistration(incoming())).toEqual([]);
    expect(missingMinimumRegistration(outgoing())).toEqual([]);
    expect(missingMinimumRegistration(created())).toEqual([]);
  });

  test('date: the date of arrival for incoming', () => {
    expect(missingMinimumRegistration(incoming({ receivedDate: '' }))).toEqual(['date']);
  });
  test('date: the dispatched date for outgoing', () => {
    expect(missingMinimumRegistration(outgoing({ dispatchedDate: '' }))).toEqual(['date']);
  });
  test('date: the date drawn up for created', () => {
    expect(missingMinimumRegistration(created({ createdDate: '' }))).toEqual(['date']);
  });
  test("date: another direction's date does not count", () => {
    // An incoming document with only a created date has no date of arrival.
    expect(missingMinimumRegistration(incoming({ receivedDate: '', createdDate: '2026-02-02' }))).toEqual(['date']);
  });

  test('number: a provisional (unnumbered) registration', () => {
    expect(missingMinimumRegistration(incoming({ documentNumber: '' }))).toEqual(['number']);
  });

  test('correspondent: sender for incoming', () => {
    expect(missingMinimumRegistration(incoming({ sender: '  ' }))).toEqual(['correspondent']);
  });
  test('correspondent: recipient for outgoing', () => {
    expect(missingMinimumRegistration(outgoing({ recipient: '' }))).toEqual(['correspondent']);
  });
  test('correspondent: not applicable to created documents', () => {
    expect(missingMinimumRegistration(created({ sender: '', recipient: '' }))).toEqual([]);
  });
  test('correspondent: the wrong side does not count', () => {
    // An outgoing letter with a sender but no recipient still lacks its correspondent.
    expect(missingMinimumRegistration(outgoing({ recipient: '', sender: 'Kommunen' }))).toEqual(['correspondent']);
  });

  test('subject: briefly what the document concerns (the title)', () => {
    expect(missingMinimumRegistration(incoming({ title: ' ' }))).toEqual(['subject']);
  });

  test('all four missing, in order date, number, correspondent, subject', () => {
    const doc = incoming({ receivedDate: '', documentNumber: '', sender: '', title: '' });
    expect(missingMinimumRegistration(doc)).toEqual(['date', 'number', 'correspondent', 'subject']);
  });

  test('classification and document type are not part of the legal minimum', () => {
    expect(missingMinimumRegistration(incoming({ classCode: '', documentTypeId: '' }))).toEqual([]);
  });
});
