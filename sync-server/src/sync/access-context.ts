import {
  GUARD_DOCUMENT_FIELDS,
  GUARD_FIELDS,
  flowTargetOf,
  type CollectionName,
  type Flow,
  type Guarded,
  type GuardedDocument,
  type PartyLink,
  type ProjectionContext,
} from '../../../shared/src';
import type { Storage, StoredRecord } from '../storage/storage';

type Data = Record<string, unknown>;

/**
 * Records read per go before other sockets' messages may run: a page of parties names most of a
 * register's cases and documents, read in one go it held the event loop 3 s at 20k cases on a
 * loaded machine (first-download-profile.ts).
 */
const LOAD_SLICE = 500;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What a surrounding case or document is read as: its id and guard, and a document's case. */
const SURROUNDING_FIELDS = {
  cases: ['id', ...GUARD_FIELDS],
  documents: ['id', ...GUARD_DOCUMENT_FIELDS, 'caseId'],
} as const;

/**
 * Loads what projections need about a record's surroundings (its case, its document, the record
 * an actor-register entry is about) for a whole batch at once, so a pull page costs a handful of
 * queries rather than one per record. Reads happen after the page was read, so they see the
 * same or newer access rules, never older ones. Cases and documents are read as their guard
 * alone: a page of parties names most of a register, and parsing each whole record was most of
 * a first download's server time at 20k cases (2.6 s of CPU, first-download-profile.ts).
 */
export class ContextLoader {
  constructor(private readonly storage: Pick<Storage, 'getRecords' | 'getRecordFields' | 'partyLinks'>) {}

  async contexts(records: readonly StoredRecord[]): Promise<ProjectionContext[]> {
    const fileIds = new Set<string>();
    for (const r of records) if (r.collection === 'audit' && r.data.recordCollection === 'files') fileIds.add(String(r.data.recordId));
    const files = await this.load('files', fileIds);

    // Parties (and entries about them) need the cases and documents naming them.
    const partyIds = new Set<string>();
    for (const r of records) {
      if (r.collection === 'parties') partyIds.add(r.id);
      if (r.collection === 'audit' && r.data.recordCollection === 'parties') partyIds.add(String(r.data.recordId));
    }
    const links = partyIds.size ? await this.storage.partyLinks([...partyIds]) : [];
    const auditParties = await this.load(
      'parties',
      new Set(records.filter((r) => r.collection === 'audit' && r.data.recordCollection === 'parties').map((r) => String(r.data.recordId))),
    );

    const docIds = new Set<string>();
    for (const l of links) if (l.collection === 'documents') docIds.add(l.recordId);
    for (const r of records) {
      if (r.collection === 'files') docIds.add(String(r.data.documentId));
      if (r.collection === 'audit' && r.data.recordCollection === 'documents') docIds.add(String(r.data.recordId));
      if (r.collection === 'flows' && r.data.targetCollection === 'documents') docIds.add(String(r.data.targetId));
    }
    for (const f of files.values()) docIds.add(String(f.documentId));
    const docs = await this.load('documents', docIds);

    const caseIds = new Set<string>();
    for (const r of records) {
      if (
        r.collection === 'documents' ||
        r.collection === 'files' ||
        r.collection === 'audit' ||
        r.collection === 'flows' ||
        r.collection === 'requests' ||
        (r.collection === 'meetings' && r.data.kind === 'item')
      )
        caseIds.add(String(r.data.caseId ?? ''));
    }
    for (const d of docs.values()) caseIds.add(String(d.caseId));
    for (const l of links) if (l.collection === 'cases') caseIds.add(l.recordId);
    caseIds.delete('');
    const cases = await this.load('cases', caseIds);

    const caseOf = (id: unknown) => (typeof id === 'string' && id !== '' ? ((cases.get(id) as Guarded | undefined) ?? null) : null);
    const linksOf = new Map<string, PartyLink[]>();
    for (const l of links) {
      const record = (l.collection === 'cases' ? cases : docs).get(l.recordId) as Guarded | undefined;
      if (!record) continue;
      const parentCase = l.collection === 'documents' ? caseOf((record as unknown as Data).caseId) : null;
      const list = linksOf.get(l.partyId) ?? [];
      list.push({ collection: l.collection, field: l.field, record, parentCase });
      linksOf.set(l.partyId, list);
    }
    return records.map((r): ProjectionContext => {
      switch (r.collection) {
        case 'documents':
          return { parentCase: caseOf(r.data.caseId) };
        case 'files': {
          const doc = docs.get(String(r.data.documentId)) as GuardedDocument | undefined;
          return { document: doc ?? null, parentCase: doc ? caseOf((doc as unknown as Data).caseId) : null };
        }
        case 'audit':
          if (r.data.recordCollection === 'parties') {
            const party = auditParties.get(String(r.data.recordId));
            return {
              auditParty: party ? { protectedIdentity: party.protectedIdentity === true } : null,
              partyLinks: linksOf.get(String(r.data.recordId)) ?? [],
            };
          }
          return this.auditContext(r.data, files, docs, caseOf);
        case 'flows':
          return { flowTarget: flowTargetOf(r.data as unknown as Flow, docs, caseOf) };
        case 'requests':
          return { requestCase: caseOf(r.data.caseId) };
        case 'parties':
          return { partyLinks: linksOf.get(r.id) ?? [] };
        case 'meetings':
          // An agenda item reporting a case inherits its restriction.
          return r.data.kind === 'item' ? { meetingCase: caseOf(r.data.caseId) } : {};
        default:
          return {};
      }
    });
  }

  private auditContext(
    entry: Data,
    files: Map<string, Data>,
    docs: Map<string, Data>,
    caseOf: (id: unknown) => Guarded | null,
  ): ProjectionContext {
    const id = String(entry.recordId);
    switch (entry.recordCollection as CollectionName) {
      case 'cases': {
        const c = caseOf(id);
        return { auditTarget: c ? { collection: 'cases', record: c } : null };
      }
      case 'documents': {
        const d = docs.get(id) as GuardedDocument | undefined;
        return { auditTarget: d ? { collection: 'documents', record: d, parentCase: caseOf((d as unknown as Data).caseId) } : null };
      }
      case 'files': {
        const f = files.get(id);
        const d = f ? (docs.get(String(f.documentId)) as GuardedDocument | undefined) : undefined;
        if (!f || !d) return { auditFile: null };
        const parentCase = caseOf((d as unknown as Data).caseId);
        return {
          auditTarget: { collection: 'documents', record: d, parentCase },
          auditFile: { file: { fileKey: String(f.fileKey) }, document: d, parentCase },
        };
      }
      default:
        // Anything else recorded in a case inherits that case's restriction.
        return { auditCase: caseOf(entry.caseId) };
    }
  }

  private async load(collection: CollectionName, ids: Set<string>): Promise<Map<string, Data>> {
    const out = new Map<string, Data>();
    const list = [...ids];
    const fields = collection === 'cases' || collection === 'documents' ? SURROUNDING_FIELDS[collection] : null;
    for (let i = 0; i < list.length; i += LOAD_SLICE) {
      if (i > 0) await nextTurn();
      const slice = list.slice(i, i + LOAD_SLICE);
      const rows = fields
        ? await this.storage.getRecordFields(collection, slice, fields)
        : await this.storage.getRecords(collection, slice);
      for (const r of rows) out.set(r.id, r.data);
    }
    return out;
  }
}
