import type { User } from '../model/user';
import { hasPermission, isMember, type Subject } from './policy';

/**
 * Who may issue an enrolment code for a user or reset their second factor: an administrator
 * (config.edit) of the user's home register, never for themselves — otherwise an administrator's
 * password alone would enrol a second factor (the first administrator's own code comes from
 * `npm run admin -- create-admin`).
 */
export function mayManageSecondFactor(actor: Subject & Pick<User, 'id'>, target: Pick<User, 'id' | 'registerId'>): boolean {
  return actor.id !== target.id && hasPermission(actor, 'config.edit') && isMember(actor, target.registerId);
}
