import { describe, expect, test } from 'vitest';
import { COLLECTIONS } from '../collections';
import { sampleAudit, sampleCase, sampleDocument, sampleParty, sampleSubject } from '../testing/samples';
import { fieldHidden, projectGuarded, projectRecord, seesEverything } from './projection';

const OFFICER = 'u-officer';
const person = sampleSubject;
const officer = person(OFFICER);
const reader = person('u-reader', { roles: ['reader'] });
const archivist = person('u-arch', { roles: ['archivist'] });
const draft = {
  fileId: 'f-1',
  boxes: [{ page: 1, x: 10, y: 10, w: 50, h: 10, ground: 'OSL 21 kap. 7 §', source: 'term' as const, reason: 'Karin Hemlig' }],
  terms: [{ text: 'Karin Hemlig', ground: 'OSL 21 kap. 7 §' }],
  updatedBy: OFFICER,
  updatedAt: '2026-12-01T10:00:00.000Z',
};

describe('masking drafts follow the strictest restriction of the document', () => {
  const fileRestricted = sampleDocument({
    responsibleUserId: OFFICER,
    redactionDrafts: [draft],
    fileRestrictions: [{ fileKey: 'fk-1', kind: 'secrecy', legalGround: 'OSL 21 kap. 1 §' }],
  });
  const shielded = sampleDocument({
    responsibleUserId: OFFICER,
    redactionDrafts: [draft],
    sender: 'Karin Hemlig',
    shields: [{ field: 'sender', kind: 'secrecy', legalGround: 'OSL 21 kap. 3 §' }],
  });
  test.each([
    ['a restricted file', fileRestricted],
    ['a shielded sender', shielded],
  ])('%s: a reader without access receives no drafts', (_what, doc) => {
    const p = projectGuarded(reader, 'documents', doc);
    expect(p.redactionDrafts).toEqual([]);
    expect(p.withheld).toContain('redactionDrafts');
    expect(JSON.stringify(p)).not.toContain('Karin Hemlig');
  });
  test('the responsible officer with a fresh second factor receives them', () => {
    expect(projectGuarded(officer, 'documents', fileRestricted).redactionDrafts).toEqual([draft]);
    expect(projectGuarded({ ...officer, secondFactorFresh: false }, 'documents', fileRestricted).redactionDrafts).toEqual([]);
  });
  test('an open document sends its drafts to every reader', () => {
    expect(projectGuarded(reader, 'documents', sampleDocument({ redactionDrafts: [draft] })).redactionDrafts).toEqual([draft]);
  });
  test('seesEverything: only when nothing of the record is hidden', () => {
    expect(seesEverything(reader, 'documents', sampleDocument())).toBe(true);
    expect(seesEverything(reader, 'documents', fileRestricted)).toBe(false);
    expect(seesEverything(officer, 'documents', fileRestricted)).toBe(true);
  });
});

describe('a field without a declaration is withheld whenever anything of the record is', () => {
  test('an undeclared field on a shielded document', () => {
    const doc = {
      ...sampleDocument({ shields: [{ field: 'sender', kind: 'secrecy', legalGround: 'OSL 21 kap. 3 §' }] }),
      comingNextYear: 'Hemligt',
    };
    const p = projectGuarded(reader, 'documents', doc) as typeof doc;
    expect(p.comingNextYear).toBe('');
    expect(p.withheld).toContain('comingNextYear');
  });
  test('fieldHidden follows the declarations', () => {
    const guarded = { content: false, shielded: new Set(['sender']), access: true, working: true };
    expect(fieldHidden('documents', 'documentNumber', guarded)).toBe(false);
    expect(fieldHidden('documents', 'sender', guarded)).toBe(true);
    expect(fieldHidden('documents', 'title', guarded)).toBe(false);
    expect(fieldHidden('documents', 'notes', guarded)).toBe(true);
    expect(Object.keys(COLLECTIONS.documents.fields)).toContain('redactionDrafts');
  });
});

describe('actor-register entries inherit the restriction of the case they are recorded in', () => {
  const secretCase = sampleCase({ id: 'c-secret', responsibleUserId: OFFICER, restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
  const requestEntry = sampleAudit({
    recordCollection: 'requests',
    recordId: 'r-1',
    caseId: 'c-secret',
    label: 'Begäran från Karin Hemlig',
    changes: [
      { field: 'requesterName', from: '', to: 'Karin Hemlig' },
      { field: 'description', from: '', to: 'Allt om barnet' },
    ],
  });
  test('an audit reader without access to the case receives who and when, not what', () => {
    const p = projectRecord(archivist, 'audit', requestEntry, { auditCase: secretCase })!;
    expect(p.actorId).toBe(requestEntry.actorId);
    expect(p.changes.map((c) => c.field)).toEqual(['requesterName', 'description']);
    expect(JSON.stringify(p)).not.toContain('Karin Hemlig');
    expect(p.hash).toBe('');
  });
  test('someone with access to the case receives the entry whole', () => {
    const namedArchivist = person('u-arch', { roles: ['archivist'] });
    const open = { ...secretCase, accessUserIds: ['u-arch'] };
    expect(projectRecord(namedArchivist, 'audit', requestEntry, { auditCase: open })).toEqual(requestEntry);
  });
  test('in an open case the entry is whole; with its case missing it fails closed', () => {
    expect(projectRecord(archivist, 'audit', requestEntry, { auditCase: sampleCase({ id: 'c-secret' }) })).toEqual(requestEntry);
    expect(JSON.stringify(projectRecord(archivist, 'audit', requestEntry, { auditCase: null }))).not.toContain('Karin Hemlig');
  });
  test('an entry recorded outside any case is not affected', () => {
    const party = sampleAudit({ recordCollection: 'parties', caseId: '', changes: [{ field: 'name', from: '', to: 'AB Bygg' }] });
    expect(projectRecord(archivist, 'audit', party, { auditParty: { protectedIdentity: false }, partyLinks: [] })).toEqual(party);
    // Without the party as stored now, its values fail closed.
    expect(JSON.stringify(projectRecord(archivist, 'audit', party, {}))).not.toContain('AB Bygg');
  });
});

describe('parties inherit the protection of the records naming them', () => {
  const anna = sampleParty({
    id: 'p-anna',
    name: 'Anna Skyddad',
    idNumber: '19800101-1234',
    postalAddress: 'Hemlig väg 1',
    phone: '070-111',
    email: 'anna@example.se',
  });
  const shieldedSender = sampleDocument({
    responsibleUserId: OFFICER,
    senderPartyId: 'p-anna',
    shields: [{ field: 'senderPartyId', kind: 'privacy', legalGround: 'OSL 21 kap. 3 §' }],
  });
  const openDoc = sampleDocument({ senderPartyId: 'p-anna' });
  const secretCase = sampleCase({
    responsibleUserId: OFFICER,
    restrictionKind: 'secrecy',
    legalGround: 'OSL 26 kap. 1 §',
    partyIds: ['p-anna'],
  });
  const link = (
    record: ReturnType<typeof sampleDocument> | ReturnType<typeof sampleCase>,
    field: string,
    collection: 'cases' | 'documents' = 'documents',
  ) => ({ collection, field, record });

  test('named only in open records: sent whole', () => {
    expect(projectRecord(reader, 'parties', anna, { partyLinks: [link(openDoc, 'senderPartyId')] })).toBe(anna);
  });
  test('behind a shielded sender: only its kind reaches a reader, with the rest named as withheld', () => {
    const p = projectRecord(reader, 'parties', anna, {
      partyLinks: [link(openDoc, 'senderPartyId'), link(shieldedSender, 'senderPartyId')],
    })!;
    expect(p.kind).toBe('person');
    expect(JSON.stringify(p)).not.toMatch(/Anna Skyddad|19800101|Hemlig väg|070-111|anna@example/);
    expect(p.withheld).toEqual(['city', 'email', 'idNumber', 'name', 'phone', 'postalAddress', 'postalCode']);
  });
  test('named in a restricted case: withheld too; the officer with a fresh second factor reads it', () => {
    expect(projectRecord(reader, 'parties', anna, { partyLinks: [link(secretCase, 'partyIds', 'cases')] })!.name).toBe('');
    expect(projectRecord(officer, 'parties', anna, { partyLinks: [link(secretCase, 'partyIds', 'cases')] })).toBe(anna);
  });
  test('a shield on another field of the document does not hide the party', () => {
    const titleShielded = sampleDocument({
      senderPartyId: 'p-anna',
      shields: [{ field: 'title', kind: 'privacy', legalGround: 'OSL 21 kap. 3 §' }],
    });
    expect(projectRecord(reader, 'parties', anna, { partyLinks: [link(titleShielded, 'senderPartyId')] })).toBe(anna);
  });
  test('protected personal data: the name stays, the identity goes to those with access to a record naming the person', () => {
    const prot = { ...anna, protectedIdentity: true };
    const p = projectRecord(reader, 'parties', prot, { partyLinks: [link(openDoc, 'senderPartyId')] })!;
    expect(p.name).toBe('Anna Skyddad');
    expect(p.protectedIdentity).toBe(true);
    expect(p.withheld).toEqual(['city', 'email', 'idNumber', 'phone', 'postalAddress', 'postalCode']);
    const named = sampleDocument({ responsibleUserId: OFFICER, senderPartyId: 'p-anna' });
    expect(projectRecord(officer, 'parties', prot, { partyLinks: [link(named, 'senderPartyId')] })).toBe(prot);
    expect(
      projectRecord({ ...officer, secondFactorFresh: false }, 'parties', prot, { partyLinks: [link(named, 'senderPartyId')] })!.idNumber,
    ).toBe('');
  });
  test('without its links a party fails closed', () => {
    expect(projectRecord(reader, 'parties', anna, {})!.name).toBe('');
  });
});
