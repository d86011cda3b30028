import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import {
  canEditArchiveSettings,
  canTransferToArchive,
  canTransitionCase,
  canTransitionDocument,
  hasPermission,
  projectRecord,
  swedishDate,
  type Case,
  type ClassNode,
  type Document,
  type FileRecord,
  type Flow,
} from '../../../shared/src';
import { packagePaths, type ArchiveGeneration, type PackageHeader } from '../../../shared/src/archive';
import {
  ArchiveReceipt,
  ArchiveSettings,
  DEFAULT_ARCHIVE_SETTINGS,
  type ArchiveRefusal,
  type ArchiveSettingsView,
  type ConfirmReceiptRequest,
  type ProposalFilter,
  type ProposalGroup,
  type ProposedItem,
  type StartTransferRequest,
  type TransferProposals,
  type TransferView,
} from '../../../shared/src/protocol/archive';
import {
  ARCHIVE_TRANSFER_FIELD,
  ARCHIVED_CASE_AUDIT_KEPT,
  ARCHIVED_DOCUMENT_AUDIT_KEPT,
  archivedCaseContent,
  archivedDocumentContent,
} from '../../../shared/src/rules/transfer-due';
import { appendAudit } from '../audit/audit';
import type { BlobStore } from '../files/blob-store';
import type { Logger } from '../logger';
import type { RoomCleanups } from '../room-cleanups/room-cleanups';
import type { PackagedRecord, TransferRow } from '../storage/archive-storage';
import type { Storage, StorageTx, StoredRecord } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';
import type { Actor } from '../sync/apply';
import { latestWrites } from '../sync/latest-writes';
import { AuditReanchoring, checkpointReanchored, planReanchoring, type AuditAnchor } from '../audit/re-anchor';
import { disposeAuditValues, disposeDocumentAuditValues } from '../disposal/audit-values';
import { scrubAfter } from '../disposal/scrub';
import { ArchiveLookup, dueForTransfer, packageSources } from './collect';
import { ArchiveDataFolder } from './data-folder';
import { ArchiveError } from './errors';
import { packageVersion } from './run';
import { addRenditions, renditionCandidates, type PdfAConverter } from './renditions';
import { newPackageHeader, progressTotal, writePackage } from './write-package';

/** A refusal of an archive route: one exact code each. */
export class TransferError extends Error {
  constructor(
    readonly code: ArchiveRefusal,
    detail: string,
  ) {
    super(detail);
    this.name = 'TransferError';
  }
}

export interface TransferDeps {
  storage: Storage;
  contexts: ContextLoader;
  blobs: BlobStore;
  /** The server's data folder: read as a snapshot, packages written under its `archive-out/`. */
  dataDir: string;
  now: () => number;
  newId: () => string;
  log: Logger;
  /** Makes the PDF/A renditions of office documents and pictures (the server's conversion service). */
  converter: PdfAConverter;
  /**
   * Does the room clean-ups owed (here the working notes of records whose content left the
   * register, queued in the receipt's transaction); one that fails is logged and tried again later.
   */
  roomCleanups: Pick<RoomCleanups, 'run'>;
  /** The checkpoint key, for re-anchoring a register whose scheme 1 entries lose values with `remove` (null: they keep them). */
  anchor: AuditAnchor | null;
}

/** A transfer's answer and the actor-register entries its act wrote (for the change feed). */
export interface Recorded {
  view: TransferView;
  written: StoredRecord[];
}

/** Thrown inside a package write when the server stops: the write removes its partial folder. */
class Stopped extends Error {}

/** What a stripped file record keeps once its content left the register: nothing of its name or hash. */
const GONE_NAME = 'arkiverad';
const GONE_SHA = '0'.repeat(64);

/** The package's OBJID as its root METS states it (CSIP: the package name; FGS 1.x: `UUID:<id>`). */
export function packageObjid(generation: ArchiveGeneration, header: PackageHeader): string {
  return generation === 'fgs2' ? header.name : `UUID:${header.id}`;
}

function view(t: TransferRow, progress?: { done: number; total: number }): TransferView {
  return {
    id: t.id,
    registerId: t.registerId,
    kind: t.kind,
    numbers: t.numbers,
    generation: t.generation,
    state: t.state,
    done: progress?.done ?? t.done,
    total: progress?.total ?? t.total,
    packageName: t.packageName,
    objid: t.objid,
    metsSha256: t.metsSha256,
    error: t.error,
    createdBy: t.createdByName,
    createdAt: t.createdAt,
    confirmedBy: t.confirmedBy,
    confirmedAt: t.confirmedAt,
    receiptKind: t.receiptKind,
    receiptNote: t.receiptNote,
  };
}

/**
 * Transfers to the e-archive from the running server (issue 17): what is due, a transfer per
 * selection built in the background from one snapshot of the store into
 * `<data>/archive-out/<transferId>/` (write-package's hidden folder, validated, then renamed), its
 * progress, resuming one a stop interrupted, and the archive's receipt, which makes the records
 * Arkiverad/Arkiverat and, by the authority's setting, takes their content out of the register.
 */
export class ArchiveTransferService {
  private readonly progress = new Map<string, { done: number; total: number }>();
  private readonly jobs = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(private readonly deps: TransferDeps) {}

  private outDir(id: string): string {
    return path.join(this.deps.dataDir, 'archive-out', id);
  }

  private today(): string {
    return swedishDate(this.deps.now());
  }

  /**
   * At start: nothing runs yet, so a transfer still `running` was cut off by a stop; it becomes
   * `interrupted` and whatever it had written is removed (no partial package is ever left).
   */
  async recover(): Promise<void> {
    const ids = await this.deps.storage.transaction((tx) => tx.archive.interruptRunning());
    for (const id of ids) rmSync(this.outDir(id), { recursive: true, force: true });
    if (ids.length > 0) this.deps.log.warn('archive: transfers interrupted by a stop', { ids });
  }

  /** Stops the running builds (each removes its partial folder) and waits for them. */
  async close(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.jobs.values()]);
  }

  /** Resolves when every build started so far has ended (tests). */
  async idle(): Promise<void> {
    while (this.jobs.size > 0) await Promise.allSettled([...this.jobs.values()]);
  }

  private async settingsOrDefault(): Promise<ArchiveSettings & { updatedBy: string; updatedAt: string }> {
    const row = await this.deps.storage.archive.settings();
    return row ?? { ...DEFAULT_ARCHIVE_SETTINGS, updatedBy: '', updatedAt: '' };
  }

  async settings(actor: Actor): Promise<ArchiveSettingsView> {
    if (!canEditArchiveSettings(actor)) throw new TransferError('forbidden', 'may not read the archive settings');
    return { ...(await this.settingsOrDefault()), editable: true };
  }

  async saveSettings(actor: Actor, body: unknown): Promise<ArchiveSettingsView> {
    if (!canEditArchiveSettings(actor)) throw new TransferError('forbidden', 'may not change the archive settings');
    const parsed = ArchiveSettings.safeParse(body);
    if (!parsed.success) throw new TransferError('bad_request', 'bad archive settings');
    const row = { ...parsed.data, updatedBy: actor.displayName, updatedAt: new Date(this.deps.now()).toISOString() };
    await this.deps.storage.transaction((tx) => tx.archive.putSettings(row));
    this.deps.log.info('archive: settings changed', { by: actor.id, ...parsed.data });
    return { ...row, editable: true };
  }

  /** Ids of the records in transfers not yet confirmed (they are not proposed, nor taken again). */
  private static taken(open: readonly TransferRow[]): Set<string> {
    return new Set(open.flatMap((t) => t.selection));
  }

  /** What is due in the register on a snapshot (cases and free-standing documents). */
  private due(
    folder: ArchiveDataFolder,
    registerId: string,
    afterYears: number,
    lookup = new ArchiveLookup(folder),
  ): { cases: Case[]; documents: Document[] } {
    return dueForTransfer(folder, lookup, this.today(), afterYears, registerId);
  }

  /** Titles as the actor may read them ('' where withheld). */
  private async titles(actor: Actor, collection: 'cases' | 'documents', ids: string[]): Promise<Map<string, string>> {
    const recs = await this.deps.storage.getRecords(collection, ids);
    const ctxs = await this.deps.contexts.contexts(recs);
    const out = new Map<string, string>();
    recs.forEach((rec, i) => {
      const seen = projectRecord(actor, collection, rec.data as never, ctxs[i]) as { title?: string } | null;
      out.set(rec.id, seen?.title ?? '');
    });
    return out;
  }

  async proposals(actor: Actor, registerId: string, filter: ProposalFilter): Promise<TransferProposals> {
    if (!canTransferToArchive(actor, registerId)) throw new TransferError('forbidden', 'may not transfer from this register');
    const settings = await this.settingsOrDefault();
    const folder = ArchiveDataFolder.snapshot(this.deps.dataDir);
    let due: { cases: Case[]; documents: Document[] };
    let classes: ClassNode[];
    try {
      due = this.due(folder, registerId, settings.afterYears);
      classes = folder
        .all('classes')
        .map((c) => c as unknown as ClassNode)
        .filter((c) => c.registerId === registerId);
    } finally {
      folder.close();
    }
    const taken = ArchiveTransferService.taken(await this.deps.storage.archive.openTransfers());
    const within = (classCode: string, date: string) =>
      (!filter.classCode || classCode === filter.classCode || classCode.startsWith(`${filter.classCode}.`)) &&
      (!filter.closedFrom || date >= filter.closedFrom) &&
      (!filter.closedTo || date <= filter.closedTo);
    const cases = due.cases.filter((c) => !taken.has(c.id) && within(c.classCode, c.closedDate));
    const documents = due.documents.filter((d) => !taken.has(d.id) && within(d.classCode, d.registeredDate));
    const caseTitles = await this.titles(
      actor,
      'cases',
      cases.map((c) => c.id),
    );
    const docTitles = await this.titles(
      actor,
      'documents',
      documents.map((d) => d.id),
    );
    const classTitle = new Map(classes.map((c) => [c.code, c.title]));
    const groups = new Map<string, ProposalGroup>();
    const group = (code: string): ProposalGroup => {
      let g = groups.get(code);
      if (!g) groups.set(code, (g = { classCode: code, classTitle: classTitle.get(code) ?? '', cases: [], documents: [] }));
      return g;
    };
    const item = (id: string, number: string, title: string, classCode: string, date: string): ProposedItem => ({
      id,
      number,
      title,
      classCode,
      date,
    });
    for (const c of cases) group(c.classCode).cases.push(item(c.id, c.caseNumber, caseTitles.get(c.id) ?? '', c.classCode, c.closedDate));
    for (const d of documents)
      group(d.classCode).documents.push(item(d.id, d.documentNumber, docTitles.get(d.id) ?? '', d.classCode, d.registeredDate));
    const sorted = [...groups.values()].sort((a, b) => a.classCode.localeCompare(b.classCode, 'sv', { numeric: true }));
    for (const g of sorted) {
      g.cases.sort((a, b) => a.number.localeCompare(b.number, 'sv', { numeric: true }));
      g.documents.sort((a, b) => a.number.localeCompare(b.number, 'sv', { numeric: true }));
    }
    const transfers = await this.deps.storage.archive.transfers(registerId);
    return { registerId, today: this.today(), groups: sorted, transfers: transfers.map((t) => view(t, this.progress.get(t.id))) };
  }

  /**
   * Checks a selection on a snapshot: every id a record of the register that the actor receives
   * (else `not_found`, the same answer as for an id that does not exist), and due now
   * (`item_not_due`: an open case, one closed too recently or with nothing to preserve).
   */
  private async checkSelection(
    actor: Actor,
    body: Pick<StartTransferRequest, 'registerId' | 'kind' | 'ids'>,
  ): Promise<{ numbers: string[] }> {
    const settings = await this.settingsOrDefault();
    const folder = ArchiveDataFolder.snapshot(this.deps.dataDir);
    try {
      const due = this.due(folder, body.registerId, settings.afterYears);
      const dueIds = new Set((body.kind === 'cases' ? due.cases : due.documents).map((r) => r.id));
      const numbers: string[] = [];
      for (const id of body.ids) {
        const rec = await this.deps.storage.getRecord(body.kind, id);
        if (!rec || rec.deleted || rec.registerId !== body.registerId) throw new TransferError('not_found', `no such record ${id}`);
        const [ctx] = await this.deps.contexts.contexts([rec]);
        if (!projectRecord(actor, body.kind, rec.data as never, ctx)) throw new TransferError('not_found', `no such record ${id}`);
        if (body.kind === 'documents' && rec.data.caseId !== '') throw new TransferError('item_not_due', `${id} is in a case`);
        if (!dueIds.has(id)) throw new TransferError('item_not_due', `${id} is not due for transfer`);
        numbers.push(String(rec.data.caseNumber ?? rec.data.documentNumber ?? ''));
      }
      return { numbers };
    } finally {
      folder.close();
    }
  }

  /** Starts a transfer; its records' actor-register entries say so (returned for the change feed). */
  async start(actor: Actor, body: StartTransferRequest): Promise<Recorded> {
    if (!canTransferToArchive(actor, body.registerId)) throw new TransferError('forbidden', 'may not transfer from this register');
    const ids = [...new Set(body.ids)];
    const { numbers } = await this.checkSelection(actor, { ...body, ids });
    const settings = await this.settingsOrDefault();
    const row: TransferRow = {
      id: this.deps.newId(),
      registerId: body.registerId,
      kind: body.kind,
      selection: ids,
      numbers,
      generation: settings.generation,
      state: 'running',
      done: 0,
      total: 0,
      packageName: '',
      objid: '',
      metsSha256: '',
      versions: [],
      error: '',
      createdBy: actor.id,
      createdByName: actor.displayName,
      createdAt: new Date(this.deps.now()).toISOString(),
      receiptKind: '',
      receiptNote: '',
      confirmedBy: '',
      confirmedAt: '',
    };
    // Decided inside the transaction: two transfers started at once cannot take the same record.
    const written = await this.deps.storage.transaction(async (tx) => {
      const taken = ArchiveTransferService.taken(await tx.archive.openTransfers());
      const twice = ids.find((id) => taken.has(id));
      if (twice) throw new TransferError('item_in_transfer', `${twice} is in a transfer already`);
      await tx.archive.insertTransfer(row);
      return transferAudit(tx, actor, row, '', 'running', row.createdAt, this.deps.newId);
    });
    this.deps.log.info('archive: transfer started', { id: row.id, by: actor.id, registerId: row.registerId, items: ids.length });
    this.launch(row.id);
    return { view: view(row, this.progress.get(row.id)), written };
  }

  private async readable(actor: Actor, id: string): Promise<TransferRow> {
    if (!hasPermission(actor, 'archive.transfer')) throw new TransferError('forbidden', 'may not transfer to the archive');
    const row = await this.deps.storage.archive.transfer(id);
    // One answer for a transfer that does not exist and one of a register the actor does not transfer from.
    if (!row || !canTransferToArchive(actor, row.registerId)) throw new TransferError('not_found', 'no such transfer');
    return row;
  }

  async get(actor: Actor, id: string): Promise<TransferView> {
    const row = await this.readable(actor, id);
    return view(row, this.progress.get(id));
  }

  async resume(actor: Actor, id: string): Promise<Recorded> {
    await this.readable(actor, id);
    const at = new Date(this.deps.now()).toISOString();
    const { row, written } = await this.deps.storage.transaction(async (tx) => {
      const t = (await tx.archive.transfer(id))!;
      if (t.state !== 'interrupted' && t.state !== 'failed') throw new TransferError('not_resumable', `transfer ${id} is ${t.state}`);
      await tx.archive.updateTransfer(id, { state: 'running', error: '', done: 0 });
      return {
        row: { ...t, state: 'running' as const, error: '', done: 0 },
        written: await transferAudit(tx, actor, t, t.state, 'running', at, this.deps.newId),
      };
    });
    this.deps.log.info('archive: transfer resumed', { id, by: actor.id });
    this.launch(id);
    return { view: view(row, this.progress.get(id)), written };
  }

  /** Drops a transfer that is not running nor confirmed: its package goes, its records may be transferred again. */
  async cancel(actor: Actor, id: string): Promise<Recorded> {
    await this.readable(actor, id);
    const at = new Date(this.deps.now()).toISOString();
    const { row, written } = await this.deps.storage.transaction(async (tx) => {
      const t = (await tx.archive.transfer(id))!;
      if (!['interrupted', 'failed', 'written'].includes(t.state))
        throw new TransferError('not_cancellable', `transfer ${id} is ${t.state}`);
      await tx.archive.updateTransfer(id, { state: 'cancelled' });
      return {
        row: { ...t, state: 'cancelled' as const },
        written: await transferAudit(tx, actor, t, t.state, 'cancelled', at, this.deps.newId),
      };
    });
    rmSync(this.outDir(id), { recursive: true, force: true });
    this.deps.log.info('archive: transfer cancelled', { id, by: actor.id });
    return { view: view(row), written };
  }

  private launch(id: string): void {
    const job = this.build(id)
      .catch((err: unknown) => this.deps.log.error('archive: transfer build failed', { id, err: String(err) }))
      .finally(() => {
        this.jobs.delete(id);
        this.progress.delete(id);
      });
    this.jobs.set(id, job);
  }

  /**
   * Builds the transfer's package from the start: its folder is emptied first (a resumed transfer
   * never keeps what an earlier run wrote), the records are read in one snapshot and checked to be
   * due still, and the package is written beside its final place, validated and renamed.
   */
  private async build(id: string): Promise<void> {
    const { storage } = this.deps;
    const row = (await storage.archive.transfer(id))!;
    const out = this.outDir(id);
    rmSync(out, { recursive: true, force: true });
    try {
      const settings = await this.settingsOrDefault();
      const folder = ArchiveDataFolder.snapshot(this.deps.dataDir);
      let source;
      let cases: Case[];
      let documents: Document[];
      let lookup: ArchiveLookup;
      let checkpoints;
      try {
        lookup = new ArchiveLookup(folder);
        const due = this.due(folder, row.registerId, settings.afterYears, lookup);
        const chosen = new Set(row.selection);
        cases = row.kind === 'cases' ? due.cases.filter((c) => chosen.has(c.id)) : [];
        documents = row.kind === 'documents' ? due.documents.filter((d) => chosen.has(d.id)) : [];
        if (cases.length + documents.length !== chosen.size)
          throw new ArchiveError('not_packageable', 'a selected record is no longer due for transfer');
        [source] = packageSources(folder, lookup, cases, documents, row.generation);
        checkpoints = folder.checkpoints();
      } finally {
        folder.close();
      }
      if (!source) throw new ArchiveError('not_packageable', 'nothing to package');
      const versions: PackagedRecord[] =
        source.content.kind === 'cases'
          ? source.content.cases.flatMap((c) => [
              { collection: 'cases' as const, id: c.case.id, version: c.case.syncVersion },
              ...c.documents.map((d) => ({ collection: 'documents' as const, id: d.document.id, version: d.document.syncVersion })),
            ])
          : source.content.documents.map((d) => ({ collection: 'documents' as const, id: d.document.id, version: d.document.syncVersion }));
      const reg = lookup.register(row.registerId);
      const header = newPackageHeader({
        prefix: row.kind === 'cases' ? reg.casePrefix : reg.freeDocumentPrefix,
        kind: row.kind,
        generation: row.generation,
        label:
          row.kind === 'cases'
            ? `${reg.name}: ${cases.length === 1 ? `ärende ${cases[0]!.caseNumber}` : `${cases.length} ärenden`}`
            : `${reg.name}: ${documents.length} fristående handlingar`,
        authorityName: reg.authorityName,
        now: new Date(this.deps.now()),
        version: packageVersion(),
      });
      const blobPath = (sha: string) => (/^[0-9a-f]{64}$/.test(sha) && this.deps.blobs.has(sha) ? this.deps.blobs.pathOf(sha) : null);
      // Progress: each conversion, then each file copied and each XML file validated.
      const converting = renditionCandidates(source).length;
      const report = (done: number, total: number) => {
        if (this.stopped) throw new Stopped('the server is stopping');
        this.progress.set(id, { done, total });
      };
      let converted = 0;
      const total = converting + progressTotal(source, row.generation);
      const renditions = await addRenditions(source, blobPath, this.deps.converter, () => report(++converted, total));
      const written = await writePackage({
        outDir: out,
        generation: row.generation,
        header,
        source,
        checkpoints,
        blobPath,
        renditions,
        onProgress: (done, writeTotal) => report(converting + done, converting + writeTotal),
      });
      if (this.stopped) throw new Stopped('the server is stopping');
      const metsSha256 = createHash('sha256')
        .update(readFileSync(path.join(written, packagePaths(row.generation).mets)))
        .digest('hex');
      await storage.transaction((tx) =>
        tx.archive.updateTransfer(id, {
          state: 'written',
          done: total,
          total,
          packageName: header.name,
          objid: packageObjid(row.generation, header),
          metsSha256,
          versions,
        }),
      );
      this.deps.log.info('archive: package written', { id, package: written });
    } catch (err) {
      rmSync(out, { recursive: true, force: true });
      // A stop leaves the row `running`: the next start marks it interrupted (as after a kill).
      if (err instanceof Stopped) return;
      const detail = err instanceof ArchiveError ? `${err.code}: ${err.message}` : String(err);
      await storage.transaction((tx) => tx.archive.updateTransfer(id, { state: 'failed', error: detail.slice(0, 2000) }));
      this.deps.log.error('archive: transfer failed', { id, err: detail });
    }
  }

  /**
   * The archive acknowledged the package (its receipt file, or an archivist's confirmation by name
   * with a note). In one transaction: every packaged record must be as it was packaged; cases
   * become Arkiverat and their registered documents Arkiverad (status.ts, cause 'archive'), each
   * with an actor-register entry; with the setting `remove`, files and content leave the register
   * (stripped tombstones of the files and flows, the content fields emptied, the file text out of
   * search) while number, title, dates, process, type and restriction stay. After the commit the
   * blobs no file names any more and the notes rooms go. Returns what the change feed must carry.
   */
  async confirm(actor: Actor, id: string, body: ConfirmReceiptRequest): Promise<{ view: TransferView; written: StoredRecord[] }> {
    const { storage, newId } = this.deps;
    const before = await this.readable(actor, id);
    if (before.state === 'confirmed') throw new TransferError('already_confirmed', `transfer ${id} is confirmed already`);
    if (before.state !== 'written') throw new TransferError('not_written', `transfer ${id} has no package yet`);
    let receiptKind: 'file' | 'manual';
    let note: string;
    if ('receiptText' in body) {
      let json: unknown;
      try {
        json = JSON.parse(body.receiptText);
      } catch {
        throw new TransferError('bad_receipt', 'the receipt is not JSON');
      }
      const receipt = ArchiveReceipt.safeParse(json);
      if (!receipt.success) throw new TransferError('bad_receipt', 'the receipt is not an archive receipt');
      if (receipt.data.objid !== before.objid || receipt.data.metsSha256 !== before.metsSha256)
        throw new TransferError('receipt_mismatch', `the receipt is for package ${receipt.data.objid}, not ${before.objid}`);
      receiptKind = 'file';
      note = [receipt.data.archive, receipt.data.reference, receipt.data.receivedAt].filter(Boolean).join(' · ');
    } else {
      receiptKind = 'manual';
      note = `${body.manual.name}: ${body.manual.note}`;
    }
    const { afterReceipt } = await this.settingsOrDefault();
    const remove = afterReceipt === 'remove';
    const at = new Date(this.deps.now()).toISOString();
    // The hashing of a re-anchoring done before the write lock is taken (other commits go on meanwhile).
    const plan = remove && this.deps.anchor ? await planReanchoring(storage, before.registerId) : null;

    const done = await storage.transaction(async (tx) => {
      const anchoring = new AuditReanchoring(tx, this.deps.anchor, at, this.deps.log, plan);
      const t = (await tx.archive.transfer(id))!;
      // Decided again inside the transaction: two confirmations at once, one wins.
      if (t.state === 'confirmed') throw new TransferError('already_confirmed', `transfer ${id} is confirmed already`);
      if (t.state !== 'written') throw new TransferError('not_written', `transfer ${id} has no package yet`);
      const records: StoredRecord[] = [];
      for (const v of t.versions) {
        const rec = await tx.getRecord(v.collection, v.id);
        if (!rec || rec.deleted || rec.data.syncVersion !== v.version)
          throw new TransferError('changed_since_transfer', `${v.collection}/${v.id} changed after the package was built`);
        records.push(rec);
      }
      const written: StoredRecord[] = [];
      const shas = new Set<string>();
      const audit = (rec: StoredRecord, caseId: string, label: string, from: string, to: string, files: number, auditKept: number) => {
        const reanchored = anchoring.takeConverted();
        return appendAudit(
          tx,
          {
            actor,
            at,
            action: 'status_change',
            collection: rec.collection as 'cases' | 'documents',
            record: rec,
            caseId,
            label,
            changes: [
              ...(from !== to ? [{ field: 'status', from, to }] : []),
              { field: ARCHIVE_TRANSFER_FIELD, from: `${t.state} ${t.id}`, to: `confirmed ${t.id}` },
              { field: 'archivePackage', from: '', to: t.objid },
              ...(remove ? [{ field: 'contentRemoved', from: '', to: String(files) }] : []),
              ...(reanchored ? [{ field: 'auditReanchored', from: '', to: String(reanchored) }] : []),
              ...(auditKept ? [{ field: 'auditEntriesKept', from: '', to: String(auditKept) }] : []),
            ],
          },
          newId,
        );
      };
      for (const rec of records) {
        if (rec.collection === 'cases') {
          const c = rec.data as unknown as Case;
          const status = canTransitionCase(c.status, 'archived', 'archive') ? 'archived' : c.status;
          const next = remove ? archivedCaseContent(c) : c;
          let auditKept = 0;
          if (remove) {
            written.push(...(await removeFlows(tx, 'cases', c.id, at)));
            // The actor register's earlier entries drop what the entry no longer has (the package holds them whole).
            const quoted = await disposeAuditValues(tx, anchoring, [c.id], { fields: ARCHIVED_CASE_AUDIT_KEPT, number: c.caseNumber }, at);
            written.push(...quoted.written);
            auditKept = quoted.kept;
          }
          const stored = await tx.putRecord('cases', { ...next, status, updatedAt: at });
          written.push(stored, await audit(stored, c.id, c.caseNumber, c.status, status, 0, auditKept));
        } else {
          const d = rec.data as unknown as Document;
          const status = canTransitionDocument(d.direction, d.status, 'archived', 'archive') ? 'archived' : d.status;
          let files = 0;
          let auditKept = 0;
          if (remove) {
            const gone = await stripFiles(tx, d.id, at);
            gone.forEach((f) => shas.add(f.sha));
            files = gone.length;
            written.push(...gone.map((f) => f.record), ...(await removeFlows(tx, 'documents', d.id, at)));
            await tx.disposal.dropFileTexts(d.id);
            const quoted = await disposeDocumentAuditValues(
              tx,
              anchoring,
              d,
              gone.map((f) => f.record.id),
              ARCHIVED_DOCUMENT_AUDIT_KEPT,
              at,
            );
            written.push(...quoted.written);
            auditKept = quoted.kept;
          }
          const next = remove ? archivedDocumentContent(d) : d;
          const stored = await tx.putRecord('documents', { ...next, status, updatedAt: at });
          written.push(stored, await audit(stored, d.caseId, d.documentNumber, d.status, status, files, auditKept));
        }
      }
      // Their notes go with the content: queued in this transaction, so a room that cannot be
      // changed after the commit is not forgotten (`RoomCleanups`: tried after the next act or at start).
      if (remove) {
        await tx.roomCleanups.queue(
          records.map((rec) => ({
            act: 'archive' as const,
            actId: id,
            room: { collection: rec.collection as 'cases' | 'documents', id: rec.id },
            action: 'forget' as const,
          })),
          at,
        );
      }
      // The entries a re-anchoring gave new hashes (replicas holding the old ones receive them).
      written.push(...anchoring.written);
      await tx.archive.updateTransfer(id, {
        state: 'confirmed',
        receiptKind,
        receiptNote: note,
        confirmedBy: actor.displayName,
        confirmedAt: at,
      });
      return {
        written,
        shas,
        records,
        reanchored: anchoring.written.length > 0,
        row: { ...t, state: 'confirmed' as const, receiptKind, receiptNote: note, confirmedBy: actor.displayName, confirmedAt: at },
      };
    });

    if (done.reanchored) await checkpointReanchored(this.deps.anchor, this.deps.log, `archive transfer ${id}`);
    if (remove) {
      // The bytes go once no file record names them (a blob may serve another document's file).
      for (const sha of done.shas) if ((await storage.disposal.liveFileRefs(sha)) === 0) await this.deps.blobs.remove(sha);
      await this.deps.roomCleanups.run();
      // What the rows held may still be in the write-ahead log and the search index's older segments.
      await scrubAfter(storage, this.deps.log, `archive transfer ${id}`);
    }
    this.deps.log.info('archive: receipt confirmed', { id, by: actor.id, kind: receiptKind, remove });
    return { view: view(done.row), written: latestWrites(done.written) };
  }
}

/**
 * One `status_change` entry per selected record (a case, or a free-standing document) saying the
 * transfer's state changed, written in the transaction that changes it: who started, resumed or
 * cancelled which transfer of it, and when.
 */
async function transferAudit(
  tx: StorageTx,
  actor: Actor,
  t: Pick<TransferRow, 'id' | 'kind' | 'selection'>,
  from: string,
  to: string,
  at: string,
  newId: () => string,
): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for (const id of t.selection) {
    const rec = await tx.getRecord(t.kind, id);
    if (!rec) continue;
    const caseId = t.kind === 'cases' ? id : String(rec.data.caseId ?? '');
    const label = String(rec.data.caseNumber ?? rec.data.documentNumber ?? '');
    const changes = [{ field: ARCHIVE_TRANSFER_FIELD, from: from ? `${from} ${t.id}` : '', to: `${to} ${t.id}` }];
    out.push(await appendAudit(tx, { actor, at, action: 'status_change', collection: t.kind, record: rec, caseId, label, changes }, newId));
  }
  return out;
}

/** Each live file record of a document becomes a stripped tombstone; returns them with the blobs they named. */
async function stripFiles(tx: StorageTx, documentId: string, at: string): Promise<{ record: StoredRecord; sha: string }[]> {
  const out: { record: StoredRecord; sha: string }[] = [];
  for (const rec of await tx.listWhere('files', 'documentId', documentId)) {
    if (rec.deleted) continue;
    const file = rec.data as unknown as FileRecord;
    out.push({
      record: await tx.putRecord('files', { ...file, name: GONE_NAME, sha256: GONE_SHA, size: 0, updatedAt: at }, true),
      sha: file.sha256,
    });
  }
  return out;
}

/** The approval flows on a record whose content left: tombstones without the steps' comments. */
async function removeFlows(tx: StorageTx, collection: 'cases' | 'documents', id: string, at: string): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  for (const rec of await tx.listWhere('flows', collection === 'documents' ? 'documentId' : 'caseId', id)) {
    const flow = rec.data as unknown as Flow;
    if (rec.deleted || flow.targetCollection !== collection || flow.targetId !== id) continue;
    out.push(await tx.putRecord('flows', { ...flow, steps: flow.steps.map((s) => ({ ...s, comment: '' })), updatedAt: at }, true));
  }
  return out;
}
