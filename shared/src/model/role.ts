import { z } from 'zod';

/** System roles: one per user is usually enough (domain.md, "Roles"). */
export const SYSTEM_ROLES = [
  'case_officer',
  'registrar',
  'meeting_coordinator',
  'quality_assurer',
  'archivist',
  'administrator',
  'reader',
  'elected_official',
] as const;
export const SystemRole = z.enum(SYSTEM_ROLES);
export type SystemRole = z.infer<typeof SystemRole>;

/** Process roles are taken per case, not per login. */
export const PROCESS_ROLES = ['distributor', 'dispatcher', 'approver', 'decision_maker'] as const;
export const ProcessRole = z.enum(PROCESS_ROLES);
export type ProcessRole = z.infer<typeof ProcessRole>;
