import { identityNumberKind } from '../../../shared/src/rules/sensitive-data';
import { requireAdmin, type MeetingEffects, type MeetingWrite } from './meeting-write';
import { userInRegister } from './references';
import { Refusal } from './refusal';

const IDENTITY_NUMBER = /^(\d{2})(\d{6})-(\d{4})$/;

/**
 * A decision body: kept by meeting administrators. Each assignment has its own id; identity
 * numbers belong to assignments of the body and are valid personnummer or samordningsnummer,
 * stored as YYYYMMDD-NNNN; a member's user account is a user of the register.
 */
export async function checkBody(w: MeetingWrite): Promise<MeetingEffects> {
  requireAdmin(w);
  const { next, prev } = w;
  const ids = next.members.map((m) => m.id);
  if (new Set(ids).size !== ids.length) throw new Refusal('invalid_schema', 'two assignments with one id', ['members']);
  const known = new Set(ids);
  const seen = new Set<string>();
  for (const { memberId, identityNumber } of next.memberIdentities) {
    const m = IDENTITY_NUMBER.exec(identityNumber);
    if (!known.has(memberId) || seen.has(memberId) || !m || !identityNumberKind(m[1], m[2]!, m[3]!))
      throw new Refusal('invalid_schema', `identity number of ${memberId}: not one valid YYYYMMDD-NNNN of an assignment`, [
        'memberIdentities',
      ]);
    seen.add(memberId);
  }
  const linkedBefore = new Map((prev?.members ?? []).map((m) => [m.id, m.userId]));
  for (const m of next.members) if (linkedBefore.get(m.id) !== m.userId) await userInRegister(w.tx, next.registerId, m.userId, 'members');
  return { written: [], notes: [] };
}
