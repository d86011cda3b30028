import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import {
  API,
  AuditEntry,
  Document,
  type Case,
  type Checkpoint,
  type ClassNode,
  type DocumentType,
  type FileRecord,
  type PushResponse,
} from '../../../shared/src';
import { InformationRequest } from '../../../shared/src/model/request';
import { buildCase, buildDocument } from '../../../renderer/src/lib/records';
import { buildRequest, buildRequestCase, decisionDocumentType, requestProcess } from '../../../renderer/src/lib/requests/build';
import type { RequestTarget } from '../../../shared/src/rules/request';
import { confirmEnrolment, startEnrolment } from '../../../renderer/src/lib/second-factor';
import { base32Decode, totp } from '../../../sync-server/src/auth/totp';
import { RawClient, issueEnrolmentCode, startTestServer, type TestServer } from '../harness';

type Rec = Record<string, unknown>;

/**
 * A real server with the demo register, raw-protocol clients for its users, and the processes
 * the request flow needs: the demo's process for requests for official documents (with its
 * decision type) and an ordinary process whose documents are requested.
 */
export class RequestWorld {
  readonly clients = new Map<string, RawClient>();
  readonly ids: Record<string, string> = {};
  requestNode!: ClassNode;
  decisionType!: DocumentType;
  process!: { code: string; doctypeId: string };
  legalGrounds: string[] = [];

  private constructor(
    readonly server: TestServer,
    readonly clock: number,
  ) {}

  static async start(usernames: readonly string[]): Promise<RequestWorld> {
    // The server's clock; second-factor codes are computed for it.
    const clock = Math.floor(Date.now() / 30_000) * 30_000 + 1_000;
    const world = new RequestWorld(await startTestServer({ now: () => clock }), clock);
    for (const u of usernames) await world.login(u);
    const any = world.client(usernames[0]!);
    const classes = (await world.pull(any, 'classes')).documents as unknown as ClassNode[];
    const doctypes = (await world.pull(any, 'doctypes')).documents as unknown as DocumentType[];
    world.requestNode = requestProcess(classes, 'reg-ks')!;
    world.decisionType = decisionDocumentType(doctypes, 'reg-ks', world.requestNode.code)!;
    const covers = (t: DocumentType, code: string) => t.classCodes.some((c) => code === c || code.startsWith(`${c}.`));
    const open = classes.find(
      (c) =>
        c.registerId === 'reg-ks' &&
        c.selectable &&
        c.registrationGroupIds.length === 0 &&
        c.code !== world.requestNode.code &&
        doctypes.some((t) => t.registerId === 'reg-ks' && covers(t, c.code)),
    )!;
    world.process = { code: open.code, doctypeId: doctypes.find((t) => t.registerId === 'reg-ks' && covers(t, open.code))!.id };
    const registers = (await world.pull(any, 'registers')).documents;
    world.legalGrounds = (registers.find((r) => r.id === 'reg-ks')!.legalGrounds as { code: string }[]).map((g) => g.code);
    return world;
  }

  async login(username: string): Promise<RawClient> {
    const login = await RawClient.token(this.server.url, username);
    this.ids[username] = login.user.id;
    const c = await RawClient.connect(this.server.url, login.token);
    this.clients.set(username, c);
    return c;
  }

  /** A second session of `username` that has passed the second factor: restricted content opens to it. */
  async freshSession(username: string): Promise<RawClient> {
    const login = await RawClient.token(this.server.url, username);
    const session = { serverUrl: this.server.url, token: login.token };
    const start = await startEnrolment(session, await issueEnrolmentCode(this.server, username));
    await confirmEnrolment(session, totp(base32Decode(start.secret), this.clock));
    const c = await RawClient.connect(this.server.url, login.token);
    this.clients.set(`${username}+2fa`, c);
    return c;
  }

  client(username: string): RawClient {
    const c = this.clients.get(username);
    if (!c) throw new Error(`no client for ${username}`);
    return c;
  }

  async stop(): Promise<void> {
    for (const c of this.clients.values()) c.close();
    await this.server.stop();
  }

  push(client: RawClient, collection: string, state: Rec, assumed: Rec | null = null): Promise<PushResponse> {
    return client.send<PushResponse>({
      t: 'push',
      collection,
      rows: [{ assumedMasterState: assumed, newDocumentState: { ...state, _deleted: false } }],
    });
  }

  pull(client: RawClient, collection: string, checkpoint: Checkpoint | null = null): Promise<{ documents: Rec[]; checkpoint: Checkpoint }> {
    return client.send({ t: 'pull', collection, checkpoint, limit: 5000 });
  }

  /** Pushes an edit of a stored record, assuming the stored state. */
  async update(client: RawClient, collection: 'requests' | 'documents', next: Rec): Promise<PushResponse> {
    const current = await this.server.storage.getRecord(collection, String(next.id));
    if (!current) throw new Error(`no ${collection} ${String(next.id)}`);
    return this.push(client, collection, next, current.data);
  }

  async request(id: string): Promise<InformationRequest | null> {
    const rec = await this.server.storage.getRecord('requests', id);
    return rec ? InformationRequest.parse(rec.data) : null;
  }

  async document(id: string): Promise<Document | null> {
    const rec = await this.server.storage.getRecord('documents', id);
    return rec ? Document.parse(rec.data) : null;
  }

  async audit(): Promise<AuditEntry[]> {
    return (await this.server.storage.pullPage('audit', 0, 1_000_000, null)).map((r) => AuditEntry.parse(r.data));
  }

  async newCase(username: string, o: Partial<Case> = {}): Promise<Case> {
    const userId = this.ids[username]!;
    const c = {
      ...buildCase(
        { registerId: 'reg-ks', title: 'Skolskjuts för elev', classCode: this.process.code, responsibleUserId: userId },
        userId,
        { nowMs: this.clock, id: randomUUID() },
      ),
      ...o,
    };
    const client = this.clients.get(`${username}+2fa`) ?? this.client(username);
    expect((await this.push(client, 'cases', c)).rejected).toEqual([]);
    return (await this.server.storage.getRecord('cases', c.id))!.data as unknown as Case;
  }

  async newRequestCase(username: string, o: Partial<Case> = {}): Promise<Case> {
    const userId = this.ids[username]!;
    const c = {
      ...buildRequestCase(
        { registerId: 'reg-ks', classCode: this.requestNode.code, responsibleUserId: userId, receivedDate: '2026-02-04' },
        userId,
        { nowMs: this.clock, id: randomUUID() },
      ),
      ...o,
    };
    expect((await this.push(this.clients.get(`${username}+2fa`) ?? this.client(username), 'cases', c)).rejected).toEqual([]);
    return (await this.server.storage.getRecord('cases', c.id))!.data as unknown as Case;
  }

  async newDocument(
    username: string,
    caseId: string,
    o: Partial<Document> = {},
    classCode = this.process.code,
    doctypeId = this.process.doctypeId,
  ): Promise<Document> {
    const userId = this.ids[username]!;
    const d = {
      ...buildDocument(
        {
          registerId: 'reg-ks',
          caseId,
          direction: 'created',
          title: 'Tjänsteskrivelse om skolskjuts',
          documentTypeId: doctypeId,
          classCode,
          createdDate: '2026-02-02',
        },
        userId,
        { nowMs: this.clock, id: randomUUID() },
      ),
      ...o,
    };
    const res = await this.push(this.clients.get(`${username}+2fa`) ?? this.client(username), 'documents', d);
    expect(res.rejected).toEqual([]);
    return (await this.document(d.id))!;
  }

  async upload(client: RawClient, documentId: string, bytes: Uint8Array, name: string): Promise<FileRecord> {
    const res = await fetch(`${this.server.url}${API.files}?${new URLSearchParams({ documentId, name })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}` },
      body: new Uint8Array(bytes),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as FileRecord;
  }

  async download(client: RawClient, fileId: string): Promise<Uint8Array> {
    const res = await fetch(`${this.server.url}${API.files}/${fileId}`, { headers: { authorization: `Bearer ${client.token}` } });
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  }

  /** A request as the registrar's client builds it, not yet pushed. */
  buildRequest(username: string, caseId: string, targets: RequestTarget[], o: Partial<InformationRequest> = {}): InformationRequest {
    const userId = this.ids[username]!;
    const r = buildRequest(
      {
        registerId: 'reg-ks',
        caseId,
        anonymous: false,
        requesterName: 'Journalist Jonsson',
        requesterContact: 'jonsson@example.se',
        receivedDate: '2026-02-04',
        description: 'Handlingarna om skolskjutsen',
        deliveryMethod: 'email',
        dueDate: '',
        responsibleUserId: userId,
        targets,
      },
      userId,
      { nowMs: this.clock, id: randomUUID(), newItemId: randomUUID },
    );
    return { ...r, ...o };
  }
}
