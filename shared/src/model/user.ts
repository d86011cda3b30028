import { z } from 'zod';
import { declareFields } from './sensitivity';
import { Id, IsoTimestamp, Text } from './common';
import { SystemRole } from './role';

/**
 * A user as every client may see it (the directory). Password hashes and sessions never live
 * in a replicated record; the server keeps them in its own tables.
 */
export const User = z.object({
  id: Id,
  /** Users are directory entries of the authority; '' would be ambiguous, so the home register is named. */
  registerId: Id,
  syncVersion: z.number().int().min(0),
  updatedAt: IsoTimestamp,
  username: z.string().min(1).max(64),
  displayName: Text(200).min(1),
  roles: z.array(SystemRole).max(8),
  /** Registers the user is a member of: the user receives these registers' records. */
  registerIds: z.array(Id).max(50),
  groupIds: z.array(Id).max(100),
  active: z.boolean(),
});
export type User = z.infer<typeof User>;

/** Directory and configuration records carry no content of their own: every field is metadata. */
export const USER_FIELDS = declareFields<User>({
  id: 'metadata',
  registerId: 'metadata',
  syncVersion: 'metadata',
  updatedAt: 'metadata',
  username: 'metadata',
  displayName: 'metadata',
  roles: 'metadata',
  registerIds: 'metadata',
  groupIds: 'metadata',
  active: 'metadata',
});
