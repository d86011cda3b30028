import { BehaviorSubject } from 'rxjs';
import type { CollectionName, FieldConflict, Rejection } from '../../../../shared/src';
import type { DiariumDatabase } from './database';
import { patchRecord } from './sealing';
import type { ConflictNotice, RejectionNotice } from './types';

const NOTICES = 'notices';

interface NoticesDoc {
  rejections: RejectionNotice[];
  conflicts: ConflictNotice[];
}

function key(collection: string, id: string): string {
  return `${collection}/${id}`;
}

/**
 * What waits for the user: pushes the server refused (with the values they tried) and same-field
 * conflicts. Kept in an RxDB local document so they survive a restart; until `load` (the
 * database is still opening) they are held in memory only.
 */
export class Notices {
  readonly rejections = new BehaviorSubject<RejectionNotice[]>([]);
  readonly conflicts = new BehaviorSubject<ConflictNotice[]>([]);
  private readonly rejectedIds = new Set<string>();
  private db: DiariumDatabase | null = null;

  constructor(private readonly now: () => number) {}

  async load(db: DiariumDatabase): Promise<void> {
    const saved = await db.getLocal<NoticesDoc>(NOTICES);
    if (saved) {
      this.rejections.next(saved.get('rejections') ?? []);
      this.conflicts.next(saved.get('conflicts') ?? []);
      for (const r of this.rejections.value) this.rejectedIds.add(key(r.collection, r.id));
    }
    this.db = db;
  }

  private async persist(): Promise<void> {
    await this.db?.upsertLocal<NoticesDoc>(NOTICES, { rejections: this.rejections.value, conflicts: this.conflicts.value });
  }

  isRejected(collection: CollectionName, id: string): boolean {
    return this.rejectedIds.has(key(collection, id));
  }

  reportConflicts(collection: CollectionName, id: string, fieldConflicts: FieldConflict[]): void {
    const rest = this.conflicts.value.filter((c) => key(c.collection, c.id) !== key(collection, id));
    this.conflicts.next([...rest, { collection, id, conflicts: fieldConflicts, at: new Date(this.now()).toISOString() }]);
    void this.persist();
  }

  /** A refused push; replaces an earlier refusal of the same record. */
  rejected(collection: CollectionName, r: Rejection, attempted: Record<string, unknown>): void {
    this.rejectedIds.add(key(collection, r.id));
    const rest = this.rejections.value.filter((x) => key(x.collection, x.id) !== key(collection, r.id));
    // An edit refused because the record is restricted is not kept: it holds content of it.
    const kept = r.code === 'restricted' ? {} : attempted;
    this.rejections.next([
      ...rest,
      { collection, id: r.id, code: r.code, fields: r.fields, attempted: kept, at: new Date(this.now()).toISOString() },
    ]);
    void this.persist();
  }

  /** The server took these records: their earlier refusals no longer apply. */
  accepted(collection: CollectionName, ids: readonly string[]): void {
    let changed = false;
    for (const id of ids) changed = this.rejectedIds.delete(key(collection, id)) || changed;
    if (changed) {
      this.rejections.next(this.rejections.value.filter((x) => this.rejectedIds.has(key(x.collection, x.id))));
      void this.persist();
    }
  }

  /** A file the server would not take (it never became a record, so it blocks no push). */
  async refusedUpload(notice: Omit<RejectionNotice, 'at'>): Promise<void> {
    this.rejections.next([...this.rejections.value, { ...notice, at: new Date(this.now()).toISOString() }]);
    await this.persist();
  }

  /** What the user may no longer read leaves the notices too: they keep attempted and conflicting values. */
  forget(collection: CollectionName, ids: readonly string[]): void {
    const drop = new Set(ids.map((id) => key(collection, id)));
    const keptRejections = this.rejections.value.filter((r) => !drop.has(key(r.collection, r.id)));
    const keptConflicts = this.conflicts.value.filter((c) => !drop.has(key(c.collection, c.id)));
    if (keptRejections.length === this.rejections.value.length && keptConflicts.length === this.conflicts.value.length) return;
    for (const k of drop) this.rejectedIds.delete(k);
    this.rejections.next(keptRejections);
    this.conflicts.next(keptConflicts);
    void this.persist();
  }

  /** Keeps one side of a same-field conflict; 'mine' writes the local value again. */
  async resolveConflict(collection: string, id: string, field: string, choice: 'mine' | 'theirs'): Promise<void> {
    const notice = this.conflicts.value.find((c) => c.collection === collection && c.id === id);
    const conflict = notice?.conflicts.find((c) => c.field === field);
    if (!notice || !conflict) return;
    if (choice === 'mine' && this.db) {
      const doc = await this.db[collection as CollectionName].findOne(id).exec();
      if (doc) await patchRecord(doc, { [field]: conflict.mine });
    }
    const left = notice.conflicts.filter((c) => c.field !== field);
    const others = this.conflicts.value.filter((c) => c !== notice);
    this.conflicts.next(left.length ? [...others, { ...notice, conflicts: left }] : others);
    await this.persist();
  }

  async dismissRejection(collection: string, id: string): Promise<void> {
    this.rejectedIds.delete(key(collection, id));
    this.rejections.next(this.rejections.value.filter((r) => key(r.collection, r.id) !== key(collection, id)));
    await this.persist();
  }
}
