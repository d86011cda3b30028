import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import {
  API,
  COLLECTION_NAMES,
  type Case,
  type CollectionName,
  type Document,
  type FileRecord,
  type PushResponse,
} from '../../../shared/src';
import { buildCase, buildDocument } from '../../../renderer/src/lib/records';
import { openProcess, tinyPdf, type Lister, type Process } from '../fixtures';
import { RawClient, type TestServer } from '../harness';
import { postOnOwnConnection } from '../own-connection';

/** A legal ground from the demo register's value list. */
export const GROUND = 'OSL 26 kap. 1 §';

/**
 * Planted secrets: distinctive ASCII strings, so a leak shows in any frame, header or body
 * whatever its encoding. Nobody has a fresh second factor, so nobody may ever receive these.
 */
export const SECRETS = {
  caseTitle: 'SECRET-CASE-TITLE-q7Zx1',
  caseDescription: 'SECRET-CASE-DESCRIPTION-b3Kp9',
  restrictionNote: 'SECRET-RESTRICTION-NOTE-m2Hd4',
  docTitle: 'SECRET-DOC-TITLE-w8Lc5',
  docSender: 'SECRET-DOC-SENDER-r4Tn0',
  fileName: 'SECRET-FILE-NAME-v6Qa3',
  fileText: 'SECRET-FILE-TEXT-j9Ue2',
  shieldedSender: 'SECRET-SHIELDED-SENDER-h5Ry7',
  restrictedFileText: 'SECRET-RESTRICTED-FILE-TEXT-n1Wb8',
  otherRegisterTitle: 'SECRET-OTHER-REGISTER-TITLE-c0Fg6',
} as const;
export const ALL_SECRETS: readonly string[] = Object.values(SECRETS);

/** Fails naming the secret when any of them occurs in what an attacker received. */
export function expectNoSecret(received: string | readonly string[], secrets: readonly string[] = ALL_SECRETS): void {
  const text = typeof received === 'string' ? received : received.join('\n');
  const found = secrets.filter((s) => text.includes(s));
  expect(found, 'planted secrets found in what the attacker received').toEqual([]);
}

/** A raw-protocol client that also keeps every frame it received, byte for byte. */
export class Attacker {
  readonly frames: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly raw: RawClient) {
    raw.ws.on('message', (data) => this.frames.push(String(data)));
    this.closed = new Promise((resolve) => raw.ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  /** `versions`: the subprotocols of an older client (default: the current protocol and shapes). */
  static async as(url: string, username: string, versions?: string[]): Promise<Attacker> {
    return new Attacker(await RawClient.as(url, username, versions));
  }

  static async withToken(url: string, token: string): Promise<Attacker> {
    return new Attacker(await RawClient.connect(url, token));
  }

  get token(): string {
    return this.raw.token;
  }

  send<T>(msg: Record<string, unknown>): Promise<T> {
    return this.raw.send<T>(msg);
  }

  /** Sends text as is (not JSON, oversized, …). */
  sendRaw(text: string | Buffer): void {
    this.raw.ws.send(text);
  }

  push(
    collection: string,
    newDocumentState: Record<string, unknown>,
    assumedMasterState: Record<string, unknown> | null = null,
  ): Promise<PushResponse> {
    return this.send<PushResponse>({
      t: 'push',
      collection,
      rows: [{ assumedMasterState, newDocumentState: { ...newDocumentState, _deleted: false } }],
    });
  }

  /** Pulls a collection to the end from a checkpoint, as RxDB would, and returns every record. */
  async pullAll(collection: CollectionName, checkpoint: Record<string, unknown> | null = null): Promise<Record<string, unknown>[]> {
    return (await this.pullToEnd(collection, checkpoint)).records;
  }

  /** The same, with the checkpoint the socket was left at. */
  async pullToEnd(
    collection: CollectionName,
    checkpoint: Record<string, unknown> | null = null,
  ): Promise<{ records: Record<string, unknown>[]; checkpoint: Record<string, unknown> | null }> {
    const records: Record<string, unknown>[] = [];
    let cp = checkpoint;
    for (let i = 0; i < 1000; i++) {
      const res = await this.send<{ t: string; documents: Record<string, unknown>[]; checkpoint: Record<string, unknown>; more?: true }>({
        t: 'pull',
        collection,
        checkpoint: cp,
        limit: 500,
      });
      expect(res.t).toBe('pull');
      records.push(...res.documents);
      cp = res.checkpoint;
      if (res.documents.length < 500 && !res.more) return { records, checkpoint: cp };
    }
    throw new Error(`pull of ${collection} did not end`);
  }

  /** Pulls every collection from the start. */
  async pullEverything(): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    for (const c of COLLECTION_NAMES) all.push(...(await this.pullAll(c)));
    return all;
  }

  close(): void {
    this.raw.close();
  }
}

/** Lists classes and document types over the raw protocol. */
export function rawLister(client: Attacker): Lister {
  return {
    async find<T>(collection: 'classes' | 'doctypes'): Promise<T[]> {
      return (await client.pullAll(collection)) as T[];
    },
  };
}

export function newCase(p: Process, createdBy: string, o: Partial<Case> = {}): Case {
  const base = buildCase(
    { registerId: p.node.registerId, title: 'Ärende', classCode: p.node.code, responsibleUserId: createdBy },
    createdBy,
    { nowMs: Date.now(), id: randomUUID() },
  );
  return { ...base, ...o };
}

export function newDocument(p: Process, createdBy: string, caseId: string, o: Partial<Document> = {}): Document {
  const base = buildDocument(
    {
      registerId: p.node.registerId,
      caseId,
      direction: 'incoming',
      title: 'Skrivelse',
      documentTypeId: p.doctype.id,
      classCode: p.node.code,
      receivedDate: '2026-11-20',
      sender: 'Avsändare',
    },
    createdBy,
    { nowMs: Date.now(), id: randomUUID() },
  );
  return { ...base, ...o };
}

/** Pushes a row and fails the set-up unless the server accepted it; returns the stored state. */
export async function accepted<T>(
  server: TestServer,
  client: Attacker,
  collection: 'cases' | 'documents' | 'parties',
  state: Record<string, unknown>,
  assumed: Record<string, unknown> | null = null,
): Promise<T> {
  const res = await client.push(collection, state, assumed);
  expect(res.rejected, `set-up push to ${collection} refused`).toEqual([]);
  return (await server.storage.getRecord(collection, String(state.id)))!.data as T;
}

/** Edits a stored record as `client`, from the server's current state. */
export async function edit(
  server: TestServer,
  client: Attacker,
  collection: 'cases' | 'documents' | 'parties',
  id: string,
  patch: Record<string, unknown>,
): Promise<PushResponse> {
  const rec = (await server.storage.getRecord(collection, id))!;
  // The stored version, not data.syncVersion: re-sent (touched) records bump only the former.
  const current = { ...rec.data, syncVersion: rec.version };
  return client.push(collection, { ...current, ...patch }, current);
}

export async function uploadFile(
  server: TestServer,
  token: string,
  documentId: string,
  name: string,
  body: Buffer,
  fileKey?: string,
): Promise<Response> {
  const params = new URLSearchParams({ documentId, name });
  if (fileKey) params.set('fileKey', fileKey);
  const res = await postOnOwnConnection(`${server.url}${API.files}?${params}`, token, new Uint8Array(body));
  // A status that may carry no body (204, 205, 304) gets none.
  return new Response([204, 205, 304].includes(res.status) ? null : res.body, { status: res.status });
}

export async function download(
  server: TestServer,
  token: string | null,
  fileIdOrPath: string,
): Promise<{ status: number; body: string; headers: string }> {
  const res = await fetch(`${server.url}${API.files}/${fileIdOrPath}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = Buffer.from(await res.arrayBuffer()).toString('latin1');
  return { status: res.status, body, headers: JSON.stringify([...res.headers.entries()]) };
}

export interface Planted {
  process: Process;
  /** Restricted case (officer: handlaggare), secret title, description and restriction note. */
  restrictedCase: Case;
  /** Document of the restricted case, secret title and sender, with a file. */
  restrictedDoc: Document;
  restrictedDocFile: FileRecord;
  /** Open case (officer: handlaggare) holding the shielded and the file-restricted documents. */
  openCase: Case;
  /** Document whose sender is shielded. */
  shieldedDoc: Document;
  /** Open document with one restricted file. */
  fileRestrictedDoc: Document;
  restrictedFile: FileRecord;
  /** Case of another register (reg-sn), secret title. */
  otherRegisterCase: Case;
  ids: Record<'registrar' | 'registrar2' | 'officer' | 'snRegistrar', string>;
}

/**
 * Plants the secrets through real pushes and uploads, as the register's own users would: the
 * registrar registers the officer's cases, documents and files, then restricts and shields them.
 */
export async function plantSecrets(server: TestServer): Promise<Planted> {
  const registrar = await Attacker.as(server.url, 'registrator');
  const sn = await Attacker.as(server.url, 'sn.registrator');
  try {
    const process = await openProcess(rawLister(registrar));
    const snProcess = await openProcess(rawLister(sn), 'reg-sn');
    const ids = {
      registrar: 'usr-registrator',
      registrar2: 'usr-registrator2',
      officer: 'usr-handlaggare',
      snRegistrar: 'usr-sn-registrator',
    };

    const rc = newCase(process, ids.registrar, {
      responsibleUserId: ids.officer,
      title: SECRETS.caseTitle,
      description: SECRETS.caseDescription,
    });
    await accepted(server, registrar, 'cases', rc);
    const rd = newDocument(process, ids.registrar, rc.id, {
      title: SECRETS.docTitle,
      sender: SECRETS.docSender,
      responsibleUserId: ids.officer,
    });
    await accepted(server, registrar, 'documents', rd);
    const up = await uploadFile(server, registrar.token, rd.id, `${SECRETS.fileName}.pdf`, tinyPdf(SECRETS.fileText));
    expect(up.status).toBe(201);
    const restrictedDocFile = (await up.json()) as FileRecord;
    const restrictedCase = await acceptedEdit<Case>(server, registrar, 'cases', rc.id, {
      restrictionKind: 'secrecy',
      legalGround: GROUND,
      restrictionNote: SECRETS.restrictionNote,
    });

    const oc = newCase(process, ids.registrar, { responsibleUserId: ids.officer, title: 'Öppet ärende' });
    await accepted(server, registrar, 'cases', oc);
    const sd = newDocument(process, ids.registrar, oc.id, {
      title: 'Skärmad avsändare',
      sender: SECRETS.shieldedSender,
      responsibleUserId: ids.officer,
    });
    await accepted(server, registrar, 'documents', sd);
    const shieldedDoc = await acceptedEdit<Document>(server, registrar, 'documents', sd.id, {
      shields: [{ field: 'sender', kind: 'privacy', legalGround: GROUND }],
    });

    const fd = newDocument(process, ids.registrar, oc.id, { title: 'Öppen handling med skyddad bilaga', responsibleUserId: ids.officer });
    await accepted(server, registrar, 'documents', fd);
    const up2 = await uploadFile(server, registrar.token, fd.id, 'bilaga.pdf', tinyPdf(SECRETS.restrictedFileText));
    expect(up2.status).toBe(201);
    const restrictedFile = (await up2.json()) as FileRecord;
    const fileRestrictedDoc = await acceptedEdit<Document>(server, registrar, 'documents', fd.id, {
      fileRestrictions: [{ fileKey: restrictedFile.fileKey, kind: 'secrecy', legalGround: GROUND }],
    });

    const other = newCase(snProcess, ids.snRegistrar, { title: SECRETS.otherRegisterTitle });
    const otherRegisterCase = await accepted<Case>(server, sn, 'cases', other);

    return {
      process,
      restrictedCase,
      restrictedDoc: (await server.storage.getRecord('documents', rd.id))!.data as unknown as Document,
      restrictedDocFile,
      openCase: (await server.storage.getRecord('cases', oc.id))!.data as unknown as Case,
      shieldedDoc,
      fileRestrictedDoc,
      restrictedFile,
      otherRegisterCase,
      ids,
    };
  } finally {
    registrar.close();
    sn.close();
  }
}

async function acceptedEdit<T>(
  server: TestServer,
  client: Attacker,
  collection: 'cases' | 'documents',
  id: string,
  patch: Record<string, unknown>,
): Promise<T> {
  const res = await edit(server, client, collection, id, patch);
  expect(res.rejected, `set-up edit of ${collection} refused`).toEqual([]);
  return (await server.storage.getRecord(collection, id))!.data as T;
}

/**
 * An honest user keeps being served: registers a new case over its own socket and gets it
 * back numbered on a pull, with none of the secrets in anything it received.
 */
export async function expectHonestServed(server: TestServer, honest: Attacker, process: Process, userId: string): Promise<void> {
  const c = newCase(process, userId, { title: `Ärende ${randomUUID().slice(0, 8)}` });
  const res = await honest.push('cases', c);
  expect(res.rejected).toEqual([]);
  const pulled = await honest.pullAll('cases');
  const mine = pulled.find((d) => d.id === c.id);
  expect(mine?.caseNumber).toMatch(/^KS \d{4}-\d{5}$/);
  expectNoSecret(honest.frames);
}

/** Everything a record of `collection` holds now, for "nothing changed" checks. */
export async function snapshot(server: TestServer, collection: CollectionName, id: string): Promise<string> {
  const rec = await server.storage.getRecord(collection, id);
  return JSON.stringify(rec);
}

export async function countAll(server: TestServer): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const c of ['cases', 'documents', 'audit', 'parties', 'files', 'users'] as const) out[c] = await server.storage.countRecords(c);
  return out;
}
