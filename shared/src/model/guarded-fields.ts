import { CASE_FIELDS, type Case } from './case';
import { DOCUMENT_FIELDS, type Document } from './document';
import { fieldsDeclared } from './sensitivity';

/** The record types that carry restrictions of their own (cases and documents). */
export type RestrictableCollection = 'cases' | 'documents';

/** Fields of a case or document that may be shielded one by one: those declared `shieldable`. */
export const SHIELDABLE_FIELDS: { readonly [C in RestrictableCollection]: readonly string[] } = {
  cases: fieldsDeclared(CASE_FIELDS, 'shieldable'),
  documents: fieldsDeclared(DOCUMENT_FIELDS, 'shieldable'),
};

/**
 * What an unauthorised user still receives of a restricted record: its metadata (that it exists,
 * its number, dates, process and status, and that it is restricted on which ground) and what the
 * projection derives for them. Everything else is withheld.
 */
export const ALWAYS_VISIBLE_FIELDS: { readonly cases: readonly (keyof Case)[]; readonly documents: readonly (keyof Document)[] } = {
  cases: fieldsDeclared(CASE_FIELDS, 'metadata', 'derived'),
  documents: fieldsDeclared(DOCUMENT_FIELDS, 'metadata', 'derived'),
};
