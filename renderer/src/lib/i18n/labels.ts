import {
  provisionalRef,
  type AuditAction,
  type CaseStatus,
  type Direction,
  type DocumentStatus,
  type RejectionCode,
  type RetentionRule,
  type SystemRole,
} from '../../../../shared/src';
import type { SignatureCode } from '../../../../shared/src/pdf-signature';
import { t, tn, tryT, type MessageKey } from './sv';

/** Swedish sorting and formatting, shared by every view. */
export const collator = new Intl.Collator('sv', { numeric: true, sensitivity: 'base' });
const dateTime = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' });
const bytes = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 });

export function caseStatusLabel(status: CaseStatus): string {
  return t(`status.case.${status}` as MessageKey);
}

export function documentStatusLabel(status: DocumentStatus): string {
  return t(`status.document.${status}` as MessageKey);
}

export function directionLabel(direction: Direction): string {
  return t(`direction.${direction}` as MessageKey);
}

export function roleLabel(role: SystemRole): string {
  return t(`role.${role}` as MessageKey);
}

/** Why a PDF signature is (in)valid, in Swedish. */
export function signatureCodeLabel(code: SignatureCode): string {
  return t(`signature.code.${code}` as MessageKey);
}

export function auditActionLabel(action: AuditAction): string {
  return t(`audit.action.${action}` as MessageKey);
}

/** Swedish name of a record field; `title` reads differently on cases and documents. */
export function fieldLabel(field: string, collection: 'cases' | 'documents' | string = 'documents'): string {
  if (field === 'title') return t(collection === 'cases' ? 'field.title.case' : 'field.title.document');
  // Never the field's own name: an identifier on screen tells a person nothing.
  return tryT(`field.${field}`, undefined, t('field.unknown'));
}

/** "Uppgiften … Gäller: Rubrik, Inkom (datum)." */
export function rejectionMessage(code: RejectionCode, fields: readonly string[], collection: string): string {
  const base = tryT(`rejection.${code}`, undefined, t('rejection.forbidden'));
  if (fields.length === 0) return base;
  return base + t('rejection.fieldsSuffix', { fields: fields.map((f) => fieldLabel(f, collection)).join(', ') });
}

export function retentionText(rule: RetentionRule, demo: boolean): string {
  let text: string;
  if (rule.action === 'preserve') text = t('retention.preserve');
  else if (rule.trigger === 'on_obsolescence') text = t('retention.onObsolescence');
  else if (rule.periodYears === 0) text = t('retention.disposeAt', { trigger: t(`retention.trigger.${rule.trigger}` as MessageKey) });
  else {
    text = t('retention.dispose', {
      period: tn('retention.years', rule.periodYears),
      trigger: t(`retention.trigger.${rule.trigger}` as MessageKey),
    });
  }
  return demo ? `${text} ${t('retention.demo')}` : text;
}

/** The number, or "Preliminärt ABC123" while the server has not assigned it. */
export function numberOrProvisional(number: string, id: string): string {
  return number !== '' ? number : `${t('provisional.label')} ${provisionalRef(id)}`;
}

/** `2026-03-01 14:05` in Swedish time. */
export function formatTimestamp(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** Calendar dates are kept as YYYY-MM-DD, which is also the Swedish way to write them. */
export function formatDate(date: string): string {
  return date || t('common.none');
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${bytes.format(size / 1024)} kB`;
  return `${bytes.format(size / (1024 * 1024))} MB`;
}
