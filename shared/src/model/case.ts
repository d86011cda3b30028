import { z } from 'zod';
import { correctionFieldDeclarations, correctionFields } from './correction';
import { restrictionFieldDeclarations, restrictionFields } from './restriction';
import { declareFields } from './sensitivity';
import { Id, IsoDate, IsoTimestamp, Text, recordBase, recordBaseDeclarations } from './common';

export const CASE_STATUSES = ['registered_unchecked', 'registered', 'closed', 'annulled', 'disposed', 'archived'] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** A case (ärende). Number fields are '' / 0 until the server assigns them. */
export const Case = z.object({
  ...recordBase,
  /** `KS 2026-00042` (ArkivobjektID); '' while provisional. */
  caseNumber: z.string().max(40),
  year: z.number().int().min(0).max(9999),
  /** Löpnummer within register and year; 0 while provisional. */
  serial: z.number().int().min(0),
  /** Ärendemening. */
  title: Text(500).min(1),
  classCode: z.string().min(1).max(32),
  status: CaseStatus,
  responsibleUserId: z.string().max(64),
  /** Free text, e.g. the unit handling the case. */
  unit: Text(200),
  partyIds: z.array(Id).max(200),
  description: Text(4000),
  /** Date the case was opened (registered), assigned by the server. */
  registeredDate: z.union([IsoDate, z.literal('')]),
  closedDate: z.union([IsoDate, z.literal('')]),
  createdBy: z.string().max(64),
  createdAt: IsoTimestamp,
  /**
   * Inverted registration time, so an ascending index serves newest-first lists
   * (RxDB cannot sort descending from an index).
   */
  newestKey: z.string().max(20),
  /** Next document serial inside the case; server-owned. */
  nextDocumentSerial: z.number().int().min(1),
  ...correctionFields,
  ...restrictionFields,
});
export type Case = z.infer<typeof Case>;

export const CASE_FIELDS = declareFields<Case>({
  ...recordBaseDeclarations,
  caseNumber: 'metadata',
  year: 'metadata',
  serial: 'metadata',
  title: 'shieldable',
  classCode: 'metadata',
  status: 'metadata',
  responsibleUserId: 'metadata',
  unit: 'shieldable',
  partyIds: 'shieldable',
  description: 'shieldable',
  registeredDate: 'metadata',
  closedDate: 'metadata',
  createdBy: 'metadata',
  createdAt: 'metadata',
  newestKey: 'metadata',
  nextDocumentSerial: 'metadata',
  ...correctionFieldDeclarations,
  ...restrictionFieldDeclarations,
});
