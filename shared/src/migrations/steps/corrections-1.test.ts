import { describe, expect, test } from 'vitest';
import { Case } from '../../model/case';
import { LEGACY_CHANGE_REASON, NO_CORRECTION } from '../../model/correction';
import { Document } from '../../model/document';
import { sampleCase, sampleDocument } from '../../testing/samples';
import { RECORD_MIGRATIONS, collectionVersion, downgradeRecord, migrateRecord, servableTo } from '../record-migrations';
import { casesCorrections, documentsCorrections } from './corrections-1';

/** As version 0 stored them: no reason, no send-back. */
const { changeReason: _c, qaReturnComment: _q, qaReturnBy: _b, qaReturnAt: _a, ...caseV0 } = sampleCase();
const { changeReason: _dc, qaReturnComment: _dq, qaReturnBy: _db, qaReturnAt: _da, ...docV0 } = sampleDocument({ status: 'registered' });

describe('cases v1 and documents v1: reasons and send-back', () => {
  test('a stored record of version 0 becomes valid, with the legacy reason and not sent back', () => {
    expect(Case.parse(casesCorrections.up(caseV0))).toEqual({ ...caseV0, ...NO_CORRECTION, changeReason: LEGACY_CHANGE_REASON });
    expect(Document.parse(documentsCorrections.up(docV0))).toEqual({ ...docV0, ...NO_CORRECTION, changeReason: LEGACY_CHANGE_REASON });
  });
  test('is total and idempotent: a record that has the fields keeps them', () => {
    const sent = sampleDocument({ changeReason: 'Stavfel', qaReturnComment: 'Fel typ', qaReturnBy: 'u-qa', qaReturnAt: 'x' });
    expect(documentsCorrections.up(sent)).toEqual(sent);
    expect(casesCorrections.up({})).toMatchObject({ changeReason: LEGACY_CHANGE_REASON, qaReturnAt: '' });
  });
  test('is the first step of both collections', () => {
    expect(RECORD_MIGRATIONS.cases[0]).toBe(casesCorrections);
    expect(RECORD_MIGRATIONS.documents[0]).toBe(documentsCorrections);
    expect(collectionVersion('cases')).toBe(1);
    expect(Document.parse(migrateRecord('documents', 0, docV0)).changeReason).toBe(LEGACY_CHANGE_REASON);
  });
  test('the inverse gives an older client exactly what it stored', () => {
    expect(casesCorrections.down!(casesCorrections.up(caseV0))).toEqual(caseV0);
    expect(servableTo('documents', 0)).toBe(true);
    expect(downgradeRecord('documents', 0, { ...sampleDocument({ qaReturnComment: 'Fel' }), _deleted: false })).not.toHaveProperty(
      'qaReturnComment',
    );
  });
});
