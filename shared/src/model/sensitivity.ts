/**
 * What a field of a replicated record is, for deciding who receives it. Every field of every
 * record type declares one next to its schema (a missing or extra declaration does not compile,
 * and a test walks the schemas); the projection (`rules/projection.ts`) is derived from these
 * declarations alone, so a field added later is withheld until it says otherwise.
 *
 * - `metadata`: register metadata, sent to everyone who receives the record, restricted or not
 *   (that it exists, its number, dates, process, status, the restriction and its legal ground).
 * - `content`: withheld when the record, or what it inherits from, is restricted and the user
 *   has no content access.
 * - `shieldable`: content that a shield (skydd) can also withhold on its own.
 * - `access`: who is involved and why (access lists, restriction notes, shields): withheld from
 *   anyone without content access as soon as anything of the record is guarded.
 * - `working`: working data that may quote any guarded part (masking drafts): follows the
 *   strictest restriction of the record, its shields and its restricted files.
 * - `identity`: how to find a person (personal identity number, address, phone, e-mail):
 *   content, and also withheld when the person has protected personal data.
 * - `derived`: computed by the projection itself for the receiving user, never stored.
 */
export const SENSITIVITIES = ['metadata', 'content', 'shieldable', 'identity', 'access', 'working', 'derived'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** A declaration for every field of a record type: no more, no fewer. */
export type FieldDeclarations<T> = { readonly [K in keyof T]-?: Sensitivity };

/** Declares the fields of a record type (the type parameter makes the list exhaustive). */
export function declareFields<T>(declarations: FieldDeclarations<T>): FieldDeclarations<T> {
  return declarations;
}

/** The fields of a declaration with one of the given sensitivities, in declaration order. */
export function fieldsDeclared<T>(declarations: FieldDeclarations<T>, ...kinds: Sensitivity[]): (keyof T & string)[] {
  return (Object.keys(declarations) as (keyof T & string)[]).filter((k) => kinds.includes(declarations[k]));
}
