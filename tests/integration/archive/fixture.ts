import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  formatCaseNumber,
  formatDocumentNumber,
  formatFreeDocumentNumber,
  type Case,
  type CollectionName,
  type Document,
  type FileRecord,
  type Party,
  type RestrictionKind,
} from '../../../shared/src';
import { sampleCase, sampleDocument, sampleFile, sampleParty } from '../../../shared/src/testing/samples';
import { appendAudit, diffRecord } from '../../../sync-server/src/audit/audit';
import { signCheckpoint } from '../../../sync-server/src/audit/checkpoint';
import { buildDemoData } from '../../../sync-server/src/demo/demo-data';
import { importRecords } from '../../../sync-server/src/demo/seed';
import { storeDemoFiles } from '../../../sync-server/src/demo/seed-files';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite.adapter';

/**
 * A real server data folder for the archive tests: the demo register's directory (registers,
 * classification, document types with their retention rules, users, parties), the demo's real PDFs
 * as blobs, and `count` closed cases with restrictions, shields, restricted files and file
 * versions, written through the server's storage with their actor-register entries (hash chain)
 * and a signed checkpoint.
 */

export const NOW = Date.UTC(2026, 11, 7, 9);
export const TODAY = '2026-12-07';
export const NASTY = 'Bygglov <Storgatan 1> & "A" \'B\' \u0001\u0007 slut';

const GROUNDS: Record<RestrictionKind, string> = { secrecy: 'OSL 26 kap. 1 §', privacy: 'OSL 21 kap. 7 §', other: 'OSL 18 kap. 8 §' };
const KINDS: readonly (RestrictionKind | 'none')[] = ['secrecy', 'privacy', 'other', 'none', 'none'];

export interface ArchiveFixture {
  dataDir: string;
  /** The closed cases due for transfer (each has preserved documents). */
  due: Case[];
  /** Documents by case id. */
  documents: Map<string, Document[]>;
  files: FileRecord[];
  /** An open case and a closed case with nothing to preserve: not due. */
  notDue: Case[];
  /** A free-standing document due for transfer. */
  freeDocument: Document;
  /** The party with protected identity, sender of some letters. */
  protectedParty: Party;
  /** A party named only by an unrestricted case (arc-case-3): the archivist's projection leaves it whole. */
  openParty: Party;
}

function restriction(kind: RestrictionKind | 'none'): Partial<Case> {
  return kind === 'none' ? {} : { restrictionKind: kind, legalGround: GROUNDS[kind], restrictionNote: `Begränsat (${kind})` };
}

export async function makeArchiveFolder(count = 50): Promise<ArchiveFixture> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-archive-'));
  const demo = buildDemoData({ seed: 1, nowMs: NOW });
  const storage = new SqliteStorage(dataDir);
  const pdfs = await storeDemoFiles(dataDir, demo);
  const parties = demo.parties.filter((p) => p.registerId === 'reg-ks');
  // Protected identity (skyddade personuppgifter): its identity number and address must not reach a package.
  const protectedParty = sampleParty({
    id: 'arc-protected',
    registerId: 'reg-ks',
    name: 'Skyddad Sökande',
    idNumber: '19790312-9876',
    postalAddress: 'Gömda gränd 9',
    phone: '070-999 88 77',
    protectedIdentity: true,
  });

  const openParty = sampleParty({
    id: 'arc-open',
    registerId: 'reg-ks',
    name: 'Öppen Part AB',
    kind: 'organisation',
    postalAddress: 'Torget 3',
    city: 'Sundsvall',
  });

  const due: Case[] = [];
  const notDue: Case[] = [];
  const documents = new Map<string, Document[]>();
  const files: FileRecord[] = [];
  const addFile = (d: Document, n: number, version = 1, fileKey = `fk-${d.id}`): FileRecord => {
    const pdf = pdfs[n % pdfs.length]!;
    const f = sampleFile({
      id: `file-${d.id}-v${version}`,
      documentId: d.id,
      caseId: d.caseId,
      fileKey,
      fileVersion: version,
      name: n % 3 === 0 ? `Skrivelse <${n}> & "bilaga" åäö.pdf` : `${pdf.name}`,
      mediaType: 'application/pdf',
      size: pdf.size,
      sha256: pdf.sha256,
      uploadedBy: 'usr-registrator',
    });
    files.push(f);
    return f;
  };

  const makeCase = (i: number, o: Partial<Case>, docs: (c: Case) => Document[]): Case => {
    const serial = 100 + i;
    const c = sampleCase({
      id: `arc-case-${i}`,
      caseNumber: formatCaseNumber('KS', 2025, serial),
      year: 2025,
      serial,
      title: i === 0 ? NASTY : `Ärende ${i} om <gator> & "vägar"`,
      classCode: '1.1.3.1',
      status: 'closed',
      responsibleUserId: 'usr-handlaggare',
      partyIds: i === 3 ? [parties[i % parties.length]!.id, openParty.id] : [parties[i % parties.length]!.id],
      registeredDate: '2025-03-01',
      closedDate: '2025-11-20',
      ...restriction(KINDS[i % KINDS.length]!),
      ...o,
    });
    documents.set(c.id, docs(c));
    return c;
  };

  const doc = (c: Case, serial: number, o: Partial<Document>): Document =>
    sampleDocument({
      id: `${c.id}-d${serial}`,
      caseId: c.id,
      documentNumber: formatDocumentNumber(c.caseNumber, serial),
      serial,
      status: 'registered',
      classCode: c.classCode,
      responsibleUserId: 'usr-handlaggare',
      registeredDate: '2025-03-02',
      ...o,
    });

  for (let i = 0; i < count; i++) {
    const c = makeCase(i, {}, (c) => {
      const sender = i % 10 === 3 ? protectedParty : parties[(i + 1) % parties.length]!;
      const letter = doc(c, 1, {
        direction: 'incoming',
        title: `Skrivelse ${i} <inkommen>`,
        documentTypeId: 'dt-ks-skrivelse',
        receivedDate: '2025-03-02',
        sender: sender.name,
        senderPartyId: sender.id,
        ...(i % 5 === 0 ? { restrictionKind: 'secrecy' as const, legalGround: GROUNDS.secrecy } : {}),
        shields: i % 7 === 0 ? [{ field: 'sender', kind: 'privacy', legalGround: GROUNDS.privacy }] : [],
      });
      const decision = doc(c, 2, {
        direction: 'created',
        title: `Beslut ${i}`,
        documentTypeId: 'dt-ks-beslut',
        receivedDate: '',
        createdDate: '2025-11-19',
        sender: '',
        fileRestrictions: i % 4 === 0 ? [{ fileKey: `fk-${c.id}-d2`, kind: 'other', legalGround: GROUNDS.other }] : [],
      });
      const notes = doc(c, 3, {
        direction: 'outgoing',
        title: `Minnesanteckningar ${i}`,
        documentTypeId: 'dt-ks-minnesanteckningar',
        receivedDate: '',
        dispatchedDate: '2025-11-20',
        sender: '',
        recipient: 'Bygg & Co AB',
        ...(i === 1 ? { status: 'annulled' as const, changeReason: 'Registrerad i fel ärende' } : {}),
      });
      return [letter, decision, notes];
    });
    const [letter, decision, notes] = documents.get(c.id)!;
    addFile(letter!, i);
    addFile(decision!, i + 1, 1, `fk-${c.id}-d2`);
    if (i % 6 === 0) addFile(decision!, i + 2, 2, `fk-${c.id}-d2`);
    addFile(notes!, i + 3);
    due.push(c);
  }
  notDue.push(
    makeCase(count, { status: 'registered', closedDate: '' }, (c) => [
      doc(c, 1, { documentTypeId: 'dt-ks-beslut', direction: 'created', createdDate: '2025-04-01', receivedDate: '', sender: '' }),
    ]),
  );
  notDue.push(
    makeCase(count + 1, {}, (c) => [
      doc(c, 1, {
        documentTypeId: 'dt-ks-minnesanteckningar',
        direction: 'created',
        createdDate: '2025-04-01',
        receivedDate: '',
        sender: '',
      }),
    ]),
  );
  const freeDocument = sampleDocument({
    id: 'arc-free-1',
    caseId: '',
    documentNumber: formatFreeDocumentNumber('KSH', 2025, 7),
    serial: 0,
    status: 'registered',
    direction: 'created',
    documentTypeId: 'dt-ks-delegationsbeslut',
    classCode: '1.1.3.1',
    title: 'Delegationsbeslut om <parkering>',
    receivedDate: '',
    createdDate: '2025-05-05',
    sender: '',
    registeredDate: '2025-05-05',
    responsibleUserId: 'usr-handlaggare',
  });
  addFile(freeDocument, 5);

  const allCases = [...due, ...notDue];
  const allDocs = [...[...documents.values()].flat(), freeDocument];
  const batches: { collection: CollectionName; records: readonly (Record<string, unknown> & { id: string; registerId: string })[] }[] = [
    { collection: 'registers', records: demo.registers },
    { collection: 'classes', records: demo.classes },
    { collection: 'doctypes', records: demo.doctypes },
    { collection: 'groups', records: demo.groups },
    { collection: 'users', records: demo.users.map((u) => u.user) },
    { collection: 'parties', records: [...demo.parties, protectedParty, openParty] },
    { collection: 'cases', records: allCases },
    { collection: 'documents', records: allDocs },
    { collection: 'files', records: files },
  ];
  await importRecords(storage, batches);

  // The actor register: who registered each record, chained per register.
  const actor = { id: 'usr-registrator', displayName: 'Rut Registrator' };
  await storage.transaction(async (tx) => {
    const write = async (collection: CollectionName, id: string, caseId: string, label: string) => {
      const record = (await tx.getRecord(collection, id))!;
      await appendAudit(
        tx,
        {
          actor,
          at: new Date(NOW).toISOString(),
          action: 'create',
          collection,
          record,
          caseId,
          label,
          changes: diffRecord(null, record.data),
        },
        randomUUID,
      );
    };
    for (const c of allCases) await write('cases', c.id, c.id, c.caseNumber);
    for (const d of allDocs) await write('documents', d.id, d.caseId, d.documentNumber);
    for (const f of files) await write('files', f.id, f.caseId, f.name);
  });
  const { privateKey } = generateKeyPairSync('ed25519');
  for (const head of await storage.auditHeads())
    await storage.addAuditCheckpoint(signCheckpoint(privateKey, head, new Date(NOW).toISOString()));
  await storage.close();
  return { dataDir, due, documents, files, notDue, freeDocument, protectedParty, openParty };
}
