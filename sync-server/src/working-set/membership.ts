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
  return (await recordsOfUnits(storage, collection, [unit])).get(unit) ?? [];
}

/** The records of a windowed collection that belong to each of these units, each unit's by sequence number, in a few indexed reads. */
export async function recordsOfUnits(
  storage: Storage,
  collection: CollectionName,
  units: readonly string[],
): Promise<Map<string, StoredRecord[]>> {
  let found: StoredRecord[];
  switch (collection) {
    case 'cases':
      found = await storage.getRecords('cases', units);
      break;
    case 'documents':
      found = [...(await storage.listWhereIn('documents', 'caseId', units)), ...(await storage.getRecords('documents', units))];
      break;
    case 'files':
    case 'flows':
      found = [
        ...(await storage.listWhereIn(collection, 'caseId', units)),
        ...(await storage.listWhereIn(collection, 'documentId', units)),
      ];
      break;
    case 'audit': {
      found = [...(await storage.listWhereIn('audit', 'caseId', units)), ...(await storage.listWhereIn('audit', 'recordId', units))];
      // Entries about the files of a free-standing document name only the file.
      const files = (await storage.listWhereIn('files', 'documentId', units)).filter((f) => f.data.caseId === '');
      if (files.length)
        found.push(
          ...(await storage.listWhereIn(
            'audit',
            'recordId',
            files.map((f) => f.id),
          )),
        );
      break;
    }
    default:
      return new Map();
  }
  const unique = [...new Map(found.map((r) => [r.id, r])).values()].sort((a, b) => a.seq - b.seq);
  const unitOfEach = await unitsOf(storage, unique);
  const out = new Map<string, StoredRecord[]>(units.map((u) => [u, []]));
  unique.forEach((r, i) => out.get(unitOfEach[i]!)?.push(r));
  return out;
}
