/**
 * An archive receipt with the setting `remove` over a register whose actor register was written
 * before audit v2 (scheme 1, hashed over its values) and anchored by checkpoints signed over that
 * chain: the receipt re-anchors the register in its transaction, its entries say how many entries
 * were converted, no removed value is left in the data folder (the package aside, which keeps the
 * actor register whole), and the checkpoints the archivist kept from before verify through the
 * signed bridges — with `verify-audit` and in the start-up check — and without them are a rewrite.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type Case, type Document } from '../../../shared/src';
import { ARCHIVE_API } from '../../../shared/src/protocol/archive';
import { Attacker, accepted, edit, newCase, newDocument, uploadFile } from '../adversarial/attacks';
import { asWrittenBeforeAuditV2, expectReanchoredOnce } from '../audit-chain-rewrite';
import { bytesHits } from '../data-folder-bytes';
import { tinyPdf } from '../fixtures';
import { RawClient, eventually, startTestServer, type TestServer } from '../harness';
import { expectIntactThroughBridges, lastJson, runVerifyAudit } from '../verify-audit-cli';
import { api, preserveProcess, settled } from './transfer-setup';

const STAMP = randomUUID().slice(0, 8);
const TITLE = `Bygglov för förrådet ${STAMP}`;
/** The sender before the registrar corrected it: afterwards only the actor register quotes it. */
const EARLIER_SENDER = `Tidigare avsändare ${randomUUID()}`;
const SENDER = `Avsändare ${STAMP}`;
const DESCRIPTION = `Beskrivning av förrådet ${randomUUID()}`;
const FILE_NAME = `ritning-${randomUUID()}.pdf`;
const REMOVED = [EARLIER_SENDER, SENDER, DESCRIPTION, FILE_NAME];

let dataDir = '';
let checkpointDir = '';
let publicKeyFile = '';
/** The archivist's copies of the checkpoints, kept outside the server's folders. */
let kept = '';
let server: TestServer | null = null;
let kase: Case;
let doc: Document;
let archivist = '';
let converted = 0;

const start = () => startTestServer({ dataDir });

async function health(url: string): Promise<{ status: string; auditChain: string }> {
  const get = async () => (await fetch(`${url}/api/health`)).json() as Promise<{ status: string; auditChain: string }>;
  return eventually(async () => ((await get()).auditChain !== 'checking' ? get() : null));
}

async function exportCheckpoints(url: string): Promise<string> {
  const res = await fetch(`${url}${API.auditCheckpoints}`, { headers: { authorization: `Bearer ${archivist}` } });
  expect(res.status).toBe(200);
  return res.text();
}

const scheme1Entries = () => {
  const db = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
  try {
    return db
      .prepare<[], { n: number }>("SELECT count(*) AS n FROM records WHERE collection = 'audit' AND json_extract(data, '$.hashScheme') = 1")
      .get()!.n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-archive-reanchor-'));
  checkpointDir = `${dataDir}-audit/checkpoints`;
  publicKeyFile = path.join(checkpointDir, 'checkpoint-key.pub.pem');
  kept = mkdtempSync(path.join(tmpdir(), 'diarium-archive-reanchor-kept-'));
  server = await start();
  // A closed case with a document to preserve: its sender corrected, its file uploaded.
  const registrar = await Attacker.as(server.url, 'registrator');
  const qa = await Attacker.as(server.url, 'kvalitet');
  const process = await preserveProcess(registrar, 'reg-ks');
  kase = await accepted<Case>(server, registrar, 'cases', newCase(process, 'usr-registrator', { title: TITLE, description: DESCRIPTION }));
  doc = await accepted<Document>(
    server,
    registrar,
    'documents',
    newDocument(process, 'usr-registrator', kase.id, { sender: EARLIER_SENDER }),
  );
  expect((await edit(server, registrar, 'documents', doc.id, { sender: SENDER })).rejected).toEqual([]);
  expect((await uploadFile(server, registrar.token, doc.id, FILE_NAME, tinyPdf(TITLE))).status).toBe(201);
  expect((await edit(server, qa, 'documents', doc.id, { status: 'registered' })).rejected).toEqual([]);
  expect((await edit(server, qa, 'cases', kase.id, { status: 'registered' })).rejected).toEqual([]);
  expect((await edit(server, registrar, 'cases', kase.id, { status: 'closed' })).rejected).toEqual([]);
  registrar.close();
  qa.close();
  await server.close();

  // The old code's register, opened by today's server: it signs checkpoints over the scheme 1 chain at start.
  converted = asWrittenBeforeAuditV2(dataDir, 'reg-ks');
  writeFileSync(path.join(checkpointDir, 'checkpoints.jsonl'), '');
  server = await start();
  expect(await health(server.url)).toMatchObject({ status: 'ok', auditChain: 'intact' });
  archivist = (await RawClient.token(server.url, 'arkivarie')).token;
  writeFileSync(path.join(kept, 'before.jsonl'), await exportCheckpoints(server.url));
}, 180_000);

afterAll(async () => {
  await server?.stop();
  rmSync(kept, { recursive: true, force: true });
});

describe('an archive receipt removing content from a register written before audit v2', () => {
  it('the register holds scheme 1 entries quoting what the receipt removes', () => {
    expect(converted).toBeGreaterThanOrEqual(5);
    expect(scheme1Entries()).toBe(converted);
    const hits = bytesHits(dataDir, REMOVED).join('\n');
    for (const v of [EARLIER_SENDER, DESCRIPTION, FILE_NAME]) expect(hits).toContain(v);
  });

  it('the receipt re-anchors the register: its entries say how many were converted, none keeps a removed value', async () => {
    const settings = { generation: 'fgs2', archiveName: 'Kommunarkivet', archiveId: '', afterReceipt: 'remove', afterYears: 0 };
    expect((await api(server!, archivist, 'POST', ARCHIVE_API.settings, settings))[0]).toBe(200);
    const [, started] = await api(server!, archivist, 'POST', ARCHIVE_API.transfers, {
      registerId: 'reg-ks',
      kind: 'cases',
      ids: [kase.id],
    });
    const t = await settled(server!, archivist, started.id!);
    expect(t.state, t.error).toBe('written');
    const [status, confirmed] = await api(server!, archivist, 'POST', `${ARCHIVE_API.transferPrefix}${t.id}/receipt`, {
      manual: { name: 'Lars Ek', note: 'Mottaget enligt leveransbekräftelse' },
    });
    expect([status, confirmed.state]).toEqual([200, 'confirmed']);

    // The first record's act converted the register's scheme 1 entries; none was left for the second, none kept.
    await expectReanchoredOnce(server!.storage, [doc.id, kase.id], 'archivePackage', converted, REMOVED);
  });

  it('no file of the data folder holds a removed value but the package, which keeps the actor register whole', () => {
    expect(scheme1Entries()).toBe(0);
    const hits = bytesHits(dataDir, REMOVED);
    expect(hits.filter((h) => !h.startsWith(`archive-out${path.sep}`))).toEqual([]);
    const packaged = readdirSync(path.join(dataDir, 'archive-out'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('actor-register.json'),
    );
    expect(packaged).toHaveLength(1);
    const register = readFileSync(path.join(dataDir, 'archive-out', packaged[0]!), 'utf8');
    for (const v of [EARLIER_SENDER, DESCRIPTION, FILE_NAME]) expect(register).toContain(v);
  });

  it('the checkpoints kept from before verify through the signed bridges, and without them are a rewrite', async () => {
    writeFileSync(path.join(kept, 'after.jsonl'), await exportCheckpoints(server!.url));
    await server!.close();
    server = null;
    expectIntactThroughBridges(dataDir, publicKeyFile, kept);
    const bare = runVerifyAudit(dataDir, '--public-key', publicKeyFile, '--checkpoints', path.join(kept, 'before.jsonl'));
    expect(bare.status).toBe(1);
    expect(lastJson(bare.stdout)).toMatchObject({ registerId: 'reg-ks', reason: 'rewritten' });
    // The server's own start-up check, over its own file with the bridges.
    server = await start();
    expect(await health(server.url)).toMatchObject({ status: 'ok', auditChain: 'intact' });
  });
});
