import { z } from 'zod';
import { Text, recordBase, recordBaseDeclarations } from './common';
import { declareFields } from './sensitivity';

/** A named group of users (a unit, a team of co-officers). Membership is held on the user. */
export const Group = z.object({
  ...recordBase,
  name: Text(200).min(1),
  description: Text(1000),
});
export type Group = z.infer<typeof Group>;

/** Directory and configuration records carry no content of their own: every field is metadata. */
export const GROUP_FIELDS = declareFields<Group>({
  ...recordBaseDeclarations,
  name: 'metadata',
  description: 'metadata',
});
