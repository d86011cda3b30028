import {
  Case,
  Document,
  documentTypeAllows,
  isValidIsoDate,
  mandatoryDocumentFields,
  missingCaseFields,
  missingDocumentFields,
  mayRegisterInProcess,
  type ClassNode,
  type Direction,
  type DocumentField,
  type DocumentType,
  type Subject,
} from '../../../../shared/src';
import { collator, fieldLabel } from '../i18n/labels';
import { t } from '../i18n/sv';

/** Field name → Swedish error message. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * Processes matching what the user typed: a code prefix (`1.1` finds `1.1.3`) or words of the
 * title, only selectable nodes. Exact code first, then code matches, then title matches.
 */
export function matchProcesses(classes: readonly ClassNode[], query: string, limit = 50): ClassNode[] {
  const q = query.trim().toLocaleLowerCase('sv');
  const selectable = classes.filter((c) => c.selectable);
  if (!q) return selectable.slice(0, limit);
  const words = q.split(/\s+/);
  const scored: { node: ClassNode; score: number }[] = [];
  for (const node of selectable) {
    const title = node.title.toLocaleLowerCase('sv');
    const label = `${node.code} ${title}`;
    let score = -1;
    if (node.code === q) score = 0;
    else if (node.code.startsWith(q)) score = 1;
    else if (title.startsWith(q)) score = 2;
    else if (words.every((w) => label.includes(w))) score = 3;
    if (score >= 0) scored.push({ node, score });
  }
  scored.sort((a, b) => a.score - b.score || collator.compare(a.node.code, b.node.code));
  return scored.slice(0, limit).map((s) => s.node);
}

/** Document types whose process list holds the process code or a prefix of it. */
export function doctypesForProcess(doctypes: readonly DocumentType[], classCode: string): DocumentType[] {
  if (!classCode) return [];
  return doctypes.filter((d) => documentTypeAllows(d, classCode));
}

/** Dates are typed as registrars write them: `2026-03-05`, also `20260305` or `2026-3-5`. */
export function normalizeDate(text: string): string {
  const s = text.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const loose = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (loose) return `${loose[1]}-${loose[2]!.padStart(2, '0')}-${loose[3]!.padStart(2, '0')}`;
  return s;
}

/** The date field a direction makes mandatory. */
export function dateFieldFor(direction: Direction): 'receivedDate' | 'dispatchedDate' | 'createdDate' {
  return direction === 'incoming' ? 'receivedDate' : direction === 'outgoing' ? 'dispatchedDate' : 'createdDate';
}

/** Fields the form shows for a direction beyond process, type and direction, in tab order. */
export function documentFieldsFor(direction: Direction): DocumentField[] {
  const fields: DocumentField[] = ['title', dateFieldFor(direction)];
  if (direction === 'incoming') fields.push('sender');
  if (direction === 'outgoing') fields.push('recipient');
  return fields;
}

export function isMandatory(direction: Direction, field: DocumentField): boolean {
  return mandatoryDocumentFields(direction).includes(field);
}

interface Issue {
  path: PropertyKey[];
  code: string;
  maximum?: unknown;
}

/** Swedish messages for the zod schema's objections, keyed by field. */
export function schemaErrors(issues: readonly Issue[], collection: 'cases' | 'documents'): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    if (!field || errors[field]) continue;
    const label = fieldLabel(field, collection);
    if (issue.code === 'too_big' && typeof issue.maximum === 'number')
      errors[field] = t('form.error.tooLong', { field: label, max: issue.maximum });
    else if (issue.code === 'too_small') errors[field] = t('form.error.required', { field: label });
    else errors[field] = t('form.error.invalid', { field: label });
  }
  return errors;
}

export function validateCase(record: Case, user: Subject, node: ClassNode | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of missingCaseFields(record)) errors[f] = t('form.error.required', { field: fieldLabel(f, 'cases') });
  if (record.classCode && !errors.classCode) {
    if (!node || !node.selectable) errors.classCode = t('form.error.process');
    else if (!mayRegisterInProcess(user, node)) errors.classCode = t('form.error.processNotAllowed');
  }
  const parsed = Case.safeParse(record);
  if (!parsed.success) return { ...schemaErrors(parsed.error.issues, 'cases'), ...errors };
  return errors;
}

export function validateDocument(
  record: Document,
  user: Subject,
  node: ClassNode | undefined,
  allowedTypes: readonly DocumentType[],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of missingDocumentFields(record)) errors[f] = t('form.error.required', { field: fieldLabel(f, 'documents') });
  if (record.classCode && !errors.classCode) {
    if (!node || !node.selectable) errors.classCode = t('form.error.process');
    else if (!mayRegisterInProcess(user, node)) errors.classCode = t('form.error.processNotAllowed');
  }
  if (record.documentTypeId && !errors.documentTypeId && !allowedTypes.some((d) => d.id === record.documentTypeId)) {
    errors.documentTypeId = t('form.error.doctype');
  }
  for (const f of ['receivedDate', 'dispatchedDate', 'createdDate'] as const) {
    if (record[f] && !errors[f] && !isValidIsoDate(record[f])) errors[f] = t('form.error.date', { field: fieldLabel(f) });
  }
  const parsed = Document.safeParse(record);
  if (!parsed.success) return { ...schemaErrors(parsed.error.issues, 'documents'), ...errors };
  return errors;
}
