import { describe, expect, it } from 'vitest';
import type { DisposalProposals, ProposedCase, ProposedDocument } from '../../../../shared/src/protocol/disposal';
import { disposalMessage, executionSet, failureOf } from './disposal';

const doc = (id: string, blocked = false): ProposedDocument => ({
  id,
  caseId: '',
  documentNumber: id,
  caseNumber: '',
  title: '',
  classCode: '1.1',
  documentTypeId: 't',
  dueDate: '2026-01-01',
  blockers: blocked ? [{ kind: 'request', requestId: 'q', on: 'documents' }] : [],
});
const kase = (id: string, documentIds: string[], blocked = false): ProposedCase => ({
  id,
  caseNumber: id,
  title: '',
  classCode: '1.1',
  documentIds,
  blockers: blocked ? [{ kind: 'hold', holdId: 'h', holdKind: 'appeal', reason: 'x', on: 'cases' }] : [],
});
const proposals = (documents: ProposedDocument[], cases: ProposedCase[]): Pick<DisposalProposals, 'groups' | 'cases'> => ({
  groups: [{ classCode: '1.1', classTitle: '', documentTypeId: 't', documentTypeName: '', rule: null, documents }],
  cases,
});

describe('executionSet', () => {
  it('takes every unblocked document, and the cases whose remaining documents all go and nothing blocks', () => {
    const p = proposals(
      [doc('a'), doc('b', true), doc('c')],
      [kase('k1', ['a', 'c']), kase('k2', ['b']), kase('k3', []), kase('k4', ['a'], true)],
    );
    expect(executionSet(p)).toEqual({ documentIds: ['a', 'c'], caseIds: ['k1', 'k3'] });
  });
  it('nothing due: nothing chosen', () => {
    expect(executionSet({ groups: [], cases: [] })).toEqual({ documentIds: [], caseIds: [] });
  });
});

describe('failureOf', () => {
  it('maps the server codes one to one, the rest by status', () => {
    expect(failureOf(409, { error: 'item_held' })).toBe('item_held');
    expect(failureOf(409, { error: 'item_not_due' })).toBe('item_not_due');
    expect(failureOf(400, { error: 'decision_missing' })).toBe('decision_missing');
    expect(failureOf(403, { error: 'forbidden' })).toBe('forbidden');
    expect(failureOf(403, null)).toBe('forbidden');
    expect(failureOf(401, { error: 'unauthorized' })).toBe('session_expired');
    expect(failureOf(502, null)).toBe('unreachable');
    expect(failureOf(404, { error: 'nope' })).toBe('bad_request');
  });
  it('says each failure in Swedish', () => {
    expect(disposalMessage('item_held')).toMatch(/undantaget/);
    expect(disposalMessage('decision_missing')).toMatch(/gallringsbeslutets beteckning/);
  });
});
