import { describe, expect, test } from 'vitest';
import { sampleAudit, sampleCase, sampleDocument, sampleFile, sampleSubject } from '../testing/samples';
import { ALWAYS_VISIBLE_FIELDS } from '../model/guarded-fields';
import { effectiveRestriction, isAuthorised, isRestricted, mayReadContent, mayReadFile } from './access';
import { projectAuditChanges, projectGuarded, projectRecord } from './projection';

const OFFICER = 'u-officer';
const person = sampleSubject;
const officer = person(OFFICER);
const stranger = person('u-stranger', { roles: ['registrar'] });
const colleague = person('u-colleague', { groupIds: ['grp-soc'] });

const secretCase = sampleCase({
  responsibleUserId: OFFICER,
  restrictionKind: 'secrecy',
  legalGround: 'OSL 26 kap. 1 §',
  restrictionNote: 'Orosanmälan',
  accessUserIds: ['u-named'],
  accessGroupIds: ['grp-soc'],
});
const openCase = sampleCase({ responsibleUserId: OFFICER });
const secretDoc = sampleDocument({
  responsibleUserId: OFFICER,
  restrictionKind: 'privacy',
  legalGround: 'OSL 21 kap. 3 §',
  sender: 'Skyddad Person',
});
const shieldedDoc = sampleDocument({
  responsibleUserId: OFFICER,
  sender: 'Anna Hemlig',
  shields: [{ field: 'sender', kind: 'secrecy', legalGround: 'OSL 21 kap. 3 §' }],
});

describe('isRestricted / effectiveRestriction', () => {
  test('a record restricted by itself or by its case', () => {
    expect(isRestricted(openCase)).toBe(false);
    expect(isRestricted(secretCase)).toBe(true);
    expect(isRestricted(sampleDocument(), secretCase)).toBe(true);
    expect(isRestricted(sampleDocument(), openCase)).toBe(false);
    expect(isRestricted(sampleDocument(), null)).toBe(false);
  });
  test("the record's own restriction wins over the case's", () => {
    expect(effectiveRestriction(secretDoc, secretCase)).toEqual({ kind: 'privacy', legalGround: 'OSL 21 kap. 3 §' });
    expect(effectiveRestriction(sampleDocument(), secretCase)).toEqual({ kind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
    expect(effectiveRestriction(sampleDocument(), openCase)).toEqual({ kind: 'none', legalGround: '' });
  });
});

describe('isAuthorised: named access only', () => {
  test.each([
    ['the responsible officer', officer, true],
    ['a named user', person('u-named'), true],
    ['a member of a named group', colleague, true],
    ['a registrar without named access', stranger, false],
    ['an archivist without named access', person('u-arch', { roles: ['archivist'] }), false],
    ['the officer, deactivated', person(OFFICER, { active: false }), false],
  ])('%s → %s', (_what, user, expected) => {
    expect(isAuthorised(user, secretCase)).toBe(expected);
  });
  test('access given on the case reaches its documents', () => {
    const doc = sampleDocument({ responsibleUserId: 'u-else', restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
    expect(isAuthorised(colleague, doc, secretCase)).toBe(true);
    expect(isAuthorised(colleague, doc, openCase)).toBe(false);
  });
});

describe('mayReadContent', () => {
  test("open records are readable by anyone (the register check is the caller's)", () => {
    expect(mayReadContent(stranger, openCase)).toBe(true);
    expect(mayReadContent(person('x', { secondFactorFresh: false }), openCase)).toBe(true);
  });
  test('restricted content needs named access and a fresh second factor', () => {
    expect(mayReadContent(officer, secretCase)).toBe(true);
    expect(mayReadContent({ ...officer, secondFactorFresh: false }, secretCase)).toBe(false);
    expect(mayReadContent({ ...officer, secondFactorFresh: undefined }, secretCase)).toBe(false);
    expect(mayReadContent(stranger, secretCase)).toBe(false);
  });
  test('shields alone also need named access and the second factor', () => {
    expect(mayReadContent(stranger, shieldedDoc)).toBe(false);
    expect(mayReadContent(officer, shieldedDoc)).toBe(true);
    expect(mayReadContent({ ...officer, secondFactorFresh: false }, shieldedDoc)).toBe(false);
  });
});

describe('projectGuarded', () => {
  test('authorised: the record itself', () => {
    expect(projectGuarded(officer, 'cases', secretCase)).toBe(secretCase);
  });
  test('unauthorised, restricted case: existence, number, dates, process, ground; no content, no access lists', () => {
    const p = projectGuarded(stranger, 'cases', secretCase);
    for (const f of ALWAYS_VISIBLE_FIELDS.cases) if (f !== 'withheld') expect(p[f]).toEqual(secretCase[f]);
    expect(p.title).toBe('');
    expect(p.description).toBe('');
    expect(p.unit).toBe('');
    expect(p.partyIds).toEqual([]);
    expect(p.restrictionNote).toBe('');
    expect(p.accessUserIds).toEqual([]);
    expect(p.accessGroupIds).toEqual([]);
    expect(p.withheld).toEqual(expect.arrayContaining(['title', 'description', 'unit', 'partyIds', 'files']));
    expect(p.withheld).not.toContain('accessUserIds');
    expect(JSON.stringify(p)).not.toContain('Orosanmälan');
    expect(JSON.stringify(p)).not.toContain(secretCase.title);
  });
  test("a document in a restricted case shows the case's restriction", () => {
    const doc = sampleDocument({ sender: 'Barnets Förälder' });
    const p = projectGuarded(stranger, 'documents', doc, secretCase);
    expect(p.restrictionKind).toBe('secrecy');
    expect(p.legalGround).toBe('OSL 26 kap. 1 §');
    expect(p.sender).toBe('');
    expect(p.documentNumber).toBe(doc.documentNumber);
    expect(JSON.stringify(p)).not.toContain('Barnets Förälder');
  });
  test('shields: only the shielded field is withheld, the rest stays', () => {
    const p = projectGuarded(stranger, 'documents', shieldedDoc);
    expect(p.sender).toBe('');
    expect(p.title).toBe(shieldedDoc.title);
    // Masking drafts may quote the sender: they follow the strictest restriction of the document.
    expect(p.withheld).toEqual(['redactionDrafts', 'sender']);
    expect(p.shields).toEqual([]);
    expect(JSON.stringify(p)).not.toContain('Anna Hemlig');
  });
  test('a shield on a field that cannot be shielded withholds no metadata, only the working data', () => {
    const odd = sampleDocument({ shields: [{ field: 'documentNumber', kind: 'other', legalGround: 'OSL 21 kap. 3 §' }] });
    const p = projectGuarded(stranger, 'documents', odd);
    expect(p.documentNumber).toBe(odd.documentNumber);
    expect(p.withheld).toEqual(['redactionDrafts']);
  });
  test('file restrictions are announced as withheld files', () => {
    const doc = sampleDocument({ fileRestrictions: [{ fileKey: 'fk-1', kind: 'secrecy', legalGround: 'OSL 21 kap. 1 §' }] });
    const p = projectGuarded(stranger, 'documents', doc);
    expect(p.withheld).toEqual(['files', 'redactionDrafts']);
    expect(p.title).toBe(doc.title);
    // Which file is restricted, and on what ground, is an access detail.
    expect(p.fileRestrictions).toEqual([]);
  });
  test('a withheld list forged into a stored record is cleared for the authorised', () => {
    const forged = { ...secretCase, withheld: ['title'] };
    expect(projectGuarded(officer, 'cases', forged).withheld).toEqual([]);
  });
});

describe('mayReadFile', () => {
  const file = sampleFile({ fileKey: 'fk-1' });
  test('files of a restricted document follow its content access', () => {
    expect(mayReadFile(officer, file, secretDoc)).toBe(true);
    expect(mayReadFile(stranger, file, secretDoc)).toBe(false);
    expect(mayReadFile(stranger, file, sampleDocument(), secretCase)).toBe(false);
  });
  test('a single restricted file of an open document', () => {
    const doc = sampleDocument({
      responsibleUserId: OFFICER,
      fileRestrictions: [{ fileKey: 'fk-1', kind: 'secrecy', legalGround: 'OSL 21 kap. 1 §' }],
    });
    expect(mayReadFile(stranger, file, doc)).toBe(false);
    expect(mayReadFile(stranger, sampleFile({ fileKey: 'fk-2' }), doc)).toBe(true);
    expect(mayReadFile(officer, file, doc)).toBe(true);
    expect(mayReadFile({ ...officer, secondFactorFresh: false }, file, doc)).toBe(false);
  });
});

describe('projectAuditChanges', () => {
  const entry = sampleAudit({
    changes: [
      { field: 'title', from: '', to: 'Hemlig rubrik' },
      { field: 'status', from: 'draft', to: 'registered' },
      { field: 'sender', from: '', to: 'Anna Hemlig' },
    ],
  });
  test('values of a restricted record are blanked, field names and visible fields kept', () => {
    const p = projectAuditChanges(stranger, entry, { collection: 'documents', record: secretDoc });
    expect(p.changes).toEqual([
      { field: 'title', from: '', to: '' },
      { field: 'status', from: 'draft', to: 'registered' },
      { field: 'sender', from: '', to: '' },
    ]);
  });
  test('only shielded values are blanked on an open record', () => {
    const p = projectAuditChanges(stranger, entry, { collection: 'documents', record: shieldedDoc });
    expect(p.changes).toEqual([
      { field: 'title', from: '', to: 'Hemlig rubrik' },
      { field: 'status', from: 'draft', to: 'registered' },
      { field: 'sender', from: '', to: '' },
    ]);
  });
  test('authorised readers get the entry as is', () => {
    expect(projectAuditChanges(officer, entry, { collection: 'documents', record: secretDoc })).toBe(entry);
  });
  test('an entry about a hidden file loses its label and values', () => {
    const p = projectAuditChanges(
      stranger,
      sampleAudit({ recordCollection: 'files', label: 'Läkarintyg.pdf', changes: [{ field: 'name', from: '', to: 'Läkarintyg.pdf' }] }),
      null,
      true,
    );
    expect(JSON.stringify(p)).not.toContain('Läkarintyg');
  });
});

describe('projectRecord with restrictions (the single decision point)', () => {
  const archivist = person('u-arch', { roles: ['archivist'] });
  test('files fail closed without their document', () => {
    expect(projectRecord(officer, 'files', sampleFile())).toBeNull();
  });
  test('files of a restricted document are not sent to the unauthorised', () => {
    expect(projectRecord(stranger, 'files', sampleFile(), { document: secretDoc })).toBeNull();
    expect(projectRecord(officer, 'files', sampleFile(), { document: secretDoc })).not.toBeNull();
  });
  test('audit entries about a case or document fail closed (values blanked) without their target', () => {
    const p = projectRecord(archivist, 'audit', sampleAudit());
    expect(p?.changes.every((c) => c.from === '' && c.to === '')).toBe(true);
  });
  test('an archivist reads the actor register of a secret document without its values', () => {
    const entry = sampleAudit({ changes: [{ field: 'sender', from: '', to: 'Skyddad Person' }] });
    const p = projectRecord(archivist, 'audit', entry, { auditTarget: { collection: 'documents', record: secretDoc } });
    expect(JSON.stringify(p)).not.toContain('Skyddad Person');
  });
  test('documents are projected with their case', () => {
    const p = projectRecord(stranger, 'documents', sampleDocument({ sender: 'X Y' }), { parentCase: secretCase });
    expect(p?.sender).toBe('');
  });
});
