import type { AppState } from './app-state.svelte';
import { fieldKind } from './history/field-kinds';
import { formatValue, type ValueNames } from './history/format-value';
import { fieldLabel } from './i18n/labels';

/** What record values refer to, by name, from what this device holds; `records` names cases, documents, parties, meetings. */
export function valueNames(app: AppState, records: ReadonlyMap<string, string> = new Map()): ValueNames {
  return {
    user: (id) => app.users.get(id)?.displayName,
    group: (id) => app.allGroups.find((g) => g.id === id)?.name,
    process: (code) => (app.classByCode.has(code) ? app.processLabel(code) : undefined),
    doctype: (id) => app.doctypeById.get(id)?.name,
    record: (id) => records.get(id),
  };
}

/**
 * A record value as a person reads it: statuses and kinds in Swedish, references by name or
 * number, dates the Swedish way, lists by their size; never an identifier or JSON. Used by the
 * history, conflicts and refused changes.
 */
export function displayValue(
  app: AppState,
  collection: string,
  field: string,
  value: unknown,
  records?: ReadonlyMap<string, string>,
): string {
  return formatValue(collection, field, value, valueNames(app, records));
}

/** Whether a person has any use for the field (replication bookkeeping and derived values are not). */
export function isShownField(collection: string, field: string): boolean {
  return fieldKind(collection, field).kind !== 'hidden';
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The fields of a record a person would look at, empty ones left out. */
export function visibleFields(record: Record<string, unknown>, collection: string): { field: string; label: string; value: unknown }[] {
  return Object.keys(record)
    .filter((f) => isShownField(collection, f) && !isEmpty(record[f]))
    .map((f) => ({ field: f, label: fieldLabel(f, collection), value: record[f] }));
}
