import { Party, hasPermission, parsePartyIdNumber, swedishDate } from '../../../shared/src';
import { appendAudit, diffRecord } from '../audit/audit';
import { admit } from './access-first';
import type { ApplyRow } from './apply';
import { storedRegister } from './references';
import { Refusal } from './refusal';

/**
 * Parties. Access: a member of the party's register (a stored party was already checked visible
 * and unwithheld, so its identity is known to the actor). Schema: `Party` (no authorship fields).
 * Rules: the `party.edit` permission, no move between registers, a new or changed identity
 * number valid (Luhn) and written as the client normalises it, and lifting protected personal
 * data only by the responsible officer of a record naming the party or by whoever may lift
 * restrictions.
 */
export const applyParty: ApplyRow = async (tx, actor, merged, before, { newId, contexts }) => {
  delete merged.createdBy;
  delete merged.createdAt;
  const next = admit(actor, Party, merged);
  await storedRegister(tx, next.registerId);
  if (!hasPermission(actor, 'party.edit')) throw new Refusal('forbidden', 'may not edit parties');
  if (before && before.registerId !== next.registerId)
    throw new Refusal('forbidden', 'a party cannot move between registers', ['registerId']);
  if (next.idNumber !== (before?.idNumber ?? '')) {
    // Only a changed number is checked: parties stored before the check keep theirs until edited.
    const parsed = parsePartyIdNumber(next.kind, next.idNumber, swedishDate(Date.now()));
    if (!parsed.ok || parsed.value !== next.idNumber)
      throw new Refusal(
        'invalid_schema',
        `idNumber is not a valid ${next.kind === 'person' ? 'personnummer' : 'organisationsnummer'} in normal form`,
        ['idNumber'],
      );
  }
  if (before?.protectedIdentity === true && !next.protectedIdentity) {
    // Lifting a protection is a restriction decision: the responsible officer of a record naming
    // the party, or a quality assurer (both already shown to see the identity: access first).
    const [ctx] = await contexts.contexts([
      { collection: 'parties', id: next.id, registerId: next.registerId, seq: 0, version: 0, deleted: false, data: before },
    ]);
    const responsible = (ctx?.partyLinks ?? []).some(
      (l) => l.record.responsibleUserId === actor.id || l.parentCase?.responsibleUserId === actor.id,
    );
    if (!responsible && !hasPermission(actor, 'restriction.lift'))
      throw new Refusal('forbidden', 'only the responsible officer or a quality assurer may lift protected personal data', [
        'protectedIdentity',
      ]);
  }
  const stored = await tx.putRecord('parties', next);
  const audit = await appendAudit(
    tx,
    {
      actor,
      at: next.updatedAt,
      action: before ? 'update' : 'create',
      collection: 'parties',
      record: stored,
      caseId: '',
      label: next.name,
      changes: diffRecord(before, stored.data),
    },
    newId,
  );
  return { written: [stored, audit] };
};
