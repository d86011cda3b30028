import { z } from 'zod';
import { Text, recordBase, recordBaseDeclarations } from './common';
import { declareFields } from './sensitivity';

export const PARTY_KINDS = ['person', 'organisation'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

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
  /**
   * Protected personal data (sekretessmarkering / skyddad folkbokföring): identity number,
   * address, phone and e-mail reach only those with content access to a record naming the party.
   */
  protectedIdentity: z.boolean(),
  /** Names of the fields the server withheld from the receiving user; a stored party has it empty. */
  withheld: z.array(z.string().max(64)).max(64),
});
export type Party = z.infer<typeof Party>;

export const PARTY_FIELDS = declareFields<Party>({
  ...recordBaseDeclarations,
  kind: 'metadata',
  name: 'content',
  idNumber: 'identity',
  email: 'identity',
  phone: 'identity',
  postalAddress: 'identity',
  postalCode: 'identity',
  city: 'identity',
  // That a party is protected is what tells every user to handle it so.
  protectedIdentity: 'metadata',
  withheld: 'derived',
});
