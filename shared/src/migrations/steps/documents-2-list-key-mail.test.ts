import { describe, expect, test } from 'vitest';
import { Document } from '../../model/document';
import { documentListKey } from '../../rules/list-key';
import { sampleDocument } from '../../testing/samples';
import { RECORD_MIGRATIONS, collectionVersion, downgradeRecord, migrateRecord, servableTo } from '../record-migrations';
import { documentsListKeyAndMail } from './documents-2-list-key-mail';

/** As version 1 stored it: no list key, no mail ids; received a week before it was registered. */
const {
  listKey: _k,
  messageId: _m,
  mailReferences: _r,
  ...docV1
} = sampleDocument({
  status: 'registered',
  receivedDate: '2026-01-26',
  registeredDate: '2026-02-02',
});
/** As version 0 stored it: neither a correction's reason nor send-back either. */
const { changeReason: _c, qaReturnComment: _q, qaReturnBy: _b, qaReturnAt: _a, ...docV0 } = docV1;

describe('documents v2: listKey, messageId, mailReferences', () => {
  test('a stored record of version 1 becomes valid: its key from its shown date, no mail ids', () => {
    const up = Document.parse(documentsListKeyAndMail.up(docV1));
    expect(up).toEqual({ ...docV1, listKey: documentListKey(docV1), messageId: '', mailReferences: [] });
    expect(up.listKey.slice(0, 8)).toBe(String(99_999_999 - 20260126));
  });
  test('a stored record of version 0 goes through both steps', () => {
    expect(collectionVersion('documents')).toBe(2);
    expect(RECORD_MIGRATIONS.documents[1]).toBe(documentsListKeyAndMail);
    const up = Document.parse(migrateRecord('documents', 0, docV0));
    expect(up.listKey).toBe(documentListKey(docV1));
    expect(up).toMatchObject({ messageId: '', mailReferences: [] });
  });
  test('is total and idempotent: a wrong key is derived again, mail ids are kept', () => {
    const filed = sampleDocument({ messageId: 'a@x', mailReferences: ['b@x'], listKey: 'forged' });
    expect(documentsListKeyAndMail.up(filed)).toEqual({ ...filed, listKey: documentListKey(filed) });
    expect(documentsListKeyAndMail.up({})).toEqual({ messageId: '', mailReferences: [], listKey: '99999999' });
  });
  test('the inverse gives an older client exactly what it stored', () => {
    expect(documentsListKeyAndMail.down!(documentsListKeyAndMail.up(docV1))).toEqual(docV1);
    expect(servableTo('documents', 1)).toBe(true);
    expect(downgradeRecord('documents', 0, { ...sampleDocument({ messageId: 'a@x' }), _deleted: false })).not.toHaveProperty('messageId');
  });
});
