import { ALWAYS_VISIBLE_FIELDS, SHIELDABLE_FIELDS, placeholderOf, type CollectionName } from '../../../../shared/src';
import { withDerivedFields } from './derived-fields';

type Rec = Record<string, unknown>;

/** Fields the replica keeps in the clear for every record: what anyone may see, and bookkeeping. */
const CLEAR = {
  cases: new Set<string>(ALWAYS_VISIBLE_FIELDS.cases),
  documents: new Set<string>(ALWAYS_VISIBLE_FIELDS.documents),
};
const BOOKKEEPING = new Set(['_deleted', '_meta', '_rev', '_attachments', 'sealed']);

function sealable(collection: CollectionName): collection is 'cases' | 'documents' {
  return collection === 'cases' || collection === 'documents';
}

/**
 * The values of an actor-register entry: what was written, by the record's own restriction or
 * not. The entry does not say whether its record is restricted, so every entry keeps them sealed,
 * and their seals (salt and digest confirm a guessed value) with them.
 */
const AUDIT_VALUES = ['label', 'changes', 'valueSeals'] as const;

/**
 * An agenda item does not say whether the case it reports is restricted either, so every item
 * reporting a case keeps what it quotes of the case sealed; a body keeps its members' personal
 * identity numbers sealed. Meetings and postings are public.
 */
const ITEM_VALUES = ['title', 'proposal', 'decision', 'reservations'] as const;

function meetingFieldsToSeal(rec: Rec): string[] {
  if (rec.kind === 'item' && rec.caseId !== '') return ITEM_VALUES.filter((f) => f in rec);
  if (rec.kind === 'body' && 'memberIdentities' in rec) return ['memberIdentities'];
  return [];
}

/** Which fields of a record hold restricted content the replica must keep encrypted. */
export function fieldsToSeal(collection: CollectionName, rec: Rec): string[] {
  if (collection === 'audit') return AUDIT_VALUES.filter((f) => f in rec);
  if (collection === 'meetings') return meetingFieldsToSeal(rec);
  if (!sealable(collection) || (Array.isArray(rec.withheld) && rec.withheld.length > 0)) return [];
  const restricted = rec.restrictionKind !== 'none' || (rec.inheritedRestriction !== undefined && rec.inheritedRestriction !== 'none');
  if (restricted) return Object.keys(rec).filter((k) => !CLEAR[collection].has(k) && !BOOKKEEPING.has(k));
  const shields = Array.isArray(rec.shields) ? (rec.shields as { field: string }[]) : [];
  const shieldable = SHIELDABLE_FIELDS[collection] as readonly string[];
  const fields = shields.map((s) => s.field).filter((f) => shieldable.includes(f) && f in rec);
  // The shield list itself says which values are protected and on what ground: sealed with them.
  return fields.length ? [...fields, 'shields', 'accessUserIds', 'accessGroupIds', 'restrictionNote'] : [];
}

/**
 * The form a record takes in local storage: restricted content moved into `sealed`, which the
 * database encrypts (RxDB's encryption plugin, key from the OS or derived at sign-in), and
 * empty values in the clear fields. Unrestricted records are stored as they are.
 */
export function sealRecord(collection: CollectionName, rec: Rec): Rec {
  const fields = fieldsToSeal(collection, rec);
  if (fields.length === 0) {
    if (!('sealed' in rec)) return rec;
    const { sealed: _sealed, ...rest } = rec;
    return rest;
  }
  const out: Rec = { ...rec };
  const sealed: Rec = {};
  for (const f of fields) {
    sealed[f] = rec[f];
    out[f] = placeholderOf(rec[f]);
  }
  out.sealed = sealed;
  return out;
}

/** The record with its sealed content back in place: what views show and what is pushed. */
export function unsealRecord<T extends Rec>(rec: T): T {
  const sealed = rec.sealed as Rec | undefined;
  if (!sealed) return rec;
  const { sealed: _sealed, ...rest } = rec;
  return { ...rest, ...sealed } as T;
}

/** Applies an edit to a stored record, writing sealed fields inside `sealed`. */
export function sealedPatch(rec: Rec, patch: Rec): Rec {
  const sealed = rec.sealed as Rec | undefined;
  if (!sealed) return patch;
  const clear: Rec = {};
  const inner: Rec = { ...sealed };
  for (const [k, v] of Object.entries(patch)) {
    if (k in sealed) inner[k] = v;
    else clear[k] = v;
  }
  return { ...clear, sealed: inner };
}

/** A stored RxDB document as views see it: sealed content back in place. */
export function viewOf<T>(doc: { _data: unknown }): T {
  return unsealRecord(doc._data as Rec) as T;
}

/** Saves an edit of a stored record with what is derived from it, keeping restricted content sealed. */
export function patchRecord(
  doc: { _data: unknown; collection: { name: string }; incrementalPatch(patch: never): Promise<unknown> },
  patch: Rec,
): Promise<unknown> {
  const full = withDerivedFields(doc.collection.name, viewOf<Rec>(doc), patch);
  return doc.incrementalPatch(sealedPatch(doc._data as Rec, full) as never);
}
