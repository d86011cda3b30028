import {
  AuditEntry,
  Case,
  ClassNode,
  Document,
  DocumentType,
  FileRecord,
  Party,
  Register,
  User,
  projectRecord,
  type AccessSubject,
  type PartyLink,
} from '../../../shared/src';
import { isCaseDueForTransfer, isFreeDocumentDueForTransfer, latestDueDate } from '../../../shared/src/rules/transfer-due';
import {
  filePath,
  type ArchiveContent,
  type ArchiveGeneration,
  type ArchivedCase,
  type ArchivedDocument,
} from '../../../shared/src/archive';
import { caseNumberMatches, normaliseCaseNumberQuery } from '../../../shared/src/search';
import type { ArchiveDataFolder } from './data-folder';
import { ArchiveError } from './errors';

/** What one package is made of: its records, the blobs behind its files, its actor-register entries. */
export interface PackageSource {
  registerId: string;
  content: ArchiveContent;
  /** Each packaged file: where it goes in the package, and the blob to copy. */
  files: { path: string; sha256: string; size: number; mediaType: string }[];
  audit: AuditEntry[];
}

/**
 * Whom a package's parties are projected for: an archivist of every register, with a fresh second
 * factor but no named access (issue 17: "parties as the projection for an archivist allows").
 * A party named in a restricted record or as a shielded sender/recipient keeps only its kind; a
 * party with protected identity keeps its name but not its identity number, address, phone and
 * e-mail. Restricted cases and documents themselves travel whole, with their restriction.
 */
export function archivistSubject(registerIds: readonly string[]): AccessSubject {
  return {
    id: 'archive-transfer',
    roles: ['archivist'],
    registerIds: [...registerIds],
    groupIds: [],
    active: true,
    secondFactorFresh: true,
  };
}

/** The register's directory records, read once per run. */
export class ArchiveLookup {
  private readonly registers: Map<string, Register>;
  private readonly classes: Map<string, string>;
  private readonly doctypes: Map<string, DocumentType>;
  private readonly users: Map<string, string>;
  private readonly parties: Map<string, Party>;
  private readonly projected = new Map<string, Party | null>();
  private readonly subject: AccessSubject;

  constructor(private readonly folder: ArchiveDataFolder) {
    this.registers = new Map(
      folder
        .all('registers')
        .map((r) => Register.parse(r))
        .map((r) => [r.id, r]),
    );
    this.classes = new Map(
      folder
        .all('classes')
        .map((r) => ClassNode.parse(r))
        .map((c) => [`${c.registerId}/${c.code}`, c.title]),
    );
    this.doctypes = new Map(
      folder
        .all('doctypes')
        .map((r) => DocumentType.parse(r))
        .map((t) => [t.id, t]),
    );
    this.users = new Map(
      folder
        .all('users')
        .map((r) => User.parse(r))
        .map((u) => [u.id, u.displayName]),
    );
    this.parties = new Map(
      folder
        .all('parties')
        .map((r) => Party.parse(r))
        .map((p) => [p.id, p]),
    );
    this.subject = archivistSubject([...this.registers.keys()]);
  }

  /** A party as the archivist's projection gives it (rules/projection.ts decides), or null when unknown. */
  party(id: string): Party | null {
    if (!this.projected.has(id)) {
      const p = this.parties.get(id);
      this.projected.set(id, p ? projectRecord(this.subject, 'parties', p, { partyLinks: this.partyLinks(id) }) : null);
    }
    return this.projected.get(id) ?? null;
  }

  private partyLinks(partyId: string): PartyLink[] {
    return this.folder.partyLinks(partyId).flatMap((l): PartyLink[] => {
      const stored = this.folder.byId(l.collection, l.recordId);
      if (!stored) return [];
      if (l.collection === 'cases') return [{ collection: l.collection, field: l.field, record: Case.parse(stored) }];
      const doc = Document.parse(stored);
      const parent = doc.caseId ? this.folder.byId('cases', doc.caseId) : null;
      return [{ collection: l.collection, field: l.field, record: doc, parentCase: parent ? Case.parse(parent) : null }];
    });
  }

  register(id: string): Register {
    const r = this.registers.get(id);
    if (!r) throw new ArchiveError('not_packageable', `register ${id} is missing from the data folder`);
    return r;
  }

  /** The live documents of a case that a package carries: registered ones (drafts and disposed left out). */
  caseDocuments(caseId: string): Document[] {
    return this.folder
      .where('documents', 'caseId', caseId)
      .map((r) => Document.parse(r))
      .filter((d) => d.status !== 'draft' && d.status !== 'disposed')
      .sort((a, b) => a.serial - b.serial || a.id.localeCompare(b.id));
  }

  retentionOf(d: Document): DocumentType['retention'] | null {
    return this.doctypes.get(d.documentTypeId)?.retention ?? null;
  }

  /** The newest version of each logical file of a document. */
  private files(documentId: string): FileRecord[] {
    const newest = new Map<string, FileRecord>();
    for (const f of this.folder.where('files', 'documentId', documentId).map((r) => FileRecord.parse(r))) {
      const had = newest.get(f.fileKey);
      if (!had || had.fileVersion < f.fileVersion) newest.set(f.fileKey, f);
    }
    return [...newest.values()].sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.id.localeCompare(b.id));
  }

  archivedDocument(d: Document, caseNumber: string, generation: ArchiveGeneration): ArchivedDocument {
    const type = this.doctypes.get(d.documentTypeId);
    return {
      document: d,
      documentTypeName: type?.name ?? '',
      retention: type?.retention ?? null,
      sender: d.senderPartyId ? this.party(d.senderPartyId) : null,
      recipient: d.recipientPartyId ? this.party(d.recipientPartyId) : null,
      responsibleName: this.users.get(d.responsibleUserId) ?? '',
      files: this.files(d.id).map((file, index) => ({
        file,
        path: filePath(generation, { caseNumber, documentNumber: d.documentNumber, index, version: file.fileVersion, name: file.name }),
        restriction: d.fileRestrictions.find((r) => r.fileKey === file.fileKey) ?? null,
      })),
    };
  }

  archivedCase(c: Case, generation: ArchiveGeneration): ArchivedCase {
    return {
      case: c,
      classTitle: this.classes.get(`${c.registerId}/${c.classCode}`) ?? '',
      responsibleName: this.users.get(c.responsibleUserId) ?? '',
      parties: c.partyIds.map((id) => this.party(id)).filter((p): p is Party => p !== null),
      documents: this.caseDocuments(c.id).map((d) => this.archivedDocument(d, c.caseNumber, generation)),
    };
  }
}

export function allCases(folder: ArchiveDataFolder): Case[] {
  return folder.all('cases').map((r) => Case.parse(r));
}

/** The case a user typed the number of, forgiving as search is ("ks 2026-42"). */
export function findCase(folder: ArchiveDataFolder, text: string): Case {
  const q = normaliseCaseNumberQuery(text);
  if (!q || q.documentSerial !== null) throw new ArchiveError('unknown_case', `"${text}" is not a case number (e.g. "KS 2026-00042")`);
  const hits = allCases(folder).filter((c) => c.caseNumber !== '' && caseNumberMatches(q, c.caseNumber));
  if (hits.length === 0) throw new ArchiveError('unknown_case', `no case numbered "${text}" in the data folder`);
  if (hits.length > 1)
    throw new ArchiveError('ambiguous_case', `"${text}" matches ${hits.map((c) => c.caseNumber).join(', ')}; give the series prefix`);
  const c = hits[0]!;
  if (c.status === 'disposed') throw new ArchiveError('not_packageable', `case ${c.caseNumber} is disposed: nothing is left to transfer`);
  return c;
}

/** Everything due for transfer on `today` (rules/transfer-due.ts), in every register or in one. */
export function dueForTransfer(
  folder: ArchiveDataFolder,
  lookup: ArchiveLookup,
  today: string,
  afterYears: number,
  registerId?: string,
): { cases: Case[]; documents: Document[] } {
  const opts = { today, afterYears };
  // Only closed cases and registered free-standing documents old enough can be due, read through
  // their partial indexes (migration 023); the documents of those cases alone are read.
  const by = latestDueDate(opts);
  const cases = folder
    .closedCases(registerId, by)
    .map((r) => Case.parse(r))
    .filter((c) =>
      isCaseDueForTransfer(
        c,
        lookup.caseDocuments(c.id).map((d) => ({ document: d, rule: lookup.retentionOf(d) })),
        opts,
      ),
    );
  const documents = folder
    .registeredFreeDocuments(registerId, by)
    .map((r) => Document.parse(r))
    .filter((d) => isFreeDocumentDueForTransfer(d, lookup.retentionOf(d), opts));
  return { cases, documents };
}

/** The actor-register entries about these records (by record, and those recorded in these cases). */
function auditOf(folder: ArchiveDataFolder, caseIds: readonly string[], recordIds: readonly string[]): AuditEntry[] {
  const byId = new Map<string, AuditEntry>();
  for (const id of caseIds) for (const r of folder.where('audit', 'caseId', id)) byId.set(r.id as string, AuditEntry.parse(r));
  for (const id of recordIds) for (const r of folder.where('audit', 'recordId', id)) byId.set(r.id as string, AuditEntry.parse(r));
  return [...byId.values()];
}

function filesOf(docs: readonly ArchivedDocument[]): PackageSource['files'] {
  return docs.flatMap((d) => d.files.map((f) => ({ path: f.path, sha256: f.file.sha256, size: f.file.size, mediaType: f.file.mediaType })));
}

/**
 * The packages for a set of cases and free-standing documents: one per register and kind (both
 * schemas hold either cases or free-standing documents, and one archive creator per package).
 */
export function packageSources(
  folder: ArchiveDataFolder,
  lookup: ArchiveLookup,
  cases: readonly Case[],
  documents: readonly Document[],
  generation: ArchiveGeneration,
): PackageSource[] {
  const out: PackageSource[] = [];
  const registers = [...new Set([...cases.map((c) => c.registerId), ...documents.map((d) => d.registerId)])].sort();
  for (const registerId of registers) {
    const reg = lookup.register(registerId);
    const names = { authorityName: reg.authorityName, registerName: reg.name };
    const regCases = cases.filter((c) => c.registerId === registerId).sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
    if (regCases.length > 0) {
      const archived = regCases.map((c) => lookup.archivedCase(c, generation));
      const docs = archived.flatMap((a) => a.documents);
      out.push({
        registerId,
        content: { kind: 'cases', ...names, cases: archived },
        files: filesOf(docs),
        audit: auditOf(
          folder,
          regCases.map((c) => c.id),
          [...regCases.map((c) => c.id), ...docs.map((d) => d.document.id), ...docs.flatMap((d) => d.files.map((f) => f.file.id))],
        ),
      });
    }
    const regDocs = documents.filter((d) => d.registerId === registerId).sort((a, b) => a.documentNumber.localeCompare(b.documentNumber));
    if (regDocs.length > 0) {
      const archived = regDocs.map((d) => lookup.archivedDocument(d, '', generation));
      out.push({
        registerId,
        content: { kind: 'documents', ...names, documents: archived },
        files: filesOf(archived),
        audit: auditOf(folder, [], [...regDocs.map((d) => d.id), ...archived.flatMap((d) => d.files.map((f) => f.file.id))]),
      });
    }
  }
  return out;
}
