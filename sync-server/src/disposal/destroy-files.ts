import type { FileRecord } from '../../../shared/src';
import type { StorageTx, StoredRecord } from '../storage/storage';

/** What a stripped file record keeps: nothing of its name or hash (placeholders the schema accepts). */
const GONE_NAME = 'gallrad';
const GONE_SHA = '0'.repeat(64);

/** Each file record of a document becomes a stripped tombstone; returns them with the blobs they named. */
export async function destroyFiles(tx: StorageTx, documentId: string, at: string): Promise<{ record: StoredRecord; sha: string }[]> {
  const out: { record: StoredRecord; sha: string }[] = [];
  for (const rec of await tx.listWhere('files', 'documentId', documentId)) {
    if (rec.deleted) continue;
    const file = rec.data as unknown as FileRecord;
    const stripped = { ...file, name: GONE_NAME, sha256: GONE_SHA, size: 0, updatedAt: at };
    out.push({ record: await tx.putRecord('files', stripped, true), sha: file.sha256 });
  }
  return out;
}
