import { collectionVersion, downgradeRecord, migrateRecord, type CollectionName, type PushRow } from '../../../shared/src';

type Wire = Record<string, unknown>;

/**
 * The record shapes one client holds (stated when its socket opened). During the transition
 * period after a shape change (`servableTo`), records go out to an older client in its shape
 * and what it pushes is brought to the current shape first, by the same steps the replica runs.
 */
export class ClientShapes {
  constructor(private readonly schema: Readonly<Record<string, number>>) {}

  private behind(collection: CollectionName): number | null {
    const held = this.schema[collection];
    return held !== undefined && held < collectionVersion(collection) ? held : null;
  }

  outgoing(collection: CollectionName, documents: Wire[]): Wire[] {
    const held = this.behind(collection);
    return held === null ? documents : documents.map((d) => downgradeRecord(collection, held, d));
  }

  incoming(collection: CollectionName, rows: readonly PushRow[]): PushRow[] {
    const held = this.behind(collection);
    if (held === null) return [...rows];
    return rows.map((r) => ({
      assumedMasterState: r.assumedMasterState ? migrateRecord(collection, held, r.assumedMasterState) : r.assumedMasterState,
      newDocumentState: migrateRecord(collection, held, r.newDocumentState),
    })) as PushRow[];
  }
}
