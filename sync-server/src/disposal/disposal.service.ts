import {
  Document,
  FileRecord,
  canDispose,
  documentTypeAllows,
  documentListKey,
  formatFreeDocumentNumber,
  newestKey,
  projectRecord,
  swedishDate,
  unrestricted,
  type Case,
  type ClassNode,
  type DocumentType,
  type Flow,
  type Register,
} from '../../../shared/src';
import {
  DisposalDecision,
  type DecisionView,
  type DisposalProposals,
  type DisposalRefusal,
  type ExecuteDisposalRequest,
  type ExecuteDisposalResult,
  type HoldView,
  type PlaceHoldRequest,
} from '../../../shared/src/protocol/disposal';
import {
  DISPOSED_CASE_AUDIT_KEPT,
  DISPOSED_DOCUMENT_AUDIT_KEPT,
  disposalDue,
  disposedCase,
  disposedDocument,
  disposedTitle,
  executionRefusal,
  filterDue,
  groupDue,
  type DisposalFilter,
  type DisposalInput,
} from '../../../shared/src/rules/disposal';
import { appendAudit } from '../audit/audit';
import { AuditReanchoring, checkpointReanchored, planReanchoring, type AuditAnchor } from '../audit/re-anchor';
import type { BlobStore } from '../files/blob-store';
import type { Logger } from '../logger';
import type { RoomCleanups } from '../room-cleanups/room-cleanups';
import type { DisposalReads } from '../storage/disposal-storage';
import type { RoomCleanup } from '../storage/room-cleanups-storage';
import type { Storage, StorageTx, StoredRecord } from '../storage/storage';
import type { ContextLoader } from '../sync/access-context';
import type { Actor } from '../sync/apply';
import { latestWrites } from '../sync/latest-writes';
import { disposeAgendaCopies, disposeDocumentNoticeQuotes, disposeQuotesElsewhere, mergeQuotes, type MeetingQuotes } from './agenda-items';
import { destroyFiles } from './destroy-files';
import { replaceNoticePdfs, type NoticeRooms } from './notice-pdf';
import { disposeAuditValues, disposeDocumentAuditValues } from './audit-values';
import { scrubAfter } from './scrub';
import { buildReport, type BuiltReport } from './report-files';

/** A refusal of a disposal route: one exact code each. */
export class DisposalError extends Error {
  constructor(
    readonly code: DisposalRefusal,
    detail: string,
  ) {
    super(detail);
    this.name = 'DisposalError';
  }
}

export interface DisposalDeps {
  storage: Storage;
  contexts: ContextLoader;
  blobs: BlobStore;
  now: () => number;
  newId: () => string;
  /** The server's log: what the scrub after a disposal could not do is said there (English). */
  log: Logger;
  /** Lets search extract the report's text (optional: tests without the indexer). */
  fileStored?: (file: FileRecord) => Promise<void>;
  /** The rooms' texts, read for a notice made again. */
  rooms: NoticeRooms;
  /** Does what the rooms owe after the commit (queued in the disposal's transaction). */
  roomCleanups: Pick<RoomCleanups, 'run'>;
  /**
   * The checkpoint key, for re-anchoring a register whose scheme 1 entries lose values (null: they
   * keep them), and a checkpoint of the new heads after the commit.
   */
  anchor: AuditAnchor | null;
}

/** Process titles that say "this is where disposal and records management is registered" (KLASSA 1.4.1 and the like). */
const REPORT_PROCESS = /allmänna handlingar|arkiv|informationsförvaltning|dokumenthantering/i;

export class DisposalService {
  constructor(private readonly deps: DisposalDeps) {}

  private today(): string {
    return swedishDate(this.deps.now());
  }

  private async rules(registerId: string): Promise<Map<string, DocumentType>> {
    const recs = await this.deps.storage.pullPage('doctypes', 0, 100_000, [registerId]);
    return new Map(recs.filter((r) => !r.deleted).map((r) => [r.id, r.data as unknown as DocumentType]));
  }

  private async classes(registerId: string): Promise<ClassNode[]> {
    const recs = await this.deps.storage.pullPage('classes', 0, 100_000, [registerId]);
    return recs.filter((r) => !r.deleted).map((r) => r.data as unknown as ClassNode);
  }

  private async input(reads: DisposalReads, registerId: string, doctypes: Map<string, DocumentType>): Promise<DisposalInput> {
    const [{ documents, cases }, holds, requests] = await Promise.all([
      reads.candidates(registerId),
      reads.liveHolds(registerId),
      reads.requests(registerId),
    ]);
    return {
      documents,
      cases,
      rules: new Map([...doctypes].map(([id, t]) => [id, t.retention])),
      holds,
      requests,
      today: this.today(),
    };
  }

  /** What is due today in a register, grouped by process and document type, with holds and past decisions. */
  async proposals(actor: Actor, registerId: string, filter: DisposalFilter): Promise<DisposalProposals> {
    if (!canDispose(actor, registerId, 'propose')) throw new DisposalError('forbidden', 'may not propose disposal here');
    const { storage } = this.deps;
    const [doctypes, classes] = await Promise.all([this.rules(registerId), this.classes(registerId)]);
    const due = filterDue(disposalDue(await this.input(storage.disposal, registerId, doctypes)), filter);
    const titles = await this.titles(actor, [
      ...due.documents.map((d) => ({ collection: 'documents' as const, id: d.doc.id })),
      ...due.cases.map((c) => ({ collection: 'cases' as const, id: c.case.id })),
    ]);
    const classTitle = new Map(classes.map((c) => [c.code, c.title]));
    const caseNumbers = new Map((await storage.disposal.candidates(registerId)).cases.map((c) => [c.id, c.caseNumber]));
    const holds = await storage.disposal.liveHolds(registerId);
    const labels = await this.labels([...holds.map((h) => ({ collection: h.targetCollection, id: h.targetId }))]);
    const decisions = await storage.disposal.decisions(registerId);
    return {
      registerId,
      today: this.today(),
      groups: groupDue(due.documents).map((g) => {
        const type = doctypes.get(g.documentTypeId);
        return {
          classCode: g.classCode,
          classTitle: classTitle.get(g.classCode) ?? '',
          documentTypeId: g.documentTypeId,
          documentTypeName: type?.name ?? '',
          rule: type?.retention ?? null,
          documents: g.documents.map((d) => ({
            id: d.doc.id,
            caseId: d.doc.caseId,
            documentNumber: d.doc.documentNumber,
            caseNumber: d.doc.caseId ? (caseNumbers.get(d.doc.caseId) ?? '') : '',
            title: titles.get(d.doc.id) ?? '',
            classCode: d.doc.classCode,
            documentTypeId: d.doc.documentTypeId,
            dueDate: d.dueDate,
            blockers: d.blockers,
          })),
        };
      }),
      cases: due.cases.map((c) => ({
        id: c.case.id,
        caseNumber: c.case.caseNumber,
        title: titles.get(c.case.id) ?? '',
        classCode: c.case.classCode,
        documentIds: c.documentIds,
        blockers: c.blockers,
      })),
      holds: holds.map((h): HoldView => ({
        id: h.id,
        targetCollection: h.targetCollection,
        targetId: h.targetId,
        label: labels.get(h.targetId) ?? '',
        kind: h.kind,
        reason: h.reason,
        placedBy: h.placedBy,
        placedAt: h.placedAt,
      })),
      decisions: await Promise.all(decisions.map(async (d) => this.decisionView(d.id))).then((v) => v.filter((x) => x !== null)),
      reportPlacements: reportPlacements(classes, [...doctypes.values()]),
    };
  }

  async decisionView(id: string): Promise<DecisionView | null> {
    const d = await this.deps.storage.disposal.decision(id);
    if (!d) return null;
    const items = await this.deps.storage.disposal.items(id);
    return {
      id: d.id,
      reference: d.reference,
      title: d.title,
      date: d.decisionDate,
      executedBy: d.executedByName,
      executedAt: d.executedAt,
      documents: items.filter((i) => i.collection === 'documents').length,
      cases: items.filter((i) => i.collection === 'cases').length,
      reportDocumentId: d.reportDocumentId,
    };
  }

  /** Titles as the actor may read them ('' where withheld). */
  private async titles(actor: Actor, refs: { collection: 'cases' | 'documents'; id: string }[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const collection of ['cases', 'documents'] as const) {
      const recs = await this.deps.storage.getRecords(
        collection,
        refs.filter((r) => r.collection === collection).map((r) => r.id),
      );
      const ctxs = await this.deps.contexts.contexts(recs);
      recs.forEach((rec, i) => {
        const seen = projectRecord(actor, collection, rec.data as never, ctxs[i]) as { title?: string } | null;
        out.set(rec.id, seen?.title ?? '');
      });
    }
    return out;
  }

  /** The number of each case or document (metadata, never withheld). */
  private async labels(refs: { collection: 'cases' | 'documents'; id: string }[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const collection of ['cases', 'documents'] as const) {
      const recs = await this.deps.storage.getRecords(
        collection,
        refs.filter((r) => r.collection === collection).map((r) => r.id),
      );
      for (const rec of recs) out.set(rec.id, String(rec.data.caseNumber ?? rec.data.documentNumber ?? ''));
    }
    return out;
  }

  /** Excludes a case or document from disposal with a reason. Access first: one the actor cannot see does not exist. */
  async placeHold(actor: Actor, body: PlaceHoldRequest): Promise<HoldView> {
    if (!canDispose(actor, body.registerId, 'propose')) throw new DisposalError('forbidden', 'may not hold items here');
    const rec = await this.deps.storage.getRecord(body.targetCollection, body.targetId);
    if (!rec || rec.deleted || rec.registerId !== body.registerId) throw new DisposalError('not_found', 'no such record');
    const [ctx] = await this.deps.contexts.contexts([rec]);
    if (!projectRecord(actor, body.targetCollection, rec.data as never, ctx)) throw new DisposalError('not_found', 'no such record');
    const row = {
      id: this.deps.newId(),
      registerId: body.registerId,
      targetCollection: body.targetCollection,
      targetId: body.targetId,
      kind: body.kind,
      reason: body.reason.trim(),
      placedBy: actor.displayName,
      placedAt: new Date(this.deps.now()).toISOString(),
      releasedBy: null,
      releasedAt: null,
      releaseReason: null,
    };
    await this.deps.storage.transaction((tx) => tx.disposal.insertHold(row));
    return {
      id: row.id,
      targetCollection: row.targetCollection,
      targetId: row.targetId,
      label: String(rec.data.caseNumber ?? rec.data.documentNumber ?? ''),
      kind: row.kind,
      reason: row.reason,
      placedBy: row.placedBy,
      placedAt: row.placedAt,
    };
  }

  async releaseHold(actor: Actor, id: string, reason: string): Promise<void> {
    const hold = await this.deps.storage.disposal.hold(id);
    if (!hold || hold.releasedAt) throw new DisposalError('not_found', 'no such hold');
    if (!canDispose(actor, hold.registerId, 'propose')) throw new DisposalError('forbidden', 'may not release holds here');
    const done = await this.deps.storage.transaction((tx) =>
      tx.disposal.releaseHold(id, actor.displayName, new Date(this.deps.now()).toISOString(), reason.trim()),
    );
    if (!done) throw new DisposalError('not_found', 'no such hold');
  }

  /**
   * Disposes documents and cases under a named decision, in one transaction: each must be due and
   * free of holds now (decided inside the transaction, so a hold placed a moment before counts);
   * each becomes its skeleton entry with status disposed and an actor-register entry; its files'
   * records become stripped tombstones (every replica purges them and their cached bytes) and
   * their text leaves the search index; the actor register's earlier entries about it (and its
   * files) drop the values the skeleton no longer has, under their seals; agenda items reporting a
   * disposed case outside adjusted minutes drop what they quote of it, and the board's notices and
   * the registered notice (kallelse) of their meetings what they quote of the case, the items and
   * disposed documents listed there; the report is registered. Nothing of it commits unless all of
   * it does: a disposal never stands without its report. After the commit the blobs no other file
   * names are deleted, the rooms' texts lose their quotes (a disposed record's room goes; recorded
   * in the transaction, so a room that fails is done later), and the database's remnants are
   * scrubbed. Returns what the change feed must carry.
   */
  async execute(actor: Actor, body: ExecuteDisposalRequest): Promise<{ result: ExecuteDisposalResult; written: StoredRecord[] }> {
    const { storage, blobs, newId } = this.deps;
    if (!canDispose(actor, body.registerId, 'execute')) throw new DisposalError('forbidden', 'may not execute disposal here');
    const decision = DisposalDecision.safeParse(body.decision);
    if (!decision.success) throw new DisposalError('decision_missing', 'a disposal needs a named decision: reference, title and date');
    const registerRec = await storage.getRecord('registers', body.registerId);
    if (!registerRec) throw new DisposalError('not_found', 'no such register');
    const register = registerRec.data as unknown as Register;
    const [doctypes, classes] = await Promise.all([this.rules(body.registerId), this.classes(body.registerId)]);
    const placement = classes.find((c) => c.code === body.report.classCode && c.selectable);
    const reportType = doctypes.get(body.report.documentTypeId);
    if (!placement || !reportType || !documentTypeAllows(reportType, placement.code))
      throw new DisposalError('bad_request', 'the report cannot be registered under that process and document type');
    const nowMs = this.deps.now();
    const at = new Date(nowMs).toISOString();
    const decisionId = newId();
    const reference = decision.data.reference;
    /** Blobs written inside the transaction: deleted again when it does not commit. */
    const newShas: string[] = [];
    // The hashing of a re-anchoring done before the write lock is taken (other commits go on meanwhile).
    const plan = this.deps.anchor ? await planReanchoring(storage, body.registerId) : null;

    const run = storage.transaction(async (tx) => {
      const anchoring = new AuditReanchoring(tx, this.deps.anchor, at, this.deps.log, plan);
      const due = disposalDue(await this.input(tx.disposal, body.registerId, doctypes));
      const refusal = executionRefusal(due, body.documentIds, body.caseIds);
      if (refusal) throw new DisposalError(refusal.code, `${refusal.code} ${refusal.id}`);
      await tx.disposal.insertDecision({
        id: decisionId,
        registerId: body.registerId,
        reference,
        title: decision.data.title,
        decisionDate: decision.data.date,
        executedBy: actor.id,
        executedByName: actor.displayName,
        executedAt: at,
        reportDocumentId: '',
      });
      const written: StoredRecord[] = [];
      const shas = new Set<string>();
      const quoting: MeetingQuotes = new Map();
      const disposedItemIds = new Set<string>();
      const disposedTitles: string[] = [];
      let files = 0;
      const documentIds = [...new Set(body.documentIds)];
      const listing = await tx.disposal.agendaItemsListing(documentIds);
      for (const id of documentIds) {
        const rec = (await tx.getRecord('documents', id))!;
        const before = rec.data as unknown as Document;
        disposedTitles.push(before.title);
        const gone = await destroyFiles(tx, id, at);
        gone.forEach((f) => shas.add(f.sha));
        files += gone.length;
        written.push(...gone.map((f) => f.record));
        await tx.disposal.dropFileTexts(id);
        written.push(...(await removeFlows(tx, 'documents', id, at)));
        const quoted = await disposeDocumentAuditValues(
          tx,
          anchoring,
          before,
          gone.map((f) => f.record.id),
          DISPOSED_DOCUMENT_AUDIT_KEPT,
          at,
        );
        const listed = await disposeDocumentNoticeQuotes(
          tx,
          anchoring,
          before,
          listing.filter((i) => i.documentIds.includes(id)),
          reference,
          at,
        );
        written.push(...quoted.written, ...listed.written);
        mergeQuotes(quoting, listed.quoting);
        const stored = await tx.putRecord('documents', { ...disposedDocument(before, reference), updatedAt: at });
        written.push(
          stored,
          await this.audit(tx, actor, at, 'documents', stored, before.caseId, before.documentNumber, before.status, reference, {
            files: gone.length,
            auditKept: quoted.kept + listed.auditKept,
            reanchored: anchoring.takeConverted(),
          }),
        );
        const type = doctypes.get(before.documentTypeId);
        await tx.disposal.insertItem({
          decisionId,
          collection: 'documents',
          recordId: id,
          number: before.documentNumber,
          registeredDate: before.registeredDate,
          classCode: before.classCode,
          documentTypeId: before.documentTypeId,
          documentTypeName: type?.name ?? '',
          ruleJson: type ? JSON.stringify(type.retention) : '',
          files: gone.length,
        });
      }
      for (const id of new Set(body.caseIds)) {
        const rec = (await tx.getRecord('cases', id))!;
        const before = rec.data as unknown as Case;
        disposedTitles.push(before.title);
        written.push(...(await removeFlows(tx, 'cases', id, at)));
        const quoted = await disposeAuditValues(tx, anchoring, [id], { fields: DISPOSED_CASE_AUDIT_KEPT, number: before.caseNumber }, at);
        const agenda = await disposeAgendaCopies(tx, anchoring, { id, title: before.title }, reference, at);
        written.push(...quoted.written, ...agenda.written);
        mergeQuotes(quoting, agenda.quoting);
        agenda.itemIds.forEach((i) => disposedItemIds.add(i));
        const stored = await tx.putRecord('cases', { ...disposedCase(before, reference), updatedAt: at });
        written.push(
          stored,
          await this.audit(tx, actor, at, 'cases', stored, id, before.caseNumber, before.status, reference, {
            files: 0,
            auditKept: quoted.kept + agenda.auditKept,
            reanchored: anchoring.takeConverted(),
          }),
        );
        await tx.disposal.insertItem({
          decisionId,
          collection: 'cases',
          recordId: id,
          number: before.caseNumber,
          registeredDate: before.registeredDate,
          classCode: before.classCode,
          documentTypeId: '',
          documentTypeName: '',
          ruleJson: '',
          files: 0,
        });
      }
      // What the agendas naming them did not hold: quotes in other meetings' items and notices.
      const titles = [...disposedTitles, ...[...quoting.values()].flat()];
      const elsewhere = await disposeQuotesElsewhere(tx, anchoring, titles, reference, at, disposedItemIds);
      written.push(...elsewhere.written);
      mergeQuotes(quoting, elsewhere.quoting);
      const notices = await replaceNoticePdfs(tx, quoting, {
        actor,
        at,
        nowMs,
        register,
        decisionReference: reference,
        blobs,
        rooms: this.deps.rooms,
        newId,
        disposedItemIds,
      });
      newShas.push(...notices.newShas);
      notices.destroyedShas.forEach((sha) => shas.add(sha));
      written.push(...notices.written);
      // The rooms live in another database: what they owe is recorded here and done after the commit.
      await tx.roomCleanups.queue(
        await roomCleanups(tx, decisionId, body.documentIds, body.caseIds, quoting, disposedItemIds, disposedTitle(reference)),
        at,
      );
      // The entries a re-anchoring gave new hashes (replicas holding the old ones receive them).
      written.push(...anchoring.written);
      const report = await buildReport(tx.disposal, decisionId, register.name);
      const registered = await this.registerReport(tx, actor, register, decisionId, report, placement.code, reportType.id, nowMs, newShas);
      written.push(...registered.written);
      return {
        written,
        shas,
        files,
        newFiles: [...notices.files, ...registered.files],
        reportId: registered.documentId,
        reanchored: anchoring.written.length > 0,
        auditKeptElsewhere: elsewhere.auditKept,
      };
    });
    const done = await run.catch(async (err: unknown) => {
      // Nothing committed: the blobs written for it would be named by no record.
      for (const sha of newShas) if ((await storage.disposal.liveFileRefs(sha)) === 0) await blobs.remove(sha);
      throw err;
    });

    if (done.reanchored) await checkpointReanchored(this.deps.anchor, this.deps.log, `disposal ${decisionId}`);
    // The bytes go once the records naming them are gone (a blob may serve another document's file).
    for (const sha of done.shas) if ((await storage.disposal.liveFileRefs(sha)) === 0) await blobs.remove(sha);
    // Entries of other records written before audit v2 keep their quoting values when their register could not be re-anchored (no disposed record's entry counts them).
    if (done.auditKeptElsewhere > 0)
      this.deps.log.info('disposal: actor-register entries of other records keep quoting values (scheme 1)', {
        decisionId,
        entries: done.auditKeptElsewhere,
      });
    await this.deps.roomCleanups.run();
    // What the rows held may still be in the log, the search index's older segments and migration backups.
    await scrubAfter(storage, this.deps.log, `disposal ${decisionId}`);
    for (const f of done.newFiles) await this.deps.fileStored?.(f);
    const items = await storage.disposal.items(decisionId);
    return {
      result: {
        decisionId,
        documents: items.filter((i) => i.collection === 'documents').length,
        cases: items.filter((i) => i.collection === 'cases').length,
        files: done.files,
        reportDocumentId: done.reportId,
      },
      written: latestWrites(done.written),
    };
  }

  private audit(
    tx: StorageTx,
    actor: Actor,
    at: string,
    collection: 'cases' | 'documents',
    record: StoredRecord,
    caseId: string,
    number: string,
    fromStatus: string,
    reference: string,
    destroyed: { files: number; auditKept: number; reanchored: number },
  ): Promise<StoredRecord> {
    // Only the status, the decision and what was destroyed: the entry must not keep what the disposal removed.
    // `auditReanchored`: entries written before audit v2 converted to drop values (the register was
    // re-anchored, with signed bridges); `auditEntriesKept`: such entries that keep them (it could not be).
    return appendAudit(
      tx,
      {
        actor,
        at,
        action: 'status_change',
        collection,
        record,
        caseId,
        label: number,
        changes: [
          { field: 'status', from: fromStatus, to: 'disposed' },
          { field: 'disposalDecision', from: '', to: reference },
          ...(destroyed.files ? [{ field: 'filesDestroyed', from: '', to: String(destroyed.files) }] : []),
          ...(destroyed.reanchored ? [{ field: 'auditReanchored', from: '', to: String(destroyed.reanchored) }] : []),
          ...(destroyed.auditKept ? [{ field: 'auditEntriesKept', from: '', to: String(destroyed.auditKept) }] : []),
        ],
      },
      this.deps.newId,
    );
  }

  /**
   * Registers the report as a free-standing document with its PDF/A and CSV, in the disposal's
   * transaction; the blobs it writes are added to `newShas`.
   */
  private async registerReport(
    tx: StorageTx,
    actor: Actor,
    register: Register,
    decisionId: string,
    report: BuiltReport,
    classCode: string,
    documentTypeId: string,
    nowMs: number,
    newShas: string[],
  ): Promise<{ documentId: string; written: StoredRecord[]; files: FileRecord[] }> {
    const { blobs, newId } = this.deps;
    const at = new Date(nowMs).toISOString();
    const today = swedishDate(nowMs);
    const files = [
      { name: report.pdfName, mediaType: 'application/pdf' as const, bytes: Buffer.from(report.pdf) },
      { name: report.csvName, mediaType: 'text/csv' as const, bytes: Buffer.from(report.csv, 'utf8') },
    ];
    const shas = await Promise.all(files.map((f) => blobs.put(f.bytes)));
    newShas.push(...shas);
    const documentId = newId();
    {
      const year = Number(today.slice(0, 4));
      const serial = await tx.nextCounter(register.id, 'free', year);
      const doc = Document.parse({
        id: documentId,
        registerId: register.id,
        syncVersion: 1,
        updatedAt: at,
        caseId: '',
        documentNumber: formatFreeDocumentNumber(register.freeDocumentPrefix, year, serial),
        serial,
        direction: 'created',
        status: 'registered_unchecked',
        title: report.title,
        documentTypeId,
        classCode,
        receivedDate: '',
        dispatchedDate: '',
        createdDate: today,
        sender: '',
        recipient: '',
        senderPartyId: '',
        recipientPartyId: '',
        responsibleUserId: '',
        description: report.description,
        registeredDate: today,
        createdBy: actor.id,
        createdAt: at,
        newestKey: newestKey(nowMs),
        listKey: '',
        qualityAssuredBy: '',
        messageId: '',
        mailReferences: [],
        changeReason: '',
        qaReturnComment: '',
        qaReturnBy: '',
        qaReturnAt: '',
        ...unrestricted(),
        fileRestrictions: [],
        inheritedRestriction: 'none',
        maskedCopyOf: '',
        redactionDrafts: [],
      });
      doc.listKey = documentListKey(doc);
      const stored = await tx.putRecord('documents', doc);
      const written: StoredRecord[] = [stored];
      written.push(
        await appendAudit(
          tx,
          {
            actor,
            at,
            action: 'create',
            collection: 'documents',
            record: stored,
            caseId: '',
            label: doc.documentNumber,
            changes: [
              { field: 'title', from: '', to: doc.title },
              { field: 'disposalDecision', from: '', to: report.reference },
            ],
          },
          newId,
        ),
      );
      const fileRecords: FileRecord[] = [];
      for (const [i, f] of files.entries()) {
        const fileKey = newId();
        const record = FileRecord.parse({
          id: newId(),
          registerId: register.id,
          syncVersion: 1,
          updatedAt: at,
          documentId,
          caseId: '',
          fileKey,
          fileVersion: await tx.nextCounter(documentId, `file:${fileKey}`, 0),
          name: f.name,
          mediaType: f.mediaType,
          size: f.bytes.length,
          sha256: shas[i]!,
          uploadedBy: actor.id,
          uploadedAt: at,
        });
        fileRecords.push(record);
        const storedFile = await tx.putRecord('files', record);
        written.push(
          storedFile,
          await appendAudit(
            tx,
            {
              actor,
              at,
              action: 'file_upload',
              collection: 'files',
              record: storedFile,
              caseId: '',
              label: `${doc.documentNumber} ${f.name}`,
              changes: [{ field: 'name', from: '', to: f.name }],
            },
            newId,
          ),
        );
      }
      await tx.disposal.setReportDocument(decisionId, documentId);
      return { documentId, written, files: fileRecords };
    }
  }
}

/**
 * The approval flows on a disposed case or document go with it: tombstones (every replica purges
 * them) that no longer carry the steps' comments, which are about the content.
 */
async function removeFlows(tx: StorageTx, collection: 'cases' | 'documents', id: string, at: string): Promise<StoredRecord[]> {
  const out: StoredRecord[] = [];
  const flows = await tx.listWhere('flows', collection === 'documents' ? 'documentId' : 'caseId', id);
  for (const rec of flows) {
    const flow = rec.data as unknown as Flow;
    if (rec.deleted || flow.targetCollection !== collection || flow.targetId !== id) continue;
    const stripped = { ...flow, steps: flow.steps.map((s) => ({ ...s, comment: '' })), updatedAt: at };
    out.push(await tx.putRecord('flows', stripped, true));
  }
  return out;
}

/** Where the report may be registered: the records-management processes first, with the types used there. */
export function reportPlacements(classes: readonly ClassNode[], doctypes: readonly DocumentType[]): DisposalProposals['reportPlacements'] {
  const selectable = classes.filter((c) => c.selectable).sort((a, b) => a.code.localeCompare(b.code, 'sv'));
  const preferred = selectable.filter((c) => REPORT_PROCESS.test(c.title));
  const out: DisposalProposals['reportPlacements'] = [];
  for (const c of preferred.length ? preferred : selectable) {
    for (const t of doctypes) {
      if (documentTypeAllows(t, c.code))
        out.push({ classCode: c.code, classTitle: c.title, documentTypeId: t.id, documentTypeName: t.name });
    }
    if (out.length >= 200) break;
  }
  return out;
}

/**
 * What the rooms owe a disposal: a disposed record's notes go; a disposed item's proposal is
 * emptied; the quotes leave the rooms of the meetings whose notices held them (the notice text,
 * the proposals of the items left on the agenda).
 */
async function roomCleanups(
  tx: StorageTx,
  decisionId: string,
  documentIds: readonly string[],
  caseIds: readonly string[],
  quoting: MeetingQuotes,
  disposedItemIds: ReadonlySet<string>,
  replacement: string,
): Promise<RoomCleanup[]> {
  const out: RoomCleanup[] = [];
  const act = { act: 'disposal' as const, actId: decisionId };
  for (const id of new Set(documentIds)) out.push({ ...act, room: { collection: 'documents', id }, action: 'forget' });
  for (const id of new Set(caseIds)) out.push({ ...act, room: { collection: 'cases', id }, action: 'forget' });
  for (const id of disposedItemIds) out.push({ ...act, room: { collection: 'meetings', id }, action: 'clear' });
  for (const [meetingId, quotes] of quoting) {
    const items = (await tx.listWhere('meetings', 'meetingId', meetingId)).filter(
      (r) => !r.deleted && r.data.kind === 'item' && !disposedItemIds.has(r.id),
    );
    for (const id of [meetingId, ...items.map((i) => i.id)])
      out.push({ ...act, room: { collection: 'meetings', id }, action: 'quotes', quotes, replacement });
  }
  return out;
}
