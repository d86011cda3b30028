import type { AppState } from './app-state.svelte';
import { caseStatusLabel, directionLabel, documentStatusLabel, fieldLabel, formatTimestamp } from './i18n/labels';
import { t } from './i18n/sv';
import type { CaseStatus, Direction, DocumentStatus } from '../../../shared/src';

/**
 * A record value as a person reads it: status and direction in Swedish, user ids as names,
 * process codes with their title. Used by the history, conflicts and refused changes.
 */
export function displayValue(app: AppState, collection: string, field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('conflict.empty');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  switch (field) {
    case 'status':
      return collection === 'cases' ? caseStatusLabel(text as CaseStatus) : documentStatusLabel(text as DocumentStatus);
    case 'direction':
      return directionLabel(text as Direction);
    case 'responsibleUserId':
    case 'createdBy':
    case 'qualityAssuredBy':
    case 'qaReturnBy':
      return app.userName(text);
    case 'qaReturnAt':
      return formatTimestamp(text);
    case 'classCode':
      return app.processLabel(text);
    case 'documentTypeId':
      return app.doctypeById.get(text)?.name ?? text;
    default:
      return text;
  }
}

/** Fields worth showing to a person, in a stable order (replication bookkeeping left out). */
const HIDDEN = new Set([
  'id',
  'registerId',
  'syncVersion',
  'updatedAt',
  'newestKey',
  '_deleted',
  '_meta',
  '_rev',
  '_attachments',
  'nextDocumentSerial',
  'serial',
  'year',
  'createdAt',
  'createdBy',
]);

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The fields of a record a person would look at, empty ones left out. */
export function visibleFields(record: Record<string, unknown>, collection: string): { field: string; label: string; value: unknown }[] {
  return Object.keys(record)
    .filter((f) => !HIDDEN.has(f) && !isEmpty(record[f]))
    .map((f) => ({ field: f, label: fieldLabel(f, collection), value: record[f] }));
}
