import { z } from 'zod';
import { isValidIsoDate } from '../rules/dates';

/** Record ids are client-generated UUIDs so that offline registration needs no server round trip. */
export const Id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
/**
 * Calendar date without time zone, as FGS wants it: YYYY-MM-DD, and a day the calendar has
 * (CITS ERMS refuses 2025-13-01 in a package long after it was registered).
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine(isValidIsoDate, 'not a calendar date');
/** Server timestamp, ISO 8601 in UTC. */
export const IsoTimestamp = z.string().max(40);

/**
 * Fields every replicated record carries. `syncVersion` and `updatedAt` are assigned by the
 * server on each accepted write; a client's values for them are ignored.
 */
export const recordBase = {
  id: Id,
  registerId: Id,
  syncVersion: z.number().int().min(0),
  updatedAt: IsoTimestamp,
};

/** Every record's base fields are register metadata. */
export const recordBaseDeclarations = { id: 'metadata', registerId: 'metadata', syncVersion: 'metadata', updatedAt: 'metadata' } as const;

/** Fields the server owns on every record: a client's proposal for them is overwritten. */
export const SERVER_OWNED_BASE = ['syncVersion', 'updatedAt'] as const;

export const MAX_TEXT = 2000;
export const Text = (max = MAX_TEXT) => z.string().max(max);
