import type { CollectionName } from '../../../shared/src';
import type { Storage, StoredRecord } from '../storage/storage';
import { unitOf } from './unit-of';

/** The unit of each record (null: not windowed), resolving entries about files of free-standing documents. */
export async function unitsOf(storage: Storage, records: readonly StoredRecord[]): Promise<(string | null)[]> {
  const refs = records.map((r) => unitOf(r.collection, r.data));
  const fileIds = refs.flatMap((ref) => (ref && 'fileOf' in ref ? [ref.fileOf] : []));
  const files = fileIds.length ? await storage.getRecords('files', fileIds) : [];
  const fileUnit = new Map(files.map((f) => [f.id, String(f.data.caseId || f.data.documentId)]));
  return refs.map((ref) => (ref === null ? null : 'unit' in ref ? ref.unit : (fileUnit.get(ref.fileOf) ?? ref.fileOf)));
}

/** For each record: whether a windowed replica of this user may hold it now (not windowed, or its unit is a member). */
export async function inWindowFlags(storage: Storage, userId: string, records: readonly StoredRecord[]): Promise<boolean[]> {
  const units = await unitsOf(storage, records);
  const members = await storage.workingSets.membersOf(userId, [...new Set(units.filter((u): u is string => u !== null))]);
  return units.map((u) => u === null || members.has(u));
}

/** Every record of a windowed collection that belongs to the unit (a case's or a free-standing document's). */
export async function recordsOfUnit(storage: Storage, collection: CollectionName, unit: string): Promise<StoredRecord[]> {
  let found: StoredRecord[];
  switch (collection) {
    case 'cases':
      found = [await storage.getRecord('cases', unit)].filter((r): r is StoredRecord => r !== null);
      break;
    case 'documents':
      found = [
        ...(await storage.listWhere('documents', 'caseId', unit)),
        ...[await storage.getRecord('documents', unit)].filter((r) => r !== null),
      ];
      break;
    case 'files':
      found = [...(await storage.listWhere('files', 'caseId', unit)), ...(await storage.listWhere('files', 'documentId', unit))];
      break;
    case 'flows':
      found = [...(await storage.listWhere('flows', 'caseId', unit)), ...(await storage.listWhere('flows', 'documentId', unit))];
      break;
    case 'audit': {
      found = [...(await storage.listWhere('audit', 'caseId', unit)), ...(await storage.listWhere('audit', 'recordId', unit))];
      // Entries about the files of a free-standing document name only the file.
      for (const f of await storage.listWhere('files', 'documentId', unit)) {
        if (f.data.caseId === '') found.push(...(await storage.listWhere('audit', 'recordId', f.id)));
      }
      break;
    }
    default:
      return [];
  }
  const unique = [...new Map(found.map((r) => [r.id, r])).values()];
  const units = await unitsOf(storage, unique);
  return unique.filter((_, i) => units[i] === unit).sort((a, b) => a.seq - b.seq);
}
