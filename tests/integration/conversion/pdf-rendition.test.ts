import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Document, FileRecord } from '../../../shared/src';
import { pdfRenditionPath } from '../../../shared/src/protocol/pdf-rendition';
import { redactPdf } from '../../../shared/src/redaction';
import { sampleCase, sampleDocument } from '../../../shared/src/testing/samples';
import { fetchPdfRendition } from '../../../renderer/src/lib/redaction/pdf-rendition';
import { loadSource } from '../../../renderer/src/lib/redaction/session/load-source';
import { nodeRedactionPlatform } from '../../../scripts/lib/node-redaction-platform';
import { GROUND, download, uploadFile } from '../adversarial/attacks';
import { RawClient, startTestServer, type TestServer } from '../harness';
import { plant } from '../search-client';
import { TEXT_WORDS, makeOfficeFiles, pdfChecks, pdfText, removeFiles, tool, type OfficeFiles } from './tools';

/*
 * POST /api/files/:id/pdf-rendition on a real server: access first, exactly as a download (the
 * same 404 for a file that is not there and one the user may not read), then the stored file as
 * PDF/A from LibreOffice, or a code the client shows in Swedish.
 */
const REG = 'reg-ks';
const CASE = 'pr-case';
let server: TestServer;
let files: OfficeFiles;
let registrar: string;
let reader: string;
let otherRegister: string;
const ids: Record<'open' | 'secret' | 'pdf', string> = { open: '', secret: '', pdf: '' };
let firstRendition: Buffer;

const doc = (id: string, serial: number, title: string, o: Partial<Document> = {}) =>
  sampleDocument({
    id,
    registerId: REG,
    caseId: CASE,
    documentNumber: `KS 2026-00077-${serial}`,
    serial,
    title,
    responsibleUserId: 'usr-handlaggare',
    ...o,
  });

async function rendition(token: string | null, fileId: string): Promise<{ status: number; type: string; body: Buffer; headers: Headers }> {
  const res = await fetch(`${server.url}${pdfRenditionPath(fileId)}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
    headers: res.headers,
  };
}

async function upload(documentId: string, name: string, body: Buffer): Promise<string> {
  const res = await uploadFile(server, registrar, documentId, name, body);
  expect(res.status).toBe(201);
  return ((await res.json()) as FileRecord).id;
}

beforeAll(async () => {
  tool('soffice');
  files = await makeOfficeFiles();
  server = await startTestServer();
  await plant(server.storage, [
    [
      'cases',
      sampleCase({ id: CASE, registerId: REG, caseNumber: 'KS 2026-00077', year: 2026, serial: 77, title: 'Renditioner', partyIds: [] }),
    ],
    ['documents', doc('pr-open', 1, 'Öppet brev')],
    ['documents', doc('pr-secret', 2, 'Sekretessbrev')],
    ['documents', doc('pr-pdf', 3, 'Redan PDF')],
  ]);
  registrar = (await RawClient.token(server.url, 'registrator')).token;
  reader = (await RawClient.token(server.url, 'lasare')).token;
  otherRegister = (await RawClient.token(server.url, 'sn.registrator')).token;
  ids.open = await upload('pr-open', 'Brev till nämnden.docx', files.docx);
  ids.secret = await upload('pr-secret', 'hemligt.docx', files.docx);
  // Restricted after the upload: its file is closed to everyone without content access.
  await plant(server.storage, [['documents', doc('pr-secret', 2, 'Sekretessbrev', { restrictionKind: 'secrecy', legalGround: GROUND })]]);
  const first = await rendition(registrar, ids.open);
  expect(first.status).toBe(200);
  firstRendition = first.body;
  ids.pdf = await upload('pr-pdf', 'brev.pdf', first.body);
});

afterAll(async () => {
  await server?.stop();
  removeFiles(files);
});

describe('PDF/A rendition of a stored file', () => {
  it('gives a reader of the file its PDF/A rendition, named like the file', async () => {
    const r = await rendition(reader, ids.open);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Brev till nämnden.pdf')}`);
    expect(r.headers.get('cache-control')).toBe('private, no-store');
    expect(pdfText(r.body, files.dir)).toContain(TEXT_WORDS);
    expect(pdfChecks(r.body, files.dir).meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
  });

  it('opens the same rendition again from memory instead of starting LibreOffice again', async () => {
    // LibreOffice stamps each PDF it makes with the time and a new /ID: equal bytes mean one conversion.
    const again = await rendition(reader, ids.open);
    expect(again.status).toBe(200);
    expect(again.body.equals(firstRendition)).toBe(true);
  });

  it('answers a file the user may not read exactly as one that does not exist, as a download does', async () => {
    const missing = await rendition(reader, 'no-such-file');
    expect({ status: missing.status, body: missing.body.toString('utf8') }).toEqual({ status: 404, body: '{"error":"not_found"}' });
    for (const [token, fileId] of [
      [reader, ids.secret],
      [otherRegister, ids.open],
    ] as const) {
      const r = await rendition(token, fileId);
      expect({ status: r.status, body: r.body.toString('utf8') }).toEqual({ status: 404, body: '{"error":"not_found"}' });
      expect((await download(server, token, fileId)).status).toBe(404);
    }
  });

  it('wants a session', async () => {
    expect((await rendition(null, ids.open)).status).toBe(401);
    expect((await rendition('not-a-token', ids.open)).status).toBe(401);
  });

  it('refuses a PDF with the code unsupported (the client opens it as it is)', async () => {
    const r = await rendition(registrar, ids.pdf);
    expect({ status: r.status, body: JSON.parse(r.body.toString('utf8')) as unknown }).toEqual({
      status: 415,
      body: { error: 'unsupported' },
    });
  });
});

describe('the redaction tool on a Word file', () => {
  it('opens the rendition and makes a masked PDF copy without the masked word', async () => {
    const session = { serverUrl: server.url, token: registrar };
    const pdf = await fetchPdfRendition(session, ids.open);
    const loaded = await loadSource(pdf, 'application/pdf', nodeRedactionPlatform);
    try {
      expect(loaded.pages.map((p) => p.text).join(' ')).toContain('zqkonvertering');
    } finally {
      await loaded.doc.destroy();
    }
    const masked = await redactPdf(pdf, { boxes: [], terms: [{ text: 'zqkonvertering', ground: GROUND }] }, nodeRedactionPlatform);
    expect(masked.boxes.length).toBeGreaterThan(0);
    const text = pdfText(masked.pdf, files.dir);
    expect(text).not.toMatch(/zqkonvertering/i);
    expect(text).toContain('Växjö kommun');
  });

  it('passes the refusals on as codes the view shows in Swedish', async () => {
    const session = { serverUrl: server.url, token: registrar };
    await expect(fetchPdfRendition(session, ids.pdf)).rejects.toMatchObject({ code: 'rendition-unsupported' });
    await expect(fetchPdfRendition({ ...session, token: reader }, ids.secret)).rejects.toMatchObject({ code: 'rendition-not_found' });
    // Port 9 (discard) has no listener here: the connection is refused, as offline.
    await expect(fetchPdfRendition({ ...session, serverUrl: 'http://127.0.0.1:9' }, ids.open)).rejects.toMatchObject({
      code: 'rendition-unreachable',
    });
  });
});
