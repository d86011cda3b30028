import { randomBytes, randomUUID } from 'node:crypto';
import { User } from '../../../shared/src';
import { ENROLMENT_CODE_TTL_MS } from '../../../shared/src/protocol/second-factor';
import { appendAudit, diffRecord } from '../audit/audit';
import { hashPassword } from '../auth/auth.service';
import { enrolmentCodeHash, newEnrolmentCode } from '../auth/second-factor.service';
import type { Storage } from '../storage/storage';

/** Home register of an administrator created before any register exists. */
export const NO_REGISTER_YET = 'reg-system';

export interface CreatedAdmin {
  user: User;
  /** One-time password: its sessions can do nothing but replace it. */
  password: string;
  /** One-time code for the administrator's own second factor (nobody else can issue it). */
  enrolmentCode: string;
  enrolmentCodeExpiresAt: number;
}

export class CreateAdminError extends Error {}

/**
 * Creates an administrator directly in the data folder (the first one of a production server, or
 * a replacement when every administrator is locked out). A member of every existing register.
 * The user record and its actor-register entry are written together; the credentials carry the
 * must-change flag.
 */
export async function createAdmin(storage: Storage, username: string, nowMs: number): Promise<CreatedAdmin> {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(username)) throw new CreateAdminError('a user name is 1-64 letters a-z, digits, ".", "_" or "-"');
  if (await storage.getCredentials(username)) throw new CreateAdminError(`a user named ${username} already exists`);
  const registerIds = (await storage.pullPage('registers', 0, 50, null)).filter((r) => !r.deleted).map((r) => r.id);
  const at = new Date(nowMs).toISOString();
  const user = User.parse({
    id: `usr-${randomUUID()}`,
    registerId: registerIds[0] ?? NO_REGISTER_YET,
    syncVersion: 1,
    updatedAt: at,
    username,
    displayName: username,
    roles: ['administrator'],
    registerIds,
    groupIds: [],
    active: true,
  });
  const enrolmentCode = newEnrolmentCode();
  const enrolmentCodeExpiresAt = nowMs + ENROLMENT_CODE_TTL_MS;
  await storage.transaction(async (tx) => {
    const stored = await tx.putRecord('users', user);
    await appendAudit(
      tx,
      {
        actor: { id: user.id, displayName: 'npm run admin -- create-admin' },
        at,
        action: 'create',
        collection: 'users',
        record: stored,
        caseId: '',
        label: username,
        changes: diffRecord(null, stored.data),
      },
      randomUUID,
    );
    await tx.putEnrolmentCode({
      userId: user.id,
      codeHash: enrolmentCodeHash(enrolmentCode),
      expiresAt: enrolmentCodeExpiresAt,
      issuedBy: 'create-admin',
      issuedAt: nowMs,
    });
  });
  const password = randomBytes(15).toString('base64url');
  await storage.setCredentials({ userId: user.id, username, passwordHash: await hashPassword(password), mustChangePassword: true });
  return { user, password, enrolmentCode, enrolmentCodeExpiresAt };
}
