import type { Case, Document, FileRecord } from '../../../../shared/src';
import type { InformationRequest } from '../../../../shared/src/model/request';
import { viewOf } from '../replica/sealing';
import type { Replica } from '../replica/replica';
import type { DeliverySource } from './deliver';

/**
 * What a request hands out, read from the local replica: the requested records, the masked
 * copies and their files (loaded once up front, so the package is built from one state).
 */
export async function replicaDeliverySource(replica: Replica, request: InformationRequest): Promise<DeliverySource> {
  const db = replica.db;
  const docs = new Map<string, Document>();
  const cases = new Map<string, Case>();
  const files = new Map<string, FileRecord[]>();
  for (const item of request.items) {
    if (item.targetCollection === 'cases') {
      const c = await db.cases.findOne(item.targetId).exec();
      if (c) cases.set(c.primary, viewOf<Case>(c));
      continue;
    }
    for (const id of [item.targetId, item.maskedDocumentId].filter(Boolean)) {
      const d = await db.documents.findOne(id).exec();
      if (d) docs.set(id, viewOf<Document>(d));
      files.set(
        id,
        (await db.files.find({ selector: { documentId: id } }).exec()).map((f) => f._data as FileRecord),
      );
    }
  }
  return {
    document: (id) => docs.get(id),
    case: (id) => cases.get(id),
    files: (id) => files.get(id) ?? [],
    bytes: async (f) => new Uint8Array(await (await replica.openFile(f.id)).arrayBuffer()),
  };
}
