import { z } from 'zod';

/**
 * The working-set API (issue 15): the window setting, pins ("Tillgänglig offline") and on-demand
 * opens. Every change makes the user's sockets pull; replication then brings what entered the
 * window and stripped tombstones for what left it.
 *
 * - `GET  WORKING_SET_API.root` → `WorkingSetResponse`
 * - `PUT  WORKING_SET_API.root` `{months}` → `WorkingSetResponse`; 400 `{error: 'window_not_a_number' | 'window_out_of_range'}`
 * - `PUT | DELETE WORKING_SET_API.pin(collection, id)` → `WorkingSetResponse`; 404 `{error: 'not_found'}`
 *   (a record that does not exist and one the user may not read get the same bytes)
 * - `POST WORKING_SET_API.open` `{collection, id}` → `OpenResponse`, records projected exactly as a pull sends them; 404 as above
 */
export const WORKING_SET_API = {
  root: '/api/working-set',
  pins: '/api/working-set/pins/',
  pin: (collection: PinCollection, id: string) => `/api/working-set/pins/${collection}/${encodeURIComponent(id)}`,
  open: '/api/working-set/open',
} as const;

export const PinCollection = z.enum(['cases', 'documents']);
export type PinCollection = z.infer<typeof PinCollection>;

export const WorkingSetPin = z.object({
  collection: PinCollection,
  id: z.string(),
  kind: z.enum(['pin', 'opened']),
  /** When pinned or last opened (ms since the epoch). */
  at: z.number(),
});
export type WorkingSetPin = z.infer<typeof WorkingSetPin>;

export const WorkingSetResponse = z.object({ months: z.number().int(), pins: z.array(WorkingSetPin) });
export type WorkingSetResponse = z.infer<typeof WorkingSetResponse>;

/** The record shapes the client holds (`currentSchemaVersions()`), so the answer comes in them. */
const StatedSchema = z.record(z.string().regex(/^[a-z]{1,32}$/), z.number().int().min(0).max(9999));
export const OpenRequest = z.object({ collection: PinCollection, id: z.string().min(1).max(64), schema: StatedSchema.optional() }).strict();
/**
 * The shapes of a client that does not state its own: it is from before the statement, when the
 * route came (protocol 3), and held every collection the answer carries at version 0.
 */
export const OPEN_UNSTATED_SCHEMA: Readonly<Record<string, number>> = { cases: 0, documents: 0, files: 0 };
export type OpenRequest = z.infer<typeof OpenRequest>;

const Wire = z.record(z.string(), z.unknown());
export const OpenResponse = z.object({
  records: z.object({ cases: z.array(Wire), documents: z.array(Wire), files: z.array(Wire) }),
});
export type OpenResponse = z.infer<typeof OpenResponse>;

/** The errors of the working-set API (`window_*` from `parseWindowMonths`). */
export type WorkingSetError = 'window_not_a_number' | 'window_out_of_range' | 'not_found' | 'bad_request' | 'unauthorized';
