import { z } from 'zod';
import { Text, recordBase, recordBaseDeclarations } from './common';
import { declareFields } from './sensitivity';

export const PARTY_KINDS = ['person', 'organisation'] as const;

/** A party or correspondent (Motpart / Avsändare / Mottagare) in the register's address book. */
export const Party = z.object({
  ...recordBase,
  kind: z.enum(PARTY_KINDS),
  name: Text(300).min(1),
  /** Organisationsnummer or personnummer; held as given. */
  idNumber: z.string().max(20),
  email: z.string().max(254),
  phone: z.string().max(40),
  postalAddress: Text(300),
  postalCode: z.string().max(10),
  city: Text(100),
});
export type Party = z.infer<typeof Party>;

export const PARTY_FIELDS = declareFields<Party>({
  ...recordBaseDeclarations,
  kind: 'metadata',
  name: 'content',
  idNumber: 'content',
  email: 'content',
  phone: 'content',
  postalAddress: 'content',
  postalCode: 'content',
  city: 'content',
});
