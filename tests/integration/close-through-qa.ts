import { expect } from 'vitest';
import type { Case, Document } from '../../shared/src';
import type { RawClient } from './harness';
import { pullAll, push } from './raw-records';

/**
 * A case and its documents taken through quality assurance and closed, as their users would (the
 * disposal tests need closed cases): the quality assurer marks each document and then the case
 * registered, the registrar closes the case. Every push must be accepted.
 */
export async function closeThroughQa(qa: RawClient, registrar: RawClient, caseId: string, documentIds: readonly string[]): Promise<void> {
  for (const id of documentIds) {
    const doc = (await pullAll<Document>(qa, 'documents')).find((x) => x.id === id)!;
    expect((await push(qa, 'documents', doc, { ...doc, status: 'registered' })).rejected).toEqual([]);
  }
  const checked = (await pullAll<Case>(qa, 'cases')).find((x) => x.id === caseId)!;
  expect((await push(qa, 'cases', checked, { ...checked, status: 'registered' })).rejected).toEqual([]);
  const open = (await pullAll<Case>(registrar, 'cases')).find((x) => x.id === caseId)!;
  expect((await push(registrar, 'cases', open, { ...open, status: 'closed' })).rejected).toEqual([]);
}
