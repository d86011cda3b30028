import { describe, expect, test } from 'vitest';
import {
  MAIL_REFERENCES_MAX,
  MESSAGE_ID_MAX,
  mailReferenceIds,
  mailThreadFields,
  normaliseMessageId,
  threadProposals,
  type ThreadCandidate,
} from './thread';

describe('normaliseMessageId', () => {
  test('drops the angle brackets and surrounding space', () => {
    expect(normaliseMessageId(' <abc.123@example.se> ')).toBe('abc.123@example.se');
    expect(normaliseMessageId('abc@example.se')).toBe('abc@example.se');
  });
  test("is '' for nothing, for more than one id, and for one too long to keep", () => {
    expect(normaliseMessageId('')).toBe('');
    expect(normaliseMessageId('<>')).toBe('');
    expect(normaliseMessageId('<a@x> <b@x>')).toBe('');
    expect(normaliseMessageId(`<${'a'.repeat(MESSAGE_ID_MAX)}@x>`)).toBe('');
  });
});

describe('mailReferenceIds', () => {
  test('In-Reply-To first, then References from the nearest back to the first, each once, not the own id', () => {
    const ids = mailReferenceIds({
      messageId: '<own@x>',
      inReplyTo: '<c@x>',
      references: ['<a@x>', '<b@x>', '<c@x>', '<own@x>'],
    });
    expect(ids).toEqual(['c@x', 'b@x', 'a@x']);
  });
  test('keeps at most the nearest 20 of a long thread', () => {
    const references = Array.from({ length: 60 }, (_, i) => `<m${i}@x>`);
    const ids = mailReferenceIds({ messageId: '', inReplyTo: '', references });
    expect(ids).toHaveLength(MAIL_REFERENCES_MAX);
    expect(ids[0]).toBe('m59@x');
  });
  test('a mail answering nothing has no references', () => {
    expect(mailThreadFields({ messageId: '<new@x>', inReplyTo: '', references: [] })).toEqual({ messageId: 'new@x', mailReferences: [] });
  });
});

describe('threadProposals', () => {
  const doc = (o: Partial<ThreadCandidate>): ThreadCandidate => ({
    id: 'd',
    caseId: 'case-1',
    documentNumber: 'KS 2026-00001-1',
    messageId: 'a@x',
    status: 'registered',
    ...o,
  });

  test('proposes the case of the registered mail the reply answers, naming that document', () => {
    expect(threadProposals(['a@x'], [doc({ id: 'd1' })])).toEqual([
      { caseId: 'case-1', documentId: 'd1', documentNumber: 'KS 2026-00001-1' },
    ]);
  });
  test('nearest answered mail first; each case once', () => {
    const candidates = [
      doc({ id: 'start', messageId: 'a@x', caseId: 'case-old', documentNumber: 'KS 2026-00001-1' }),
      doc({ id: 'near', messageId: 'b@x', caseId: 'case-new', documentNumber: 'KS 2026-00007-2' }),
      doc({ id: 'again', messageId: 'a@x', caseId: 'case-new', documentNumber: 'KS 2026-00007-1' }),
    ];
    expect(threadProposals(['b@x', 'a@x'], candidates).map((p) => [p.caseId, p.documentId])).toEqual([
      ['case-new', 'near'],
      ['case-old', 'start'],
    ]);
  });
  test('nothing for a free-standing or annulled document, or an id the reply does not name', () => {
    expect(threadProposals(['a@x'], [doc({ caseId: '' }), doc({ status: 'annulled' }), doc({ messageId: 'z@x' })])).toEqual([]);
    expect(threadProposals([], [doc({})])).toEqual([]);
  });
});
