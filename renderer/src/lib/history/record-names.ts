import type { AuditEntry } from '../../../../shared/src';
import type { DiariumDatabase } from '../replica/database';
import { fieldKind } from './field-kinds';

/** The ids of records the changes refer to (a case, a document, a party, a meeting …). */
export function referencedIds(entries: readonly AuditEntry[]): string[] {
  const ids = new Set<string>();
  for (const e of entries) {
    for (const c of e.changes) {
      const kind = fieldKind(e.recordCollection, c.field).kind;
      if (kind !== 'record' && kind !== 'records') continue;
      for (const raw of [c.from, c.to]) {
        if (!raw) continue;
        let parsed: unknown = raw;
        try {
          if (raw.startsWith('[')) parsed = JSON.parse(raw);
        } catch {
          // Cut short at 4000 characters by the server: the names it still holds are not worth guessing.
        }
        for (const id of Array.isArray(parsed) ? parsed : [parsed]) ids.add(String(id));
      }
    }
  }
  return [...ids];
}

/** Each id this replica holds, by the name a person knows it by: number and title, or name. */
export async function recordNames(db: DiariumDatabase, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const wanted = [...ids];
  for (const c of (await db.cases.findByIds(wanted).exec()).values()) names.set(c.id, [c.caseNumber, c.title].filter(Boolean).join(' '));
  for (const d of (await db.documents.findByIds(wanted).exec()).values())
    names.set(d.id, [d.documentNumber, d.title].filter(Boolean).join(' '));
  for (const p of (await db.parties.findByIds(wanted).exec()).values()) names.set(p.id, p.name);
  for (const m of (await db.meetings.findByIds(wanted).exec()).values()) names.set(m.id, m.title);
  return names;
}
