import {
  canPublish,
  canReadRegister,
  hasPermission,
  publishRefusal,
  type Document,
  type DocumentPublicationView,
  type PublicationRefusal,
  type PublishedDocument,
  type RegisterListing,
  type User,
} from '../../../shared/src';
import { appendAudit } from '../audit/audit';
import type { Storage, StorageTx, StoredRecord } from '../storage/storage';
import type { Actor } from '../sync/apply';
import { gateDocuments } from './public-list';

/** A refusal of a publication route: one exact code each. */
export class PublicationError extends Error {
  constructor(
    readonly code: PublicationRefusal,
    detail: string,
  ) {
    super(detail);
    this.name = 'PublicationError';
  }
}

export interface PublishDeps {
  storage: Storage;
  now: () => number;
  newId: () => string;
}

/** What a write did: the answer, and the actor-register entries to send to replicas. */
export interface Written<T> {
  result: T;
  written: StoredRecord[];
}

/**
 * Web publication of single documents (a deliberate act: the publisher decides a governing
 * document or the like goes out) and the per-register setting of the public list. The document
 * is decided by the same gate as the list (gateDocuments), before publishing and again at every
 * download; the act and its withdrawal are `status_change` entries in the actor register on the
 * document, field `publication` (no new record shape: the state itself is the server's table).
 */
export class PublicationService {
  constructor(private readonly deps: PublishDeps) {}

  private at(): string {
    return new Date(this.deps.now()).toISOString();
  }

  /** The document, when the actor may act on it: `forbidden` without the right, one `not_found` for missing and unreadable. */
  private async document(actor: Actor, documentId: string, act: 'view' | 'publish'): Promise<StoredRecord> {
    const may =
      act === 'publish'
        ? hasPermission(actor, 'publication.publish')
        : hasPermission(actor, 'publication.publish') || hasPermission(actor, 'publication.preview');
    if (!may) throw new PublicationError('forbidden', `may not ${act} publications`);
    const rec = await this.deps.storage.getRecord('documents', documentId);
    const readable =
      rec && !rec.deleted && (act === 'publish' ? canPublish(actor, rec.registerId) : canReadRegister(actor, rec.registerId));
    if (!rec || !readable) throw new PublicationError('not_found', 'no such document');
    return rec;
  }

  private async decide(rec: StoredRecord): Promise<DocumentPublicationView> {
    const { storage } = this.deps;
    const doc = rec.data as unknown as Document;
    const [g] = await gateDocuments(
      storage,
      [{ id: doc.id, registeredDate: doc.registeredDate, newestKey: doc.newestKey }],
      new Set([doc.id]),
    );
    // Only a document whose case cannot be read is not decided; it is not published either.
    if (!g) throw new PublicationError('not_found', 'the document’s case cannot be read');
    const [unlisted, live] = await Promise.all([storage.publications.unlistedRegisters(), storage.publications.live(doc.id)]);
    return {
      documentId: doc.id,
      documentNumber: doc.documentNumber,
      entry: g.entry,
      files: g.files,
      refusal: publishRefusal({
        status: doc.status,
        registerListed: !unlisted.includes(doc.registerId),
        entry: g.entry,
        files: g.files.map((f) => f.decision),
      }),
      publication: live ? { publishedByName: live.publishedByName, publishedAt: live.publishedAt } : null,
    };
  }

  /** What publishing the document would put out (or puts out now), decided by the gate, with why it cannot be published. */
  async view(actor: Actor, documentId: string): Promise<DocumentPublicationView> {
    return this.decide(await this.document(actor, documentId, 'view'));
  }

  /** The documents published now in the registers the actor reads, with whether the gate lets them show now. */
  async published(actor: Actor): Promise<PublishedDocument[]> {
    if (!hasPermission(actor, 'publication.publish') && !hasPermission(actor, 'publication.preview'))
      throw new PublicationError('forbidden', 'may not view publications');
    const { storage } = this.deps;
    const rows = await storage.publications.liveIn(actor.registerIds.filter((r) => canReadRegister(actor, r)));
    const docs = new Map(
      (
        await storage.getRecords(
          'documents',
          rows.map((r) => r.documentId),
        )
      ).map((r) => [r.id, r.data as unknown as Document]),
    );
    const positions = [...docs.values()].map((d) => ({ id: d.id, registeredDate: d.registeredDate, newestKey: d.newestKey }));
    const decided = new Map((await gateDocuments(storage, positions, new Set())).map((g) => [g.position.id, g.entry]));
    return rows.flatMap((row) => {
      const doc = docs.get(row.documentId);
      if (!doc) return [];
      const entry = decided.get(doc.id);
      return [
        {
          documentId: doc.id,
          documentNumber: doc.documentNumber,
          title: entry?.verdict === 'pass' ? entry.output.title : '',
          shown: entry?.verdict === 'pass',
          publishedByName: row.publishedByName,
          publishedAt: row.publishedAt,
        },
      ];
    });
  }

  async publish(actor: Actor, documentId: string): Promise<Written<DocumentPublicationView>> {
    const rec = await this.document(actor, documentId, 'publish');
    const before = await this.decide(rec);
    if (before.publication) throw new PublicationError('already_published', 'already published');
    if (before.refusal) throw new PublicationError(before.refusal, 'not publishable');
    const doc = rec.data as unknown as Document;
    const written = await this.deps.storage.transaction(async (tx) => {
      if (await tx.publications.live(doc.id)) throw new PublicationError('already_published', 'published meanwhile');
      const at = this.at();
      await tx.publications.publish({
        id: this.deps.newId(),
        documentId: doc.id,
        registerId: doc.registerId,
        publishedBy: actor.id,
        publishedByName: actor.displayName,
        publishedAt: at,
      });
      return [await this.audit(tx, actor, at, rec, doc, '', 'published')];
    });
    return { result: await this.decide(rec), written };
  }

  async withdraw(actor: Actor, documentId: string): Promise<Written<DocumentPublicationView>> {
    const rec = await this.document(actor, documentId, 'publish');
    const doc = rec.data as unknown as Document;
    const written = await this.deps.storage.transaction(async (tx) => {
      const live = await tx.publications.live(doc.id);
      if (!live) throw new PublicationError('not_published', 'not published');
      const at = this.at();
      await tx.publications.withdraw(live.id, { id: actor.id, name: actor.displayName }, at);
      return [await this.audit(tx, actor, at, rec, doc, 'published', 'withdrawn')];
    });
    return { result: await this.decide(rec), written };
  }

  private audit(
    tx: StorageTx,
    actor: Pick<User, 'id' | 'displayName'>,
    at: string,
    rec: StoredRecord,
    doc: Document,
    from: string,
    to: string,
  ): Promise<StoredRecord> {
    return appendAudit(
      tx,
      {
        actor,
        at,
        action: 'status_change',
        collection: 'documents',
        record: rec,
        caseId: doc.caseId,
        label: doc.documentNumber,
        changes: [{ field: 'publication', from, to }],
      },
      this.deps.newId,
    );
  }

  /** Every register and whether it is on the public list: for administrators. */
  async registers(actor: Actor): Promise<RegisterListing[]> {
    if (!hasPermission(actor, 'config.edit')) throw new PublicationError('forbidden', 'may not configure the public list');
    const unlisted = await this.deps.storage.publications.unlistedRegisters();
    const recs = await this.deps.storage.pullPage('registers', 0, 10_000, null);
    return recs
      .filter((r) => !r.deleted)
      .map((r) => ({ registerId: r.id, name: String(r.data.name), listed: !unlisted.includes(r.id) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }

  /** Keeps a register off the public list, or puts it back: the administrator's decision, in the actor register. */
  async setRegisterListed(actor: Actor, registerId: string, listed: boolean): Promise<Written<RegisterListing>> {
    if (!hasPermission(actor, 'config.edit')) throw new PublicationError('forbidden', 'may not configure the public list');
    const written = await this.deps.storage.transaction(async (tx) => {
      const rec = await tx.getRecord('registers', registerId);
      if (!rec || rec.deleted) throw new PublicationError('not_found', 'no such register');
      const was = !(await tx.publications.unlistedRegisters()).includes(registerId);
      const at = this.at();
      await tx.publications.setRegisterListed(registerId, listed, actor.id, at);
      const entry = await appendAudit(
        tx,
        {
          actor,
          at,
          action: 'update',
          collection: 'registers',
          record: rec,
          caseId: '',
          label: String(rec.data.name),
          changes: [{ field: 'publicList', from: was ? 'listed' : 'unlisted', to: listed ? 'listed' : 'unlisted' }],
        },
        this.deps.newId,
      );
      return { entry, name: String(rec.data.name) };
    });
    return { result: { registerId, name: written.name, listed }, written: [written.entry] };
  }
}
