import type Database from 'better-sqlite3';
import type { ArchiveReads, ArchiveSettingsRow, ArchiveTx, TransferPatch, TransferRow } from './archive-storage';

interface SettingsDb {
  generation: ArchiveSettingsRow['generation'];
  archive_name: string;
  archive_id: string;
  after_receipt: ArchiveSettingsRow['afterReceipt'];
  after_years: number;
  updated_by: string;
  updated_at: string;
}

interface TransferDb {
  id: string;
  register_id: string;
  kind: TransferRow['kind'];
  selection_json: string;
  numbers_json: string;
  generation: TransferRow['generation'];
  state: TransferRow['state'];
  done: number;
  total: number;
  package_name: string;
  objid: string;
  mets_sha256: string;
  versions_json: string;
  error: string;
  created_by: string;
  created_by_name: string;
  created_at: string;
  receipt_kind: TransferRow['receiptKind'];
  receipt_note: string;
  confirmed_by: string;
  confirmed_at: string;
}

const transferOut = (r: TransferDb): TransferRow => ({
  id: r.id,
  registerId: r.register_id,
  kind: r.kind,
  selection: JSON.parse(r.selection_json) as string[],
  numbers: JSON.parse(r.numbers_json) as string[],
  generation: r.generation,
  state: r.state,
  done: r.done,
  total: r.total,
  packageName: r.package_name,
  objid: r.objid,
  metsSha256: r.mets_sha256,
  versions: JSON.parse(r.versions_json) as TransferRow['versions'],
  error: r.error,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  createdAt: r.created_at,
  receiptKind: r.receipt_kind,
  receiptNote: r.receipt_note,
  confirmedBy: r.confirmed_by,
  confirmedAt: r.confirmed_at,
});

/** Column of each patchable field (a fixed map: no field name reaches the SQL unchecked). */
const PATCH_COLUMNS: Record<keyof TransferPatch, string> = {
  state: 'state',
  done: 'done',
  total: 'total',
  packageName: 'package_name',
  objid: 'objid',
  metsSha256: 'mets_sha256',
  versions: 'versions_json',
  error: 'error',
  receiptKind: 'receipt_kind',
  receiptNote: 'receipt_note',
  confirmedBy: 'confirmed_by',
  confirmedAt: 'confirmed_at',
};

export function archiveReads(db: Database.Database): ArchiveReads {
  return {
    settings: async () => {
      const r = db.prepare<[], SettingsDb>('SELECT * FROM archive_settings WHERE id = 1').get();
      return r
        ? {
            generation: r.generation,
            archiveName: r.archive_name,
            archiveId: r.archive_id,
            afterReceipt: r.after_receipt,
            afterYears: r.after_years,
            updatedBy: r.updated_by,
            updatedAt: r.updated_at,
          }
        : null;
    },
    transfer: async (id) => {
      const r = db.prepare<[string], TransferDb>('SELECT * FROM archive_transfers WHERE id = ?').get(id);
      return r ? transferOut(r) : null;
    },
    transfers: async (registerId) =>
      db
        .prepare<[string], TransferDb>('SELECT * FROM archive_transfers WHERE register_id = ? ORDER BY created_at DESC, id')
        .all(registerId)
        .map(transferOut),
    openTransfers: async () =>
      db
        .prepare<[], TransferDb>("SELECT * FROM archive_transfers WHERE state IN ('running', 'interrupted', 'failed', 'written')")
        .all()
        .map(transferOut),
  };
}

export function archiveTx(w: Database.Database): ArchiveTx {
  return {
    ...archiveReads(w),
    putSettings: async (s) => {
      w.prepare(
        `INSERT INTO archive_settings (id, generation, archive_name, archive_id, after_receipt, after_years, updated_by, updated_at)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET generation = excluded.generation,
         archive_name = excluded.archive_name, archive_id = excluded.archive_id, after_receipt = excluded.after_receipt,
         after_years = excluded.after_years, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ).run(s.generation, s.archiveName, s.archiveId, s.afterReceipt, s.afterYears, s.updatedBy, s.updatedAt);
    },
    insertTransfer: async (t) => {
      w.prepare(
        `INSERT INTO archive_transfers (id, register_id, kind, selection_json, numbers_json, generation, state, done, total,
           package_name, objid, mets_sha256, versions_json, error, created_by, created_by_name, created_at,
           receipt_kind, receipt_note, confirmed_by, confirmed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        t.id,
        t.registerId,
        t.kind,
        JSON.stringify(t.selection),
        JSON.stringify(t.numbers),
        t.generation,
        t.state,
        t.done,
        t.total,
        t.packageName,
        t.objid,
        t.metsSha256,
        JSON.stringify(t.versions),
        t.error,
        t.createdBy,
        t.createdByName,
        t.createdAt,
        t.receiptKind,
        t.receiptNote,
        t.confirmedBy,
        t.confirmedAt,
      );
    },
    updateTransfer: async (id, patch) => {
      const entries = Object.entries(patch) as [keyof TransferPatch, unknown][];
      if (entries.length === 0) return;
      const sets = entries.map(([k]) => `${PATCH_COLUMNS[k]} = ?`).join(', ');
      const values = entries.map(([k, v]) => (k === 'versions' ? JSON.stringify(v) : v));
      w.prepare(`UPDATE archive_transfers SET ${sets} WHERE id = ?`).run(...values, id);
    },
    interruptRunning: async () =>
      w
        .prepare<[], { id: string }>("UPDATE archive_transfers SET state = 'interrupted' WHERE state = 'running' RETURNING id")
        .all()
        .map((r) => r.id),
  };
}
