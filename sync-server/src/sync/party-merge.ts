import { PARTY_LINK_FIELDS, hasPermission, isMember, projectRecord, type CollectionName, type Party } from '../../../shared/src';
import { appendAudit, diffRecord } from '../audit/audit';
import type { Storage, StoredRecord } from '../storage/storage';
import type { ContextLoader } from './access-context';
import type { Actor } from './apply';

/** Why a merge was refused; `not_found` also for a party the user may not see whole (no existence oracle). */
export type MergeRefusal = 'forbidden' | 'not_found' | 'same_party' | 'other_register';

export class PartyMergeError extends Error {
  constructor(
    readonly code: MergeRefusal,
    detail: string,
  ) {
    super(detail);
    this.name = 'PartyMergeError';
  }
}

/** Rounds of re-pointing: a record that named the merged party while a round ran is caught by the next. */
const MAX_ROUNDS = 3;

/**
 * Merges two entries of the address book for the same person or organisation: every case and
 * document naming `mergeId` names `keepId` instead (each change in the actor register), then the
 * merged party is removed. Access first: the user edits parties and sees both whole — a party
 * named in a record the user may not read is withheld from them, so seeing both whole means every
 * record re-pointed is one they may read. One transaction per round; the records written are
 * returned for the change feed.
 */
export async function mergeParties(
  storage: Storage,
  contexts: ContextLoader,
  actor: Actor,
  keepId: string,
  mergeId: string,
  nowIso: string,
  newId: () => string,
): Promise<StoredRecord[]> {
  if (!hasPermission(actor, 'party.edit')) throw new PartyMergeError('forbidden', 'may not edit parties');
  if (keepId === mergeId) throw new PartyMergeError('same_party', 'a party cannot be merged into itself');
  const [keep, merge] = await Promise.all([
    visibleWhole(storage, contexts, actor, keepId),
    visibleWhole(storage, contexts, actor, mergeId),
  ]);
  if (keep.registerId !== merge.registerId) throw new PartyMergeError('other_register', 'parties of different registers');
  const written: StoredRecord[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const links = await storage.partyLinks([mergeId]);
    const last = links.length === 0 || round === MAX_ROUNDS - 1;
    written.push(
      ...(await storage.transaction(async (tx) => {
        const out: StoredRecord[] = [];
        for (const id of new Set(links.map((l) => `${l.collection}/${l.recordId}`))) {
          const [collection, recordId] = id.split('/') as ['cases' | 'documents', string];
          const rec = await tx.getRecord(collection, recordId);
          if (!rec) continue;
          // The re-pointing is a correction of the record's parties: its reason says why.
          const after = {
            ...repointed(collection, rec.data, mergeId, keepId),
            id: rec.id,
            registerId: rec.registerId,
            updatedAt: nowIso,
            changeReason: `Dubbletten ${merge.name} sammanfogad med ${keep.name} i adressboken`.slice(0, 1000),
          };
          const stored = await tx.putRecord(collection, after, rec.deleted);
          out.push(stored);
          out.push(
            await appendAudit(
              tx,
              {
                actor,
                at: nowIso,
                action: 'update',
                collection,
                record: stored,
                caseId: collection === 'cases' ? stored.id : String(stored.data.caseId ?? ''),
                label: String(stored.data.title ?? ''),
                changes: diffRecord(rec.data, stored.data),
              },
              newId,
            ),
          );
        }
        if (!last) return out;
        // The kept party is re-sent (who may read it follows the records now naming it); the merged one goes.
        const keptNow = await tx.getRecord('parties', keepId);
        const mergedNow = await tx.getRecord('parties', mergeId);
        if (keptNow)
          out.push(await tx.putRecord('parties', { ...keptNow.data, id: keepId, registerId: keptNow.registerId, updatedAt: nowIso }));
        if (mergedNow && !mergedNow.deleted) {
          const gone = await tx.putRecord(
            'parties',
            { ...mergedNow.data, id: mergeId, registerId: mergedNow.registerId, updatedAt: nowIso },
            true,
          );
          out.push(gone);
          out.push(
            await appendAudit(
              tx,
              {
                actor,
                at: nowIso,
                action: 'update',
                collection: 'parties',
                record: gone,
                caseId: '',
                label: String(mergedNow.data.name ?? ''),
                changes: [{ field: 'mergedInto', from: '', to: keepId }],
              },
              newId,
            ),
          );
        }
        return out;
      })),
    );
    if (last) break;
  }
  return written;
}

async function visibleWhole(storage: Storage, contexts: ContextLoader, actor: Actor, id: string): Promise<Party> {
  const rec = await storage.getRecord('parties', id);
  if (!rec || rec.deleted || !isMember(actor, rec.registerId)) throw new PartyMergeError('not_found', `no party ${id}`);
  const [ctx] = await contexts.contexts([rec]);
  const seen = projectRecord(actor, 'parties', rec.data as Party, ctx);
  if (!seen || (seen as Party).withheld.length > 0) throw new PartyMergeError('not_found', `party ${id} is not visible whole`);
  return rec.data as unknown as Party;
}

function repointed(collection: CollectionName, data: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const out = { ...data };
  for (const field of (PARTY_LINK_FIELDS as Record<string, readonly string[]>)[collection] ?? []) {
    const value = out[field];
    if (Array.isArray(value)) out[field] = [...new Set(value.map((v) => (v === from ? to : v)))];
    else if (value === from) out[field] = to;
  }
  return out;
}
