import { isMember, projectRecord, type CollectionName } from '../../../shared/src';
import type { StoredRecord } from '../storage/storage';
import type { ContextLoader } from './access-context';
import type { Actor } from './apply';
import { Refusal, parseOrRefuse, type Schema } from './refusal';

/**
 * Access first, before the schema and the rules: a stored record the actor does not receive is
 * unknown to them (null: the caller answers as for an id that exists nowhere), and what is
 * withheld from them they may not change, so nothing of such a record. Run on every existing
 * record before its module.
 */
export async function seenOrNothing(
  actor: Actor,
  collection: CollectionName,
  current: StoredRecord,
  contexts: ContextLoader,
): Promise<StoredRecord | null> {
  const [ctx] = await contexts.contexts([current]);
  const visible = projectRecord(actor, collection, current.data as { id: string; registerId: string }, ctx);
  if (!visible) return null;
  if (((visible as { withheld?: string[] }).withheld?.length ?? 0) > 0)
    throw new Refusal('restricted', `${collection} record ${current.id} has content withheld from this user`);
  return current;
}

/**
 * The first step of every apply module: access (the register a row names must be one of the
 * actor's), then the schema. A register id that is not a string is left to the schema.
 */
export function admit<T>(actor: Actor, schema: Schema<T>, merged: Record<string, unknown>): T {
  const registerId = merged.registerId;
  if (typeof registerId === 'string' && !isMember(actor, registerId))
    throw new Refusal('not_member', `not a member of register ${registerId}`, ['registerId']);
  return parseOrRefuse(schema, merged);
}
