import { Register, User, canHandleCases, type ClassNode } from '../../../shared/src';
import type { StorageTx } from '../storage/storage';
import type { ClassificationCache } from './classification-cache';
import { Refusal, parseStored } from './refusal';

/** The references a pushed record makes to the register's configuration, each refused as `unknown_reference` when absent. */

export async function storedRegister(tx: StorageTx, registerId: string): Promise<Register> {
  const rec = await tx.getRecord('registers', registerId);
  if (!rec) throw new Refusal('unknown_reference', `unknown register ${registerId}`, ['registerId']);
  return parseStored(Register, rec);
}

/** Where a case or document is filed: its register, and its process (class) in the register's plan. */
export async function filing(
  tx: StorageTx,
  classes: ClassificationCache,
  record: { registerId: string; classCode: string },
): Promise<{ register: Register; classNode: ClassNode }> {
  const register = await storedRegister(tx, record.registerId);
  const classNode = (await classes.plan(record.registerId)).get(record.classCode);
  if (!classNode) throw new Refusal('unknown_reference', `unknown process ${record.classCode}`, ['classCode']);
  return { register, classNode };
}

/** A user named in `field` is a user of the register; '' names nobody. */
export async function userInRegister(tx: StorageTx, registerId: string, userId: string, field: string): Promise<void> {
  if (userId === '') return;
  const rec = await tx.getRecord('users', userId);
  const registers = (rec?.data.registerIds as string[] | undefined) ?? [];
  if (!rec || !registers.includes(registerId)) throw new Refusal('unknown_reference', `unknown user ${userId}`, [field]);
}

/**
 * A newly named responsible officer of a case or document (already checked a user of the
 * register) is one whose role handles cases; a record named before this rule keeps its officer.
 * Checked after the actor's own rights, so one who may not write at all hears `forbidden`.
 */
export async function officerHandlesCases(
  tx: StorageTx,
  next: { registerId: string; responsibleUserId: string },
  before: Record<string, unknown> | null,
): Promise<void> {
  if (next.responsibleUserId === '' || next.responsibleUserId === before?.responsibleUserId) return;
  const user = parseStored(User, (await tx.getRecord('users', next.responsibleUserId))!);
  if (!canHandleCases(user, next.registerId))
    throw new Refusal('not_case_handler', `user ${user.id} does not handle cases`, ['responsibleUserId']);
}

/** A group named in `field` is a group of the register. */
export async function groupInRegister(tx: StorageTx, registerId: string, groupId: string, field: string): Promise<void> {
  const group = await tx.getRecord('groups', groupId);
  if (!group || group.registerId !== registerId) throw new Refusal('unknown_reference', `unknown group ${groupId}`, [field]);
}
