import type { Case } from '../model/case';
import type { Direction, Document } from '../model/document';
import type { FileRecord } from '../model/file';
import type { Party } from '../model/party';
import type { RecordRestrictionKind } from '../model/restriction';
import { effectiveRestriction, isRestricted, mayReadFile, type AccessSubject, type Guarded, type GuardedDocument } from './access';
import { identityNumberKind } from './sensitive-data';

/**
 * What the public gets of the register (the public register list, web publication), and the
 * publication safety gate in front of it. Two layers on purpose:
 *
 * - `publicDocument` is the policy: whatever it is given, its output holds nothing a public reader
 *   may not see: a restricted record's content, a shielded field, a protected-identity party, or
 *   a personal identity number in any text (replaced by `PNR_REDACTED`, so the rest of the title
 *   stays readable and the reader sees that something was removed).
 * - `publicationGate` decides per item whether it goes out at all, with reasons for the
 *   publisher. It blocks every item the policy would have to alter: a title with a personnummer is
 *   a registration error to correct at the source, not a text to publish altered. So the list
 *   shows records as registered, and the policy's redaction is the backstop should the gate's
 *   answer ever be bypassed.
 */

/**
 * The policy's version: raise it with any change to what passes or what goes out (here, or in the
 * restriction and identity-number rules it calls). The server keeps every document's decided entry
 * (sync-server/src/storage/public-list-entries.ts) and decides them all again when this differs.
 */
export const PUBLIC_OUTPUT_POLICY_VERSION = 1;

/** The public: no name, no groups, no second factor. */
const PUBLIC: AccessSubject = { id: '', roles: ['reader'], registerIds: [], groupIds: [], active: true, secondFactorFresh: false };

/** What replaces a personal identity number found in published text. */
export const PNR_REDACTED = '[personnummer borttaget]';

// ---------------------------------------------------------------- personal identity numbers in text

/**
 * The 10-digit core of a personnummer or samordningsnummer as people write one: 6 digits, an
 * optional hyphen, plus or dash (with a space either side), 4 digits; tried at every position. Deliberately without word boundaries
 * (`ABC8112189876`, a number inside a longer digit run): a false positive costs a redaction, a
 * miss a leak. Date and Luhn decide (identityNumberKind), so dates, case numbers
 * (`KS 2026-00042`) and organisation numbers (month 20 or more) are left alone.
 */
const CANDIDATE = /(?=(\d{6})([ \u00A0]?[-+\u2010-\u2015\u2212]?[ \u00A0]?)(\d{4}))/g;

/**
 * Characters that render as nothing (zero-width, soft hyphen, bidi controls) and control
 * characters: published text loses them, so none can hide a number from the check.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;

/** The form text is published in: compatibility forms folded (full-width digits → ASCII), invisibles removed. */
export function publishableText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, (c) => (c === '\n' || c === '\t' ? c : ''));
}

/**
 * Spans [start, end) of `text` that read as a valid personnummer or samordningsnummer. Every
 * 10-digit form is tried at every position; the 12-digit form holds one, and a span takes the two
 * digits before it with it (the century, or whatever digits they are).
 */
export function identityNumberSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const [, yymmdd, gap, last4] = m as unknown as [string, string, string, string];
    if (identityNumberKind(undefined, yymmdd, last4) === null) continue;
    let start = m.index;
    while (start > m.index - 2 && start > 0 && /\d/.test(text[start - 1]!)) start--;
    spans.push({ start, end: m.index + yymmdd.length + gap.length + last4.length });
  }
  return spans;
}

/** Whether published text would contain a personal identity number. */
export function containsIdentityNumber(text: string): boolean {
  return identityNumberSpans(publishableText(text)).length > 0;
}

/** Published text with every personal identity number replaced by `PNR_REDACTED`. */
export function redactIdentityNumbers(text: string): string {
  let out = publishableText(text);
  // Replacing can only break digit runs, never join them; the loop proves it rather than assumes it.
  for (let spans = identityNumberSpans(out); spans.length > 0; spans = identityNumberSpans(out)) {
    let next = '';
    let at = 0;
    for (const s of merge(spans)) {
      next += out.slice(at, s.start) + PNR_REDACTED;
      at = s.end;
    }
    out = next + out.slice(at);
  }
  return out;
}

function merge(spans: { start: number; end: number }[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

// ---------------------------------------------------------------- the policy

/** What a party contributes to a decision: whether its personal data is protected, and its name. */
export type PublicationParty = Pick<Party, 'id' | 'name' | 'protectedIdentity'>;

/** One registered document as the public register list shows it. */
export interface PublicDocument {
  id: string;
  documentNumber: string;
  registeredDate: string;
  direction: Direction;
  /** Makulerad: shown as annulled, since its number was taken and the list accounts for every number. */
  annulled: boolean;
  title: string;
  description: string;
  /** The sender of an incoming, the recipient of an outgoing document; '' for one drawn up here. */
  counterpart: string;
  caseNumber: string;
  /** Ärendemening of the document's case; '' for a free-standing document. */
  caseTitle: string;
}

/** Which field of the document names its counterpart, and which party record stands behind it. */
function counterpartOf(doc: Document): { field: 'sender' | 'recipient' | null; partyId: string } {
  if (doc.direction === 'incoming') return { field: 'sender', partyId: doc.senderPartyId };
  if (doc.direction === 'outgoing') return { field: 'recipient', partyId: doc.recipientPartyId };
  return { field: null, partyId: '' };
}

/** The protected-identity parties the document or its case names: their names may appear nowhere. */
function protectedNamed(doc: Document, parentCase: Case | null, parties: readonly PublicationParty[]): PublicationParty[] {
  const named = new Set([doc.senderPartyId, doc.recipientPartyId, ...(parentCase?.partyIds ?? [])].filter((id) => id !== ''));
  return parties.filter((p) => p.protectedIdentity && named.has(p.id) && p.name.trim() !== '');
}

function mentions(text: string, names: readonly PublicationParty[]): boolean {
  const folded = publishableText(text).toLocaleLowerCase('sv');
  return names.some((p) => folded.includes(publishableText(p.name).toLocaleLowerCase('sv').trim()));
}

/**
 * The single decision for what the public gets of a registered document: number, registration
 * date, direction, whether it is annulled, title, description, counterpart, case number and the
 * case's title. Withheld (''): all text of a restricted document or one in a restricted case, a
 * shielded field (of the document, or the case's title), the counterpart when it is a
 * protected-identity party, any text naming a protected-identity party of the document or case.
 * Personal identity numbers in what remains are redacted.
 */
export function publicDocument(doc: Document, parentCase: Case | null, parties: readonly PublicationParty[] = []): PublicDocument {
  const restricted = isRestricted(doc, parentCase);
  const docShielded = new Set(doc.shields.map((s) => s.field));
  const caseShielded = new Set((parentCase?.shields ?? []).map((s) => s.field));
  const hidden = protectedNamed(doc, parentCase, parties);
  const { field, partyId } = counterpartOf(doc);
  const counterpartProtected = partyId !== '' && parties.some((p) => p.id === partyId && p.protectedIdentity);
  const text = (value: string, withheld: boolean) =>
    restricted || withheld || mentions(value, hidden) ? '' : redactIdentityNumbers(value);
  return {
    id: doc.id,
    documentNumber: doc.documentNumber,
    registeredDate: doc.registeredDate,
    direction: doc.direction,
    annulled: doc.status === 'annulled',
    title: text(doc.title, docShielded.has('title')),
    description: text(doc.description, docShielded.has('description')),
    counterpart: field ? text(doc[field], docShielded.has(field) || docShielded.has(`${field}PartyId`) || counterpartProtected) : '',
    caseNumber: parentCase?.caseNumber ?? '',
    caseTitle: parentCase ? text(parentCase.title, caseShielded.has('title')) : '',
  };
}

/** Whether a file may be published at all: an open document without shields or file restrictions. */
export function publicFile(file: Pick<FileRecord, 'fileKey'>, doc: GuardedDocument, parentCase?: Guarded | null): boolean {
  return !isRestricted(doc, parentCase) && doc.shields.length === 0 && mayReadFile(PUBLIC, file, doc, parentCase);
}

// ---------------------------------------------------------------- the publication safety gate

/** Where in an item a finding was made. */
export type PublicationField = 'title' | 'description' | 'sender' | 'recipient' | 'caseTitle' | 'fileName' | 'fileText';

/** Why an item may not be published. Reasons name fields and kinds, never the values found. */
export type BlockReason =
  | { kind: 'restricted'; restrictionKind: Exclude<RecordRestrictionKind, 'none'>; legalGround: string; inherited: boolean }
  | { kind: 'shielded'; record: 'document' | 'case'; field: string }
  | { kind: 'protected-identity'; field: PublicationField }
  | { kind: 'personal-identity-number'; field: PublicationField }
  | { kind: 'file-restricted' }
  | { kind: 'file-text-unchecked' };

export type GateResult<T> = { verdict: 'pass'; output: T } | { verdict: 'block'; reasons: BlockReason[] };

/** The document's and its case's published texts, by the field the publisher knows them as. */
function publishedTexts(doc: Document, parentCase: Case | null): [PublicationField, string][] {
  const { field } = counterpartOf(doc);
  const texts: [PublicationField, string][] = [
    ['title', doc.title],
    ['description', doc.description],
  ];
  if (field) texts.push([field, doc[field]]);
  if (parentCase) texts.push(['caseTitle', parentCase.title]);
  return texts;
}

/**
 * The publication safety gate for one entry of the register list: pass with exactly what goes
 * out, or block with every reason (restricted, shielded fields, a protected-identity party named
 * as counterpart or in any text, a personal identity number in any text: where).
 */
export function publicationGate(
  doc: Document,
  parentCase: Case | null,
  parties: readonly PublicationParty[] = [],
): GateResult<PublicDocument> {
  const reasons: BlockReason[] = [];
  if (isRestricted(doc, parentCase)) {
    const r = effectiveRestriction(doc, parentCase);
    reasons.push({
      kind: 'restricted',
      restrictionKind: r.kind as Exclude<RecordRestrictionKind, 'none'>,
      legalGround: r.legalGround,
      inherited: doc.restrictionKind === 'none',
    });
  }
  for (const s of doc.shields) reasons.push({ kind: 'shielded', record: 'document', field: s.field });
  for (const s of parentCase?.shields ?? []) reasons.push({ kind: 'shielded', record: 'case', field: s.field });
  const { field, partyId } = counterpartOf(doc);
  if (field && partyId !== '' && parties.some((p) => p.id === partyId && p.protectedIdentity))
    reasons.push({ kind: 'protected-identity', field });
  const hidden = protectedNamed(doc, parentCase, parties);
  for (const [where, value] of publishedTexts(doc, parentCase)) {
    if (mentions(value, hidden) && !reasons.some((r) => r.kind === 'protected-identity' && r.field === where))
      reasons.push({ kind: 'protected-identity', field: where });
    if (containsIdentityNumber(value)) reasons.push({ kind: 'personal-identity-number', field: where });
  }
  return reasons.length > 0 ? { verdict: 'block', reasons } : { verdict: 'pass', output: publicDocument(doc, parentCase, parties) };
}

/** A file as the public may download it. */
export interface PublicFile {
  id: string;
  name: string;
  mediaType: string;
  size: number;
}

/**
 * The gate for a file of a passing entry: the policy's `publicFile`, then its text as extracted
 * on the server (`null`: not extracted, or extraction failed; then it cannot be checked and is
 * not published) and its name must hold no personal identity number and no protected party's name.
 */
export function fileGate(
  file: Pick<FileRecord, 'id' | 'fileKey' | 'name' | 'mediaType' | 'size'>,
  doc: Document,
  parentCase: Case | null,
  fileText: string | null,
  parties: readonly PublicationParty[] = [],
): GateResult<PublicFile> {
  if (!publicFile(file, doc, parentCase)) return { verdict: 'block', reasons: [{ kind: 'file-restricted' }] };
  const reasons: BlockReason[] = [];
  const hidden = protectedNamed(doc, parentCase, parties);
  const texts: [PublicationField, string | null][] = [
    ['fileName', file.name],
    ['fileText', fileText],
  ];
  for (const [where, value] of texts) {
    if (value === null) {
      reasons.push({ kind: 'file-text-unchecked' });
      continue;
    }
    if (mentions(value, hidden)) reasons.push({ kind: 'protected-identity', field: where });
    if (containsIdentityNumber(value)) reasons.push({ kind: 'personal-identity-number', field: where });
  }
  return reasons.length > 0
    ? { verdict: 'block', reasons }
    : { verdict: 'pass', output: { id: file.id, name: publishableText(file.name), mediaType: file.mediaType, size: file.size } };
}

// ---------------------------------------------------------------- publishing a document

/** What publishing a document depends on: its status, whether its register is on the public list, and the gate's decisions. */
export interface PublishInput {
  status: Document['status'];
  registerListed: boolean;
  entry: GateResult<PublicDocument>;
  files: readonly GateResult<PublicFile>[];
}

/**
 * Whether a document may be published on the web now, or why not (the first reason that applies):
 * only a registered document, only in a register on the public list, only when the gate passes
 * the entry and every file (a blocked file is never published, and none is left out silently),
 * and only with at least one file (publishing puts files on the web).
 */
export function publishRefusal(p: PublishInput): 'not_registered' | 'register_unlisted' | 'publication_blocked' | 'no_files' | null {
  if (p.status !== 'registered' && p.status !== 'registered_unchecked') return 'not_registered';
  if (!p.registerListed) return 'register_unlisted';
  if (p.entry.verdict === 'block' || p.files.some((f) => f.verdict === 'block')) return 'publication_blocked';
  if (p.files.length === 0) return 'no_files';
  return null;
}
