import { describe, expect, it } from 'vitest';
import type { DisposalProposals, ProposedCase, ProposedDocument } from '../../../../shared/src/protocol/disposal';
import { disposalMessage, executionSet } from './disposal';

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

describe('disposalMessage', () => {
  it('says each failure in Swedish', () => {
    expect(disposalMessage('item_held')).toMatch(/undantaget/);
    expect(disposalMessage('decision_missing')).toMatch(/gallringsbeslutets beteckning/);
  });
});
