import { z } from 'zod';
import { Text, recordBase } from './common';

/** A named group of users (a unit, a team of co-officers). Membership is held on the user. */
export const Group = z.object({
  ...recordBase,
  name: Text(200).min(1),
  description: Text(1000),
});
export type Group = z.infer<typeof Group>;
