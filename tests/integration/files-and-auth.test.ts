import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type FileRecord, type PushResponse } from '../../shared/src';
import { buildCase, buildDocument } from '../../renderer/src/lib/records';
import { connectClient, eventually, PASSWORD, RawClient, replicaLister, startTestServer, type TestServer } from './harness';
import { openProcess, tinyPdf } from './fixtures';
import { BlobStore } from '../../sync-server/src/files/blob-store';

let server: TestServer;
let token: string;
let documentId: string;

async function upload(body: Buffer, name: string, auth = token, docId = documentId) {
  const params = new URLSearchParams({ documentId: docId, name });
  return fetch(`${server.url}${API.files}?${params}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${auth}` },
    body: new Uint8Array(body),
  });
}

beforeAll(async () => {
  server = await startTestServer();
  const client = await connectClient(server, 'registrator');
  await client.replica.awaitInitialSync();
  const p = await openProcess(replicaLister(client.replica));
  const user = client.replica.session.user.id;
  const c = buildCase({ registerId: 'reg-ks', title: 'Filtest', classCode: p.node.code, responsibleUserId: user }, user, {
    nowMs: Date.now(),
    id: randomUUID(),
  });
  await client.replica.db.cases.insert(c);
  const d = buildDocument(
    {
      registerId: 'reg-ks',
      caseId: c.id,
      direction: 'incoming',
      title: 'Ansökan',
      documentTypeId: p.doctype.id,
      classCode: p.node.code,
      receivedDate: '2026-11-20',
      sender: 'Anna Andersson',
    },
    user,
    { nowMs: Date.now(), id: randomUUID() },
  );
  await client.replica.db.documents.insert(d);
  await eventually(async () => (await server.storage.getRecord('documents', d.id))?.data.documentNumber || null);
  documentId = d.id;
  token = client.replica.session.token;
  await client.close();
});

afterAll(async () => {
  await server.stop();
});

describe('files', () => {
  it('stores an uploaded PDF by its SHA-256 and serves it to another reader', async () => {
    const pdf = tinyPdf('Ansokan');
    const res = await upload(pdf, 'ansökan.pdf');
    expect(res.status).toBe(201);
    const rec = (await res.json()) as FileRecord;
    expect(rec).toMatchObject({ mediaType: 'application/pdf', size: pdf.length, name: 'ansökan.pdf', fileVersion: 1, documentId });
    const reader = await RawClient.token(server.url, 'lasare');
    const dl = await fetch(`${server.url}${API.files}/${rec.id}`, { headers: { authorization: `Bearer ${reader.token}` } });
    expect(dl.status).toBe(200);
    expect(Buffer.from(await dl.arrayBuffer()).equals(pdf)).toBe(true);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
  });

  it('reaches a client replica, which caches the file for offline use', async () => {
    const client = await connectClient(server, 'registrator2');
    await client.replica.awaitInitialSync();
    const files = await eventually(async () => {
      const f = await client.replica.db.files.find({ selector: { documentId } }).exec();
      return f.length ? f : null;
    });
    const blob = await client.replica.openFile(files[0]!.id);
    expect(blob.size).toBe(files[0]!.size);
    client.net.down();
    const offline = await client.replica.openFile(files[0]!.id);
    expect(offline.size).toBe(files[0]!.size);
    await client.close();
  });

  it('fetches the files of the records a user holds ahead, so they open offline unasked', async () => {
    const client = await connectClient(server, 'arkivarie');
    await client.replica.awaitInitialSync();
    const files = await eventually(async () => {
      const f = await client.replica.db.files.find({ selector: { documentId } }).exec();
      return f.length ? f : null;
    });
    // Wait until the prefetch has stored every file, then cut the network and open them.
    await eventually(
      async () => {
        for (const f of files) if (!(await client.cache.has(f.sha256))) return false;
        return true;
      },
      20_000,
      'prefetched files',
    );
    client.net.down();
    for (const f of files) expect((await client.replica.openFile(f.id)).size).toBe(f.size);
    await client.close();
  });

  it("does not fetch the register's files ahead for an elected official's device; they open on demand", async () => {
    const client = await connectClient(server, 'politiker');
    await client.replica.awaitInitialSync();
    const files = await eventually(async () => {
      const f = await client.replica.db.files.find({ selector: { documentId } }).exec();
      return f.length ? f : null;
    });
    // Prefetch runs 500 ms after the files settle and after each reconnect (the archivist's
    // device above had them all by then): give it well over that, through a reconnect.
    client.net.down();
    client.net.restore();
    await new Promise((r) => setTimeout(r, 3_000));
    for (const f of files) expect(await client.cache.has(f.sha256)).toBe(false);
    expect((await client.replica.openFile(files[0]!.id)).size).toBe(files[0]!.size);
    expect(await client.cache.has(files[0]!.sha256)).toBe(true);
    await client.close();
  });

  it('sends an upload made offline once the connection returns', async () => {
    const client = await connectClient(server, 'registrator');
    await client.replica.awaitInitialSync();
    client.net.down();
    await client.replica.uploadFile(documentId, new Blob([new Uint8Array(tinyPdf('Offline'))]), 'offline.pdf');
    expect(client.replica.status.value.pendingUploads).toBe(1);
    client.net.restore();
    client.replica.reconnect();
    const rec = await eventually(
      async () => {
        const f = await client.replica.db.files.find({ selector: { documentId } }).exec();
        return f.find((x) => x.name === 'offline.pdf') ?? null;
      },
      20_000,
      'offline upload on the server',
    );
    expect(rec.mediaType).toBe('application/pdf');
    await eventually(() => client.replica.status.value.pendingUploads === 0 || null);
    await client.close();
  });

  it('sniffs the type from the bytes and refuses unknown formats', async () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    expect((await upload(exe, 'faktura.pdf')).status).toBe(415);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const res = await upload(png, 'bild.pdf');
    expect(res.status).toBe(201);
    const png1 = (await res.json()) as FileRecord;
    expect(png1.mediaType).toBe('image/png');
    // The stored name gets the extension of the real type: it can never pose as another format.
    expect(png1.name).toBe('bild.pdf.png');
  });

  it('refuses a damaged PDF at upload (a valid header, garbage after it) and stores nothing of it', async () => {
    const before = (await server.storage.listWhere('files', 'documentId', documentId)).length;
    const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), randomBytes(64 * 1024)]);
    // A real file cut short after its header and first object: the cross-reference table is gone.
    const cut = tinyPdf('Avskuren').subarray(0, 40);
    for (const [body, name] of [
      [garbage, 'trasig.pdf'],
      [cut, 'avskuren.pdf'],
    ] as const) {
      const res = await upload(body, name);
      expect([res.status, await res.json()], name).toEqual([422, { error: 'unreadable_pdf' }]);
      expect(new BlobStore(server.dataDir).has(createHash('sha256').update(body).digest('hex')), name).toBe(false);
    }
    expect((await server.storage.listWhere('files', 'documentId', documentId)).length).toBe(before);
    // A readable PDF right after is taken: the check's worker thread is still there.
    expect((await upload(tinyPdf('Hel'), 'hel.pdf')).status).toBe(201);
  });

  it('refuses files over the size limit and strips paths and bidi tricks from names', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-1.4');
    expect((await upload(big, 'stor.pdf')).status).toBe(413);
    const res = await upload(tinyPdf(), '../../etc/passwd\u202Efdp.exe');
    expect(res.status).toBe(201);
    expect(((await res.json()) as FileRecord).name).toBe('passwdfdp.exe.pdf');
  });

  it('requires a valid token and read access', async () => {
    expect((await upload(tinyPdf(), 'x.pdf', 'not-a-token')).status).toBe(401);
    const files = await server.storage.pullPage('files', 0, 10, null);
    const id = files[0]!.id;
    expect((await fetch(`${server.url}${API.files}/${id}`)).status).toBe(401);
    const outsider = await RawClient.token(server.url, 'sn.registrator');
    expect((await fetch(`${server.url}${API.files}/${id}`, { headers: { authorization: `Bearer ${outsider.token}` } })).status).toBe(404);
    expect((await upload(tinyPdf(), 'x.pdf', outsider.token)).status).toBe(404);
    const reader = await RawClient.token(server.url, 'lasare');
    expect((await upload(tinyPdf(), 'x.pdf', reader.token)).status).toBe(403);
  });
});

describe('authentication', () => {
  it('refuses the sync socket without a valid token', async () => {
    await expect(RawClient.connect(server.url, 'forged-token')).rejects.toThrow(/401/);
    await expect(RawClient.connect(server.url, '')).rejects.toThrow(/401/);
  });

  it('refuses an expired session', async () => {
    let clock = Date.now();
    const timed = await startTestServer({ now: () => clock });
    const { token: t } = await RawClient.token(timed.url, 'registrator');
    const raw = await RawClient.connect(timed.url, t);
    clock += 13 * 60 * 60 * 1000;
    const closed = new Promise<number>((resolve) => raw.ws.once('close', (code) => resolve(code)));
    raw.ws.send(JSON.stringify({ t: 'pull', rid: 1, collection: 'cases', checkpoint: null, limit: 10 }));
    expect(await closed).toBe(4401);
    await expect(RawClient.connect(timed.url, t)).rejects.toThrow(/401/);
    expect((await fetch(`${timed.url}${API.me}`, { headers: { authorization: `Bearer ${t}` } })).status).toBe(401);
    await timed.stop();
  });

  it('rate-limits login attempts', async () => {
    const attempt = (password: string) =>
      fetch(`${server.url}${API.login}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'arkivarie', password }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt('fel')).status).toBe(401);
    expect((await attempt('fel')).status).toBe(429);
    // Even the right password is refused while blocked.
    expect((await attempt(PASSWORD)).status).toBe(429);
    expect((await attempt('')).status).toBe(400);
  });

  it('records who did what: the actor is the session user, whatever the client claims', async () => {
    const raw = await RawClient.as(server.url, 'registrator2');
    const entries = await server.storage.pullPage('audit', 0, 5000, null);
    const before = entries.length;
    const doc = (await server.storage.getRecord('documents', documentId))!.data;
    const res = await raw.send<PushResponse>({
      t: 'push',
      collection: 'documents',
      rows: [{ assumedMasterState: doc, newDocumentState: { ...doc, title: 'Ansökan om bygglov', _deleted: false } }],
    });
    expect(res.rejected).toEqual([]);
    const after = await server.storage.pullPage('audit', 0, 5000, null);
    expect(after.length).toBe(before + 1);
    const entry = after.at(-1)!.data;
    expect(entry).toMatchObject({ actorId: 'usr-registrator2', action: 'update', recordId: documentId });
    expect(entry.changes).toEqual([{ field: 'title', from: 'Ansökan', to: 'Ansökan om bygglov' }]);
    raw.close();
  });
});

describe('cross-origin access', () => {
  it('lets the desktop origin call the API and refuses other origins on the sync socket', async () => {
    const pre = await fetch(`${server.url}${API.login}`, {
      method: 'OPTIONS',
      headers: { origin: 'app://diarium', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('app://diarium');
    const evil = await fetch(`${server.url}${API.login}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const { token: t } = await RawClient.token(server.url, 'registrator');
    const WebSocket = (await import('ws')).default;
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync`, ['diarium-sync.v1', `auth.${t}`], {
        origin: 'https://evil.example',
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(403);
  });
});
