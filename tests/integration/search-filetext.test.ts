import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Document, type FileRecord } from '../../shared/src';
import { sampleCase, sampleDocument } from '../../shared/src/testing/samples';
import { DEMO_USER_SPECS } from '../../sync-server/src/demo/people';
import { GROUND, uploadFile } from './adversarial/attacks';
import { RawClient, enrolSecondFactor, startTestServer, type TestServer } from './harness';
import { hitIds, plant, searchAs } from './search-client';

/*
 * File text in search: real uploads through POST /api/files, text extracted by the server's
 * worker thread (pdf.js for PDF, the XML parts of DOCX), then found by POST /api/search. A
 * restricted file's planted word is found only by who may read that file: every other demo user
 * gets the very bytes of a word that exists nowhere.
 */

const REG = 'reg-ks';
const OFFICER = 'usr-handlaggare';
const NOWHERE = '{"hits":[],"more":false}';
const ids = {
  kase: 'ft-case',
  pdf: 'ft-pdf',
  docx: 'ft-docx',
  secret: 'ft-secret',
  broken: 'ft-broken',
  versions: 'ft-versions',
  mixed: 'ft-mixed',
};

let server: TestServer;
let registrar: string;

async function pdfWith(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage().drawText(text, { x: 50, y: 700, size: 12, font });
  return Buffer.from(await pdf.save());
}

function docxWith(paragraphs: readonly string[], extra: Record<string, Uint8Array> = {}): Buffer {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('');
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      'word/document.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
      ),
      ...extra,
    }),
  );
}

async function upload(documentId: string, name: string, body: Buffer, fileKey?: string): Promise<FileRecord> {
  const res = await uploadFile(server, registrar, documentId, name, body, fileKey);
  expect(res.status).toBe(201);
  await server.fileText.idle();
  return (await res.json()) as FileRecord;
}

const find = async (token: string, query: string) => hitIds(await searchAs(server.url, token, { query }));

beforeAll(async () => {
  server = await startTestServer();
  const doc = (id: string, serial: number) =>
    sampleDocument({
      id,
      registerId: REG,
      caseId: ids.kase,
      documentNumber: `KS 1997-00011-${serial}`,
      serial,
      title: `Bilagor ${serial}`,
      responsibleUserId: OFFICER,
    });
  await plant(server.storage, [
    [
      'cases',
      sampleCase({
        id: ids.kase,
        registerId: REG,
        caseNumber: 'KS 1997-00011',
        year: 1997,
        serial: 11,
        title: 'Filtext',
        responsibleUserId: OFFICER,
        partyIds: [],
      }),
    ],
    ['documents', doc(ids.pdf, 1)],
    ['documents', doc(ids.docx, 2)],
    ['documents', doc(ids.secret, 3)],
    ['documents', doc(ids.broken, 4)],
    ['documents', doc(ids.versions, 5)],
    ['documents', { ...doc(ids.mixed, 6), sender: 'Karin Zqsvensson' }],
  ]);
  registrar = (await RawClient.token(server.url, 'registrator')).token;
});

afterAll(async () => {
  await server.stop();
});

describe('search over file text', () => {
  it('finds a PDF by a word of its text (prefix and phrase), with the rest of the query on the document', async () => {
    await upload(ids.pdf, 'yttrande.pdf', await pdfWith('Yttrande om zqpdfordet vid Strandvägen'));
    expect(await find(registrar, 'zqpdfordet')).toEqual([ids.pdf]);
    expect(await find(registrar, 'zqpdfor')).toEqual([ids.pdf]);
    expect(await find(registrar, '"zqpdfordet vid strandvägen"')).toEqual([ids.pdf]);
    expect(await find(registrar, 'zqpdfordet nummer:1997-11-1')).toEqual([ids.pdf]);
    expect(await find(registrar, 'zqpdfordet nummer:1997-11-2')).toEqual([]);
    // A word in the text of a file the user may read excludes its document.
    expect(await find(registrar, 'bilagor nummer:1997-11-1')).toEqual([ids.pdf]);
    expect(await find(registrar, 'bilagor nummer:1997-11-1 -zqpdfordet')).toEqual([]);
    expect(await find(registrar, 'bilagor nummer:1997-11-1 -"vid strandvägen"')).toEqual([]);
    // Unfielded words are found in the metadata or a file's text, each where it is; fielded words search the metadata only.
    expect(await find(registrar, 'zqpdfordet bilagor')).toEqual([ids.pdf]);
    expect(await find(registrar, 'zqpdfordet rubrik:bilagor')).toEqual([ids.pdf]);
    expect(await find(registrar, 'rubrik:zqpdfordet')).toEqual([]);
    expect(await find(registrar, 'zqpdfordet bilagor zqfinnsingenstans')).toEqual([]);
  });

  it('finds a document by words of its sender and of its files together (each word in the metadata or some file)', async () => {
    await upload(ids.mixed, 'skrivelse.pdf', await pdfWith('Skrivelse om zqendastfil vid hamnen'));
    await upload(ids.mixed, 'bilaga.pdf', await pdfWith('Karta zqandrafilen'));
    for (const query of [
      'zqsvensson zqendastfil',
      '"karin zqsvensson" zqendastfil',
      'avsändare:zqsvensson zqendastfil',
      'zqendastfil zqandrafilen',
      'zqsvensson zqendastfil zqandrafilen',
      'zqsvens zqendast',
    ])
      expect({ query, hits: await find(registrar, query) }).toEqual({ query, hits: [ids.mixed] });
    // Every word must be somewhere in the same document, and an excluded one nowhere in what the user may read.
    expect(await find(registrar, 'zqsvensson zqpdfordet')).toEqual([]);
    expect(await find(registrar, 'zqsvensson zqendastfil -zqandrafilen')).toEqual([]);
    expect(await find(registrar, 'avsändare:zqendastfil zqsvensson')).toEqual([]);
  });

  it('finds a DOCX by words of its paragraphs, å/ä/ö kept', async () => {
    await upload(ids.docx, 'beslut.docx', docxWith(['Beslut om zqdocxåtgärd', 'Överklagande &amp; zqsista']));
    expect(await find(registrar, 'zqdocxåtgärd')).toEqual([ids.docx]);
    expect(await find(registrar, 'zqdocxatgard')).toEqual([]);
    expect(await find(registrar, 'zqsista')).toEqual([ids.docx]);
  });

  it('searches only the newest version of a file', async () => {
    const first = await upload(ids.versions, 'plan.pdf', await pdfWith('Utkast zqgammalversion'));
    expect(await find(registrar, 'zqgammalversion')).toEqual([ids.versions]);
    await upload(ids.versions, 'plan.pdf', await pdfWith('Slutlig zqnyversion'), first.fileKey);
    expect(await find(registrar, 'zqgammalversion')).toEqual([]);
    expect(await find(registrar, 'zqnyversion')).toEqual([ids.versions]);
  });

  it('refuses a corrupt PDF at upload, accepts a zip bomb-like DOCX, leaves it unsearchable by text and keeps working', async () => {
    const pdf = await pdfWith('zqtrasig');
    const corrupt = Buffer.concat([pdf.subarray(0, 400), Buffer.alloc(2000, 0x41)]);
    expect((await uploadFile(server, registrar, ids.broken, 'trasig.pdf', corrupt)).status).toBe(422);
    // 200 MiB of one letter deflates to ~200 KiB; the server stops inflating at its cap.
    const bomb = docxWith(['zqbomb'], { 'word/footer1.xml': new Uint8Array(200 << 20).fill(0x61) });
    expect(bomb.length).toBeLessThan(1 << 20);
    await upload(ids.broken, 'bomb.docx', bomb);
    expect(await find(registrar, 'zqbomb')).toEqual([]);
    expect(await find(registrar, 'zqtrasig')).toEqual([]);
    const files = (await server.storage.listWhere('files', 'documentId', ids.broken)).map((r) => (r.data as FileRecord).name).sort();
    expect(files).toEqual(['bomb.docx']);
    // The worker is replaced or kept as needed: the next file is still extracted.
    await upload(ids.broken, 'hel.pdf', await pdfWith('zqefterbomben'));
    expect(await find(registrar, 'zqefterbomben')).toEqual([ids.broken]);
  });
});

describe("a restricted file's text is found only by who may read the file", () => {
  const SECRET = 'zqhemligbilaga';

  beforeAll(async () => {
    const file = await upload(ids.secret, 'hemlig.pdf', await pdfWith(`Uppgifter ${SECRET} om enskild`));
    expect(await find(registrar, SECRET)).toEqual([ids.secret]);
    // The document stays open; only this file is restricted (an uploaded word was found before: it is indexed).
    const rec = (await server.storage.getRecord('documents', ids.secret))!;
    const restricted: Document = {
      ...(rec.data as Document),
      fileRestrictions: [{ fileKey: file.fileKey, kind: 'secrecy', legalGround: GROUND }],
    };
    await plant(server.storage, [['documents', restricted]]);
  });

  it('answers every demo user without a fresh second factor as if the word existed nowhere', async () => {
    for (const { username } of DEMO_USER_SPECS) {
      const token = (await RawClient.token(server.url, username)).token;
      for (const query of [SECRET, SECRET.slice(0, 7), `"${SECRET}"`, `${SECRET} nummer:1997-11-3`, `bilagor ${SECRET}`]) {
        const r = await searchAs(server.url, token, { query });
        expect({ username, query, status: r.status, text: r.text }).toEqual({ username, query, status: 200, text: NOWHERE });
      }
      // Nor can they learn it by excluding it.
      const plain = await searchAs(server.url, token, { query: 'bilagor nummer:1997-11-3' });
      expect({ username, text: (await searchAs(server.url, token, { query: `bilagor nummer:1997-11-3 -${SECRET}` })).text }).toEqual({
        username,
        text: plain.text,
      });
      // The document itself is still found by its metadata (the control that it was searched).
      if (username === 'registrator') expect(await find(token, 'nummer:1997-11-3')).toEqual([ids.secret]);
    }
  });

  it('lets the responsible officer with a fresh second factor find it', async () => {
    const token = (await RawClient.token(server.url, 'handlaggare')).token;
    expect(await find(token, SECRET)).toEqual([]);
    await enrolSecondFactor(server, 'handlaggare', token);
    expect(await find(token, SECRET)).toEqual([ids.secret]);
    // Its title's word with the file's word: the file's text counts for who may read the file.
    expect(await find(token, `bilagor ${SECRET}`)).toEqual([ids.secret]);
    expect(await find(token, 'bilagor nummer:1997-11-3')).toEqual([ids.secret]);
    expect(await find(token, `bilagor nummer:1997-11-3 -${SECRET}`)).toEqual([]);
  });
});

describe('files stored before file text was indexed', () => {
  it('are extracted in the background at start-up', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-it-filetext-'));
    const first = await startTestServer({ dataDir });
    await plant(first.storage, [
      ['documents', sampleDocument({ id: 'ft-old', registerId: REG, caseId: '', documentNumber: 'KS 1997-00012-1' })],
    ]);
    const token = (await RawClient.token(first.url, 'registrator')).token;
    expect((await uploadFile(first, token, 'ft-old', 'gammal.pdf', await pdfWith('Arkiverat zqfôreuppgradering'))).status).toBe(201);
    await first.fileText.idle();
    await first.close();
    // As a data folder of the release before: the files are there, their text is not.
    const db = new Database(path.join(dataDir, 'diarium.sqlite'));
    db.exec('DELETE FROM file_texts; DELETE FROM file_text_fts;');
    db.close();
    const second = await startTestServer({ dataDir });
    try {
      await second.fileText.idle();
      const again = (await RawClient.token(second.url, 'registrator')).token;
      expect(hitIds(await searchAs(second.url, again, { query: 'zqfôreuppgradering' }))).toEqual(['ft-old']);
    } finally {
      await second.stop();
    }
  });
});
