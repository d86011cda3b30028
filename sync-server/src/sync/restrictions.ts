import { checkRestrictionChange, type Case, type Document, type Register } from '../../../shared/src';
import type { StorageTx } from '../storage/storage';
import type { Actor } from './apply';
import { groupInRegister, userInRegister } from './references';
import { Refusal } from './refusal';

/**
 * A case's or document's restriction: who may set, change or lift it and on which legal ground
 * (shared/rules), and that the users and groups given named access belong to the register.
 * `guardedDocuments`: a case whose documents are guarded (a responsible officer change matters).
 */
export async function checkRestrictions<T extends Case | Document>(
  tx: StorageTx,
  actor: Actor,
  collection: 'cases' | 'documents',
  before: T | null,
  next: T,
  parentCase: Case | null,
  register: Register,
  guardedDocuments = false,
): Promise<void> {
  const problem = checkRestrictionChange(actor, collection, before, next, parentCase, register.legalGrounds, guardedDocuments);
  if (problem) throw new Refusal(problem.code, problem.detail, 'fields' in problem ? problem.fields : []);
  for (const userId of next.accessUserIds) await userInRegister(tx, next.registerId, userId, 'accessUserIds');
  for (const groupId of next.accessGroupIds) await groupInRegister(tx, next.registerId, groupId, 'accessGroupIds');
}
