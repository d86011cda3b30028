import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type FileRecord } from '../../../shared/src';
import { tinyPdf } from '../fixtures';
import { RawClient, startTestServer, type TestServer } from '../harness';
import {
  Attacker,
  countAll,
  download,
  expectHonestServed,
  expectNoSecret,
  newDocument,
  plantSecrets,
  uploadFile,
  type Planted,
} from './attacks';

let server: TestServer;
let planted: Planted;
const tokens: Record<string, string> = {};
/** An open document of the registrar's, where uploads are allowed. */
let openDocId: string;

const USERS = ['registrator', 'registrator2', 'handlaggare', 'kvalitet', 'arkivarie', 'admin', 'lasare', 'sn.registrator'];

beforeAll(async () => {
  server = await startTestServer();
  planted = await plantSecrets(server);
  for (const u of USERS) tokens[u] = (await RawClient.token(server.url, u)).token;
  const registrar = await Attacker.withToken(server.url, tokens.registrator!);
  const d = newDocument(planted.process, planted.ids.registrar, planted.openCase.id, { title: 'Uppladdningar' });
  expect((await registrar.push('documents', d)).rejected).toEqual([]);
  openDocId = d.id;
  registrar.close();
});

afterAll(async () => {
  await server.stop();
});

async function honestServed(): Promise<void> {
  const honest = await Attacker.withToken(server.url, tokens.registrator!);
  await expectHonestServed(server, honest, planted.process, planted.ids.registrar);
  honest.close();
}

describe('downloads', () => {
  it('refuses to download a file of a restricted document by its id, to every user without a second factor', async () => {
    for (const u of USERS) {
      const res = await download(server, tokens[u]!, planted.restrictedDocFile.id);
      expect(res.status, u).toBe(404);
      expectNoSecret([res.body, res.headers]);
    }
  });

  it('refuses to download a restricted file of an open document', async () => {
    for (const u of USERS) {
      const res = await download(server, tokens[u]!, planted.restrictedFile.id);
      expect(res.status, u).toBe(404);
      expectNoSecret([res.body, res.headers]);
    }
  });

  it('refuses to download a file by its SHA-256, restricted or not', async () => {
    const open = (await server.storage.pullPage('files', 0, 100, null))
      .map((r) => r.data as unknown as FileRecord)
      .find((f) => f.id !== planted.restrictedFile.id && f.id !== planted.restrictedDocFile.id);
    for (const sha of [planted.restrictedDocFile.sha256, planted.restrictedFile.sha256, ...(open ? [open.sha256] : [])]) {
      for (const u of ['registrator', 'admin', 'arkivarie']) {
        const res = await download(server, tokens[u]!, sha);
        expect(res.status).toBe(404);
        expectNoSecret([res.body, res.headers]);
      }
    }
  });

  it('refuses path tricks and forged ids in the download URL', async () => {
    const shard = planted.restrictedDocFile.sha256.slice(0, 2);
    for (const path of [
      `../blobs/${shard}/${planted.restrictedDocFile.sha256}`,
      `..%2F..%2Fblobs%2F${shard}%2F${planted.restrictedDocFile.sha256}`,
      `${planted.restrictedDocFile.id}%00`,
      `${planted.restrictedDocFile.id}/`,
      `${planted.restrictedDocFile.id}?as=handlaggare`,
      `${encodeURIComponent(planted.restrictedDocFile.id + "' OR '1'='1")}`,
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    ]) {
      const res = await download(server, tokens.registrator!, path);
      expect([400, 404], path).toContain(res.status);
      expectNoSecret([res.body, res.headers]);
      expect(res.body).not.toContain('root:');
    }
  });

  it('refuses downloads without a token, with a garbage token, or with a token sent another way', async () => {
    const id = planted.restrictedFile.id;
    const forms: Record<string, string>[] = [
      {},
      { authorization: 'Bearer ' },
      { authorization: 'Bearer garbage' },
      { authorization: `Basic ${tokens.handlaggare}` },
      { authorization: tokens.handlaggare! },
      { cookie: `token=${tokens.handlaggare}` },
    ];
    for (const headers of forms) {
      const res = await fetch(`${server.url}${API.files}/${id}`, { headers });
      expect(res.status).toBe(401);
      expectNoSecret(await res.text());
    }
    const query = await fetch(`${server.url}${API.files}/${id}?token=${tokens.handlaggare}`);
    expect(query.status).toBe(401);
    await honestServed();
  });
});

describe('uploads', () => {
  it('refuses a new version of a restricted file from a user who may not read it', async () => {
    const before = await countAll(server);
    // registrator2 may edit the open document but not read its restricted file: adding a
    // version by the file's key would replace what authorised readers open as current.
    const version = await uploadFile(
      server,
      tokens.registrator2!,
      planted.fileRestrictedDoc.id,
      'x.pdf',
      tinyPdf('Utbytt'),
      planted.restrictedFile.fileKey,
    );
    expectNoSecret(await version.text());
    expect([403, 404]).toContain(version.status);
    expect(await countAll(server)).toEqual(before);
  });

  it('stores a clean name whatever path tricks the upload name holds', async () => {
    const names = [
      '../../etc/passwd',
      '..\\..\\windows\\system32\\config\\sam',
      '/absolute/path/x.pdf',
      'C:\\Users\\x\\evil.pdf',
      'nul\u0000byte.pdf',
      'line\nbreak\r\n.pdf',
      'tab\tand\u007fdel.pdf',
      '\u202Efdp.exe',
      'a/../../b.pdf',
      '....//....//x.pdf',
      `${'x'.repeat(5000)}.pdf`,
      `${'å'.repeat(300)}.pdf`,
      `${'😀'.repeat(200)}.pdf`,
    ];
    for (const name of names) {
      const res = await uploadFile(server, tokens.registrator!, openDocId, name, tinyPdf('Namn'));
      expect(res.status, JSON.stringify(name)).toBe(201);
      const rec = (await res.json()) as FileRecord;
      const stored = (await server.storage.getRecord('files', rec.id))!.data as unknown as FileRecord;
      expect(stored.name).toBe(rec.name);
      expect(stored.name, JSON.stringify(name)).not.toMatch(/[/\\]/);
      // eslint-disable-next-line no-control-regex -- control characters are what must be absent
      expect(stored.name, JSON.stringify(name)).not.toMatch(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
      expect(stored.name).not.toMatch(/^\.\.?$/);
      expect(stored.name.length).toBeLessThanOrEqual(255);
      expect(stored.name.endsWith('.pdf')).toBe(true);
      expect(stored.name).toBe(stored.name.normalize('NFC'));
      // No lone surrogate from cutting an emoji in half.
      expect(stored.name).toBe(Buffer.from(stored.name, 'utf8').toString('utf8'));
    }
  });

  it('refuses names that are nothing but a path', async () => {
    const before = await countAll(server);
    for (const name of ['', '..', '.', '../', '..\\', '/', '\u0000', '\u202E', '   ']) {
      const res = await uploadFile(server, tokens.registrator!, openDocId, name, tinyPdf());
      expect(res.status, JSON.stringify(name)).toBe(400);
    }
    expect(await countAll(server)).toEqual(before);
  });

  it('refuses uploads into a restricted document and a document of another register', async () => {
    const before = await countAll(server);
    const restricted = await uploadFile(server, tokens.registrator!, planted.restrictedDoc.id, 'x.pdf', tinyPdf());
    expect(restricted.status).toBe(403);
    expectNoSecret(await restricted.text());
    const other = await uploadFile(server, tokens['sn.registrator']!, openDocId, 'x.pdf', tinyPdf());
    expect(other.status).toBe(404);
    const unknown = await uploadFile(server, tokens.registrator!, randomUUID(), 'x.pdf', tinyPdf());
    expect(unknown.status).toBe(404);
    for (const fileKey of ['../x', 'a'.repeat(65), 'a b']) {
      const bad = await uploadFile(server, tokens.registrator!, openDocId, 'x.pdf', tinyPdf(), fileKey);
      expect(bad.status).toBe(400);
    }
    expect(await countAll(server)).toEqual(before);
    await honestServed();
  });

  it('lets only one of several racing uploads with the same file id win; the others get duplicate_id and change nothing', async () => {
    const id = `race-${randomUUID()}`;
    // New versions of one file: the server reads the current version from disk before storing,
    // which opens the window between the id check and the write.
    const first = await uploadFile(server, tokens.registrator!, openDocId, 'kapplöpning.pdf', tinyPdf('Original'));
    const { fileKey } = (await first.json()) as FileRecord;
    const bodies = ['Först', 'Andra', 'Tredje', 'Fjärde'].map((t) => tinyPdf(t));
    const send = (body: Buffer, by: string) =>
      fetch(`${server.url}${API.files}?${new URLSearchParams({ documentId: openDocId, name: 'kapplöpning.pdf', id, fileKey })}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[by]}` },
        body: new Uint8Array(body),
      });
    // Two users who may both upload to the document, all at once.
    const responses = await Promise.all(bodies.map((b, i) => send(b, i % 2 ? 'registrator2' : 'registrator')));
    const answers = await Promise.all(
      responses.map(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> })),
    );
    const winners = answers.filter((a) => a.status === 201);
    expect(winners).toHaveLength(1);
    for (const loser of answers.filter((a) => a.status !== 201)) expect(loser).toEqual({ status: 409, body: { error: 'duplicate_id' } });
    const won = winners[0]!.body as unknown as FileRecord;
    const stored = (await server.storage.getRecord('files', id))!;
    expect(stored.version).toBe(1);
    expect(stored.data).toEqual(won);
    const res = await download(server, tokens.registrator!, id);
    expect(res.status).toBe(200);
    const winnerBody = bodies.find((b) => sha256Of(b) === won.sha256)!;
    expect(Buffer.from(res.body, 'latin1').equals(winnerBody)).toBe(true);
    // One upload, one actor-register entry.
    const entries = (await server.storage.pullPage('audit', 0, 100_000, null)).filter(
      (r) => (r.data as { recordId?: string }).recordId === id,
    );
    expect(entries).toHaveLength(1);
  });
});

function sha256Of(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
