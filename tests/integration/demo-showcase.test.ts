import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, FileRecord, type PushResponse } from '../../shared/src';
import { Flow } from '../../shared/src/model/flow';
import { InformationRequest } from '../../shared/src/model/request';
import { DEV_SIGNING_API } from '../../shared/src/protocol/dev-signing';
import { openRoom } from '../../renderer/src/lib/collab';
import { readMail } from '../../renderer/src/lib/mail/read-mail';
import { swedishDateCache } from '../../sync-server/src/demo/dates';
import { buildDemoData, type DemoData } from '../../sync-server/src/demo/demo-data';
import { DEMO_USER_SPECS, userId } from '../../sync-server/src/demo/people';
import { DEMO_MAIL_DIR } from '../../sync-server/src/demo/seed-files';
import { extractText } from '../../sync-server/src/files/text-extract';
import {
  RawClient,
  SwitchableNetwork,
  connectClient,
  enrolSecondFactor,
  eventually,
  startTestServer,
  type TestClient,
  type TestServer,
} from './harness';
import { hitIds, searchAs } from './search-client';

/*
 * The demo register as `npm start` loads it, in a real server: a real client downloads the
 * showcase's files, the open request and the flow; the files' text is found by search (the
 * secret letter's only by who may read it); the flow's waiting signer signs with the development
 * test key and approves; the request's handler reviews the rest and decides; the notice text is in
 * its room; the e-mail to drop is downloadable from the demo server only.
 */

let server: TestServer;
let plain: TestServer;
let demo: DemoData;
let registrar: TestClient;
const picks = () => demo.picks!;

beforeAll(async () => {
  const nowMs = Date.now();
  [server, plain] = await Promise.all([startTestServer({ devTestKey: true, now: () => nowMs }), startTestServer({ seedDemo: false })]);
  // The server seeded with its own clock: the same records, built again here to name them.
  demo = buildDemoData({ seed: 1, nowMs });
  expect(demo.picks).not.toBeNull();
  registrar = await connectClient(server, 'registrator');
});

afterAll(async () => {
  await registrar?.close();
  await Promise.all([server?.stop(), plain?.stop()]);
});

const token = async (username: string) => (await RawClient.token(server.url, username)).token;

describe('the demo register with its files', () => {
  it("reaches a real client: the showcase's files, the open request and the flow", async () => {
    const { db } = registrar.replica;
    for (const doc of [picks().proposal, picks().confirmation, picks().memo]) {
      const [file] = await eventually(
        async () => {
          const found = await db.files.find({ selector: { documentId: doc.id } }).exec();
          return found.length ? found : null;
        },
        60_000,
        `the file of ${doc.documentNumber}`,
      );
      expect(FileRecord.parse(file!.toJSON()).mediaType).toBe('application/pdf');
    }
    const request = await eventually(() => db.requests.findOne('req-demo-1').exec(), 20_000, 'the request');
    expect(request.status).toBe('in_review');
    const flow = await eventually(() => db.flows.findOne('flow-demo-1').exec(), 20_000, 'the flow');
    expect(flow.steps.map((s) => s.status)).toEqual(['approved', 'active']);
  });

  it('serves each file as stored, a PDF whose text holds the personal data to mask', async () => {
    const file = FileRecord.parse((await server.storage.getRecord('files', `file-${picks().proposal.id}`))!.data);
    const res = await fetch(`${server.url}${API.files}/${file.id}`, { headers: { authorization: `Bearer ${await token('registrator')}` } });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    const text = (await extractText(bytes, 'application/pdf')).replace(/\s+/g, ' ');
    expect(text).toContain(picks().proposer.personnummer);
    expect(text).toContain(picks().proposer.name);
  });

  it("finds a document by a word of its PDF; the secret letter's words only by who may read it", async () => {
    await server.fileText.idle();
    expect(hitIds(await searchAs(server.url, await token('registrator'), { query: 'Åkesson' }))).toContain(picks().proposal.id);
    expect(hitIds(await searchAs(server.url, await token('registrator'), { query: 'tjänsteskrivelse undertecknas' }))).toContain(
      picks().memo.id,
    );
    // The complaint is secret: a reader has no access, its responsible officer reads it after their second factor.
    const secret = picks().secretLetter;
    const officer = DEMO_USER_SPECS.find((u) => userId(u.username) === secret.responsibleUserId)!.username;
    const officerToken = await token(officer);
    for (const t of [await token('lasare'), officerToken])
      expect(hitIds(await searchAs(server.url, t, { query: 'skleros' }))).not.toContain(secret.id);
    await enrolSecondFactor(server, officer, officerToken);
    expect(hitIds(await searchAs(server.url, officerToken, { query: 'skleros' }))).toEqual([secret.id]);
  });

  it("lets the flow's waiting signer sign the memo's PDF with the test key and approve", async () => {
    const officerToken = await token('handlaggare');
    const officer = await RawClient.connect(server.url, officerToken);
    try {
      const original = FileRecord.parse((await server.storage.getRecord('files', `file-${picks().memo.id}`))!.data);
      const current = new Uint8Array(
        await (
          await fetch(`${server.url}${API.files}/${original.id}`, { headers: { authorization: `Bearer ${officerToken}` } })
        ).arrayBuffer(),
      );
      const signedRes = await fetch(`${server.url}${DEV_SIGNING_API.sign}?${new URLSearchParams({ role: 'Beslutsfattare' })}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${officerToken}` },
        body: current,
      });
      expect(signedRes.status).toBe(200);
      const upload = await fetch(
        `${server.url}${API.files}?${new URLSearchParams({ documentId: picks().memo.id, name: original.name, fileKey: original.fileKey })}`,
        { method: 'POST', headers: { authorization: `Bearer ${officerToken}` }, body: new Uint8Array(await signedRes.arrayBuffer()) },
      );
      expect(upload.status).toBe(201);
      const version = FileRecord.parse(await upload.json());
      const stored = Flow.parse((await server.storage.getRecord('flows', 'flow-demo-1'))!.data);
      const decided = {
        ...stored,
        steps: stored.steps.map((s) => (s.status === 'active' ? { ...s, status: 'approved' as const, signatureFileId: version.id } : s)),
      };
      const res = await officer.send<PushResponse>({
        t: 'push',
        collection: 'flows',
        rows: [{ assumedMasterState: stored, newDocumentState: { ...decided, _deleted: false } }],
      });
      expect(res.rejected).toEqual([]);
      expect(Flow.parse((await server.storage.getRecord('flows', 'flow-demo-1'))!.data).status).toBe('approved');
    } finally {
      officer.close();
    }
  });

  it("lets the request's handler review the pending document and decide", async () => {
    const handler = await RawClient.as(server.url, 'handlaggare');
    try {
      const push = async (next: InformationRequest, assumed: InformationRequest) =>
        (
          await handler.send<PushResponse>({
            t: 'push',
            collection: 'requests',
            rows: [{ assumedMasterState: assumed, newDocumentState: { ...next, _deleted: false } }],
          })
        ).rejected;
      const stored = async () => InformationRequest.parse((await server.storage.getRecord('requests', 'req-demo-1'))!.data);
      const before = await stored();
      expect(await push({ ...before, items: before.items.map((i) => ({ ...i, review: 'release' as const })) }, before)).toEqual([]);
      const reviewed = await stored();
      expect(await push({ ...reviewed, status: 'decided', decision: 'release' }, reviewed)).toEqual([]);
      expect(await stored()).toMatchObject({ status: 'decided', decision: 'release', decidedBy: 'usr-handlaggare' });
    } finally {
      handler.close();
    }
  });

  it("has each meeting's notice text in its room, read by the meeting coordinator's client", async () => {
    const { token: moteToken, user } = await RawClient.token(server.url, 'mote');
    const coming = demo.meetings.find((m) => m.kind === 'meeting' && m.status === 'notice_sent')!;
    const net = new SwitchableNetwork();
    const room = openRoom({ serverUrl: server.url, token: moteToken, user }, { collection: 'meetings', id: coming.id }, net);
    try {
      const text = await eventually(() => room.text('notice').toString(), 20_000, 'the notice text');
      expect(text).toBe(demo.roomTexts.find((t) => t.room.id === coming.id)!.text);
      expect(text).toContain(coming.date);
    } finally {
      await room.destroy();
    }
  });
});

describe('the demo e-mail to drop', () => {
  it('lies in <data>/demo-mail and is downloadable from the demo server, byte for byte', async () => {
    const page = await fetch(`${server.url}/demo/e-post/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const names = ['ansokan-foreningsbidrag.eml', 'gatubelysning.msg', 'svar-medborgarforslag.eml'];
    for (const name of names) {
      expect(html).toContain(`href="${name}"`);
      const res = await fetch(`${server.url}/demo/e-post/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${name}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(Buffer.from(bytes).equals(readFileSync(path.join(server.dataDir, DEMO_MAIL_DIR, name)))).toBe(true);
      expect((await readMail(bytes)).subject).not.toBe('');
    }
    const reply = await readMail(new Uint8Array(await (await fetch(`${server.url}/demo/e-post/svar-medborgarforslag.eml`)).arrayBuffer()));
    expect(reply.subject).toContain(picks().proposalCase.caseNumber);
    expect(swedishDateCache()(Date.parse(reply.date))).toBe(swedishDateCache()(server.now() - 2 * 3_600_000));
  });

  it('serves no other file and nothing from a server without the demo', async () => {
    for (const p of [
      '/demo/e-post/..%2Fdiarium.sqlite',
      '/demo/e-post/%2e%2e/diarium.sqlite',
      '/demo/e-post/okand.eml',
      '/demo/e-post/%E0%A4%A',
    ])
      expect((await fetch(`${server.url}${p}`)).status, p).toBe(404);
    expect((await fetch(`${plain.url}/demo/e-post/`)).status).toBe(404);
  });
});
