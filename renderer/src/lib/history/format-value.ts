import { fieldLabel, formatBytes, formatDate, formatTimestamp } from '../i18n/labels';
import { t, tn, tryT, type PluralKey } from '../i18n/sv';
import { fieldKind } from './field-kinds';

/** Names of what record values refer to; undefined when this device does not hold it. */
export interface ValueNames {
  user(id: string): string | undefined;
  group(id: string): string | undefined;
  process(code: string): string | undefined;
  doctype(id: string): string | undefined;
  /** A case or document by its number (and title), a party, body or meeting by its name. */
  record(id: string): string | undefined;
}

/** The actor register keeps non-text values as JSON text; conflicts and refusals hold them as they are. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string' || !/^[[{]|^(true|false|\d+)$/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function named(ids: unknown, name: (id: string) => string | undefined, unknown: string): string {
  return list(ids)
    .map((id) => name(String(id)) ?? unknown)
    .join(', ');
}

/** A record value as a person reads it, never an identifier or JSON. */
export function formatValue(collection: string, field: string, raw: unknown, names: ValueNames): string {
  const kind = fieldKind(collection, field);
  const value = kind.kind === 'text' && typeof raw === 'string' && !/^[[{]/.test(raw) ? raw : parsed(raw);
  if (isEmpty(value)) return t('conflict.empty');
  switch (kind.kind) {
    case 'hidden':
      return '';
    case 'date':
      return formatDate(String(value));
    case 'timestamp':
      return formatTimestamp(String(value));
    case 'bytes':
      return typeof value === 'number' ? formatBytes(value) : String(value);
    case 'boolean':
      return value === true ? t('common.yes') : t('common.no');
    case 'enum':
      return tryT(`${kind.prefix}.${String(value)}`, undefined, t('value.other'));
    case 'user':
    case 'users':
      return named(value, (id) => names.user(id), t('value.unknownUser'));
    case 'groups':
      return named(value, (id) => names.group(id), t('value.unknownGroup'));
    case 'process':
      return names.process(String(value)) ?? String(value);
    case 'doctype':
      return names.doctype(String(value)) ?? t('value.unknownDoctype');
    case 'record':
    case 'records':
      return named(value, (id) => names.record(id), t('value.unknownRecord'));
    case 'shields':
      return list(value)
        .map((s) => {
          const shield = s as { field?: string; legalGround?: string };
          return t('value.shield', { field: fieldLabel(String(shield.field ?? ''), collection), ground: String(shield.legalGround ?? '') });
        })
        .join('; ');
    case 'fileRestrictions':
      return list(value)
        .map((r) => t('value.fileRestriction', { ground: String((r as { legalGround?: string }).legalGround ?? '') }))
        .join('; ');
    case 'count':
      return tn(kind.unit as PluralKey, list(value).length);
    case 'text':
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
      // Structured text nobody declared a formatter for: say it changed rather than show JSON.
      return t('value.structured');
  }
}
