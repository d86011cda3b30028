import { describe, expect, test } from 'vitest';
import { emptyMeetingRecord } from '../../../../shared/src/model/meeting';
import { sampleAudit, sampleCase, sampleDocument, sampleMeetingItem } from '../../../../shared/src/testing/samples';
import { fieldsToSeal, sealRecord, sealedPatch, unsealRecord } from './sealing';

const secretCase = sampleCase({
  title: 'Hemlig',
  description: 'Mer hemligt',
  restrictionKind: 'secrecy',
  legalGround: 'OSL 26 kap. 1 §',
  accessUserIds: ['u-x'],
});

describe('sealing restricted content at rest', () => {
  test('every actor-register entry keeps its label, values and their seals sealed; who, when and which fields stay clear', () => {
    const seal = { salt: 'a'.repeat(32), digest: 'b'.repeat(64) };
    const entry = sampleAudit({
      label: 'KS 2026-00001 Hemlig rubrik',
      changes: [{ field: 'title', from: '', to: 'Hemlig rubrik' }],
      hashScheme: 2,
      valueSeals: [seal, seal],
    });
    const s = sealRecord('audit', entry as never);
    expect(s).toMatchObject({
      label: '',
      changes: [],
      valueSeals: [],
      actorId: entry.actorId,
      action: entry.action,
      recordId: entry.recordId,
    });
    expect(s.sealed).toEqual({ label: entry.label, changes: entry.changes, valueSeals: entry.valueSeals });
    expect(unsealRecord(s)).toEqual(entry);
  });
  test('an agenda item reporting a case keeps what it quotes of the case sealed; its place on the agenda stays clear', () => {
    const item = sampleMeetingItem({ title: 'Hemlig rubrik', proposal: 'Hemligt förslag', decision: 'Hemligt beslut' });
    const s = sealRecord('meetings', item as never);
    expect(s).toMatchObject({
      title: '',
      proposal: '',
      decision: '',
      reservations: [],
      caseNumber: item.caseNumber,
      ordinal: item.ordinal,
    });
    expect(JSON.stringify({ ...s, sealed: undefined })).not.toContain('Hemlig');
    expect(unsealRecord(s)).toEqual(item);
  });
  test("a body keeps its members' identity numbers sealed; a standard item, a meeting and a posting are stored as they are", () => {
    const body = {
      ...emptyMeetingRecord('body', { id: 'b', registerId: 'r' }),
      memberIdentities: [{ memberId: 'm', identityNumber: '19121212-1212' }],
    };
    expect(sealRecord('meetings', body as never)).toMatchObject({
      memberIdentities: [],
      sealed: { memberIdentities: body.memberIdentities },
    });
    const standard = sampleMeetingItem({ itemKind: 'opening', caseId: '', caseNumber: '' });
    expect(sealRecord('meetings', standard as never)).toBe(standard);
    for (const kind of ['meeting', 'posting'] as const) {
      const rec = emptyMeetingRecord(kind, { id: 'x', registerId: 'r' });
      expect(sealRecord('meetings', rec as never)).toBe(rec);
    }
  });
  test('unrestricted records are stored as they are', () => {
    const c = sampleCase();
    expect(sealRecord('cases', c as never)).toBe(c);
    expect(fieldsToSeal('files', { restrictionKind: 'secrecy' })).toEqual([]);
  });
  test('a restricted case keeps only what anyone may see in the clear', () => {
    const s = sealRecord('cases', secretCase as never);
    expect(s.title).toBe('');
    expect(s.description).toBe('');
    expect(s.accessUserIds).toEqual([]);
    expect(s.caseNumber).toBe(secretCase.caseNumber);
    expect(s.legalGround).toBe('OSL 26 kap. 1 §');
    expect(JSON.stringify({ ...s, sealed: undefined })).not.toContain('Hemlig');
    expect(unsealRecord(s)).toEqual(secretCase);
  });
  test('a document in a restricted case is sealed by its inherited restriction', () => {
    const d = sampleDocument({ sender: 'Anna Hemlig', inheritedRestriction: 'secrecy' });
    const s = sealRecord('documents', d as never);
    expect(s.sender).toBe('');
    expect(unsealRecord(s)).toEqual(d);
  });
  test('shields seal only the shielded fields (and the shield list)', () => {
    const d = sampleDocument({ sender: 'Anna Hemlig', shields: [{ field: 'sender', kind: 'secrecy', legalGround: 'OSL 21 kap. 3 §' }] });
    const s = sealRecord('documents', d as never);
    expect(s.sender).toBe('');
    expect(s.title).toBe(d.title);
    expect(s.shields).toEqual([]);
    expect(unsealRecord(s)).toEqual(d);
  });
  test('records with withheld content hold nothing to seal', () => {
    const stripped = { ...secretCase, title: '', withheld: ['title'] };
    expect(sealRecord('cases', stripped as never)).toBe(stripped);
  });
  test('a record that is no longer restricted drops its sealed part', () => {
    const s = sealRecord('cases', { ...sampleCase(), sealed: { title: 'x' } } as never);
    expect(s).not.toHaveProperty('sealed');
  });
  test('edits of sealed fields go inside the sealed part', () => {
    const s = sealRecord('cases', secretCase as never);
    expect(sealedPatch(s, { title: 'Ny', status: 'closed' })).toEqual({
      status: 'closed',
      sealed: { ...(s.sealed as object), title: 'Ny' },
    });
    expect(sealedPatch(sampleCase() as never, { title: 'Ny' })).toEqual({ title: 'Ny' });
  });
});
