import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSchemaVersions, schemaSubprotocol, syncSubprotocol, type FileRecord } from '../../shared/src';
import { sampleCase, sampleDocument } from '../../shared/src/testing/samples';
import { Attacker, uploadFile } from './adversarial/attacks';
import { RawClient, startTestServer, type TestServer } from './harness';
import { hitIds, plant, searchAs } from './search-client';

/*
 * The formats of files v1 through real uploads (POST /api/files): the server sniffs each from its
 * bytes, extracts its text in the worker thread and POST /api/search finds the document by a word
 * of it. The packages are made here with fflate as office suites write them.
 */

const REG = 'reg-ks';
const CASE = 'ff-case';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const ODT = 'application/vnd.oasis.opendocument.text';
const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
const ODP = 'application/vnd.oasis.opendocument.presentation';

let server: TestServer;
let registrar: string;

const odf = (type: string, body: string) =>
  Buffer.from(
    zipSync({
      mimetype: [strToU8(type), { level: 0 }],
      'content.xml': strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><office:document-content><office:body>${body}</office:body></office:document-content>`,
      ),
      'META-INF/manifest.xml': strToU8('<manifest:manifest/>'),
    }),
  );

const pptx = (slide: string) =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types/>'),
      'ppt/presentation.xml': strToU8('<p:presentation/>'),
      'ppt/slides/slide1.xml': strToU8(`<p:sld><p:cSld><p:spTree><a:p><a:r><a:t>${slide}</a:t></a:r></a:p></p:spTree></p:cSld></p:sld>`),
    }),
  );

/** Windows-1252 bytes of Latin-1 text (å, ä, ö are the same bytes in both). */
const cp1252 = (text: string) => Buffer.from(text, 'latin1');

const FILES = {
  pptx: { name: 'presentation.pptx', type: PPTX, body: pptx('Budget zqpptxord'), word: 'zqpptxord' },
  odt: {
    name: 'beslut.odt',
    type: ODT,
    body: odf(ODT, '<office:text><text:p>Beslut om zqodtåtgärd</text:p></office:text>'),
    word: 'zqodtåtgärd',
  },
  ods: {
    name: 'kalkyl.ods',
    type: ODS,
    body: odf(
      ODS,
      '<table:table><table:table-row><table:table-cell><text:p>zqodscell</text:p></table:table-cell></table:table-row></table:table>',
    ),
    word: 'zqodscell',
  },
  odp: { name: 'bilder.odp', type: ODP, body: odf(ODP, '<draw:page><text:p>zqodpbild</text:p></draw:page>'), word: 'zqodpbild' },
  csv: { name: 'lista.csv', type: 'text/csv', body: cp1252('Namn;Ort\r\nzqcsvnamn;Växjö\r\n'), word: 'zqcsvnamn växjö' },
  txt: {
    name: 'anteckning.txt',
    type: 'text/plain',
    body: Buffer.from('\uFEFFAnteckning om zqtextfil och älgar\n', 'utf8'),
    word: 'zqtextfil älgar',
  },
} as const;
const KINDS = Object.keys(FILES) as (keyof typeof FILES)[];
const docId = (kind: string) => `ff-${kind}`;

beforeAll(async () => {
  server = await startTestServer();
  await plant(server.storage, [
    [
      'cases',
      sampleCase({ id: CASE, registerId: REG, caseNumber: 'KS 1998-00021', year: 1998, serial: 21, title: 'Filformat', partyIds: [] }),
    ],
    ...KINDS.map(
      (kind, i) =>
        [
          'documents',
          sampleDocument({
            id: docId(kind),
            registerId: REG,
            caseId: CASE,
            documentNumber: `KS 1998-00021-${i + 1}`,
            serial: i + 1,
            title: `Format ${kind}`,
          }),
        ] as [string, { id: string; registerId: string }],
    ),
    [
      'documents',
      sampleDocument({ id: 'ff-broken', registerId: REG, caseId: CASE, documentNumber: 'KS 1998-00021-9', serial: 9, title: 'Trasig' }),
    ],
  ]);
  registrar = (await RawClient.token(server.url, 'registrator')).token;
  for (const kind of KINDS) {
    const f = FILES[kind];
    const res = await uploadFile(server, registrar, docId(kind), f.name, f.body);
    expect({ kind, status: res.status }).toEqual({ kind, status: 201 });
    expect(((await res.json()) as FileRecord).mediaType).toBe(f.type);
  }
  await server.fileText.idle();
});

afterAll(async () => {
  await server.stop();
});

describe('files v1 formats', () => {
  it('finds each document by a word of its file (å/ä/ö kept, Windows-1252 CSV and UTF-8 text with a byte order mark)', async () => {
    for (const kind of KINDS) {
      const hits = hitIds(await searchAs(server.url, registrar, { query: FILES[kind].word }));
      expect({ kind, hits }).toEqual({ kind, hits: [docId(kind)] });
    }
  });

  it('refuses a damaged ODT with unreadable_office_file and stores nothing', async () => {
    const whole = odf(ODT, '<office:text><text:p>zqtrasigodt</text:p></office:text>');
    const cut = await uploadFile(server, registrar, 'ff-broken', 'trasig.odt', whole.subarray(0, whole.length - 40));
    expect([cut.status, await cut.json()]).toEqual([422, { error: 'unreadable_office_file' }]);
    // A whole package, but without content.xml.
    const noText = Buffer.from(zipSync({ mimetype: [strToU8(ODT), { level: 0 }], 'styles.xml': strToU8('<s/>') }));
    const empty = await uploadFile(server, registrar, 'ff-broken', 'tom.odt', noText);
    expect([empty.status, await empty.json()]).toEqual([422, { error: 'unreadable_office_file' }]);
    expect(await server.storage.listWhere('files', 'documentId', 'ff-broken')).toEqual([]);
  });

  it('withholds the new formats from a client holding files v0 (a stripped tombstone), and gives it the old ones', async () => {
    const pdf = await uploadFile(
      server,
      registrar,
      'ff-broken',
      'gammal.eml',
      Buffer.from('From: a@b.example\nSubject: Hej\n\nText', 'utf8'),
    );
    expect(pdf.status).toBe(201);
    const old = await Attacker.as(server.url, 'registrator', [
      syncSubprotocol(2),
      schemaSubprotocol({ ...currentSchemaVersions(), files: 0 }),
    ]);
    try {
      const files = await old.pullAll('files');
      const ours = await Promise.all(KINDS.map(async (k) => (await server.storage.listWhere('files', 'documentId', docId(k)))[0]!.id));
      for (const id of ours) {
        const f = files.find((x) => x.id === id);
        expect(f).toMatchObject({ id, _deleted: true, name: '', mediaType: 'application/pdf', documentId: '' });
      }
      expect(files.find((x) => x.documentId === 'ff-broken')).toMatchObject({
        name: 'gammal.eml',
        mediaType: 'message/rfc822',
        _deleted: false,
      });
      // Nothing of the withheld files reaches it: not their names, not their types.
      for (const kind of KINDS) expect(old.frames.join('\n')).not.toContain(FILES[kind].name);
      expect(old.frames.join('\n')).not.toContain('opendocument');
    } finally {
      old.close();
    }
  });
});
