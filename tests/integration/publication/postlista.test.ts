import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Case, Document, FileRecord, Party } from '../../../shared/src';
import { identityNumberSpans } from '../../../shared/src/rules/public-output';
import { sampleCase, sampleDocument, sampleParty } from '../../../shared/src/testing/samples';
import { uploadFile } from '../adversarial/attacks';
import { MeetingWorld, REGISTER, testBody } from '../meetings/world';
import { plant } from '../search-client';

/*
 * The public register list fetched as anyone on the net would (no session, plain HTTP), against
 * a real server whose register holds planted secrets: restricted records, shielded fields, a
 * protected-identity party, personal identity numbers in titles, senders, descriptions and file
 * text. Every byte of every page (all pages, searches, JSON, files) is scanned for them.
 */

const GROUND = 'OSL 26 kap. 1 §';
const PROTECTED_NAME = 'Tova Hemligsdotter';
const SECRET = {
  restrictedTitle: 'SECRET-RESTRICTED-TITLE-q8Zr',
  restrictedSender: 'SECRET-RESTRICTED-SENDER-w2Lx',
  restrictedDesc: 'SECRET-RESTRICTED-DESC-e5Kp',
  caseTitle: 'SECRET-CASE-TITLE-r7Mn',
  docInSecretCase: 'SECRET-DOC-IN-CASE-t3Vb',
  caseShieldedTitle: 'SECRET-CASE-SHIELDED-y6Qs',
  shieldedSender: 'SECRET-SHIELDED-SENDER-u1Hd',
  shieldedDesc: 'SECRET-SHIELDED-DESC-i4Jf',
};
/** Every planted value that must never be published, in every form it was written in. */
const NEVER = [
  ...Object.values(SECRET),
  PROTECTED_NAME,
  '19811218-9876',
  '811218-9876',
  '8112189876',
  '811218',
  '701063-2391',
  '7010632391',
  '701063',
  '８１１２１８',
  '19760412-3326',
];

type Rec = { id: string; registerId: string };
let w: MeetingWorld;
let mote: string;
let minutes: Document;
let cleanFile: FileRecord;
let pnrFile: FileRecord;
let cleanPdf: Buffer;

const DAYS = ['2027-08-30', '2027-08-31', '2027-09-01'];
const openCase = sampleCase({
  id: 'pl-case-open',
  registerId: REGISTER,
  caseNumber: 'KS 2019-00042',
  year: 2027,
  serial: 42,
  title: 'Detaljplan för Norra hamnen',
  partyIds: [],
  registeredDate: DAYS[0]!,
});

function doc(id: string, n: number, o: Partial<Document> = {}): Document {
  return sampleDocument({
    id,
    registerId: REGISTER,
    caseId: openCase.id,
    documentNumber: `KS 2019-00042-${n}`,
    serial: n,
    status: 'registered',
    title: `Yttrande ${n} om Norra hamnen`,
    sender: 'Trafikverket',
    registeredDate: DAYS[2]!,
    // Larger n is registered later: newest first within a day.
    newestKey: String(9_000_000_000_000 - n),
    ...o,
  });
}

async function pdfWith(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage().drawText(text, { x: 50, y: 700, size: 12, font });
  return Buffer.from(await pdf.save());
}

async function get(path: string): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(`${w.server.url}${path}`);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()).toString('utf8'), headers: res.headers };
}

type Entry = Record<string, unknown> & { id: string; documentNumber: string; files: { id: string; name: string }[] };
async function json(query: string): Promise<{ entries: Entry[]; next: string | null }> {
  const r = await get(`/postlista.json?${query}`);
  expect(r.status, r.body).toBe(200);
  return JSON.parse(r.body) as { entries: Entry[]; next: string | null };
}

/** Every page of a search, following the links as a reader would: the HTML pages and the JSON pages. */
async function crawl(query: string): Promise<{ html: string[]; json: string[]; entries: Entry[] }> {
  const html: string[] = [];
  for (let path: string | null = `/postlista?${query}`; path !== null;) {
    const r = await get(path);
    expect(r.status, r.body).toBe(200);
    html.push(r.body);
    const next = /<a href="([^"]+)" rel="next">/.exec(r.body);
    path = next ? next[1]!.replaceAll('&amp;', '&') : null;
    expect(html.length).toBeLessThan(1000);
  }
  const pages: string[] = [];
  const entries: Entry[] = [];
  for (let next: string | null = ''; next !== null;) {
    const r = await get(`/postlista.json?${query}${next ? `&efter=${next}` : ''}`);
    expect(r.status).toBe(200);
    pages.push(r.body);
    const page = JSON.parse(r.body) as { entries: Entry[]; next: string | null };
    entries.push(...page.entries);
    next = page.next;
  }
  return { html, json: pages, entries };
}

/** No planted value, and no valid personal identity number anywhere but in ids and paging tokens. */
function expectClean(bytes: string, what: string): void {
  const found = NEVER.filter((s) => bytes.includes(s));
  expect(found, `planted secrets in ${what}`).toEqual([]);
  const withoutIds = bytes
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '')
    .replace(/efter=[A-Za-z0-9_-]+/g, '');
  expect(
    identityNumberSpans(withoutIds).map((s) => withoutIds.slice(s.start, s.end)),
    `personnummer in ${what}`,
  ).toEqual([]);
}

beforeAll(async () => {
  w = await MeetingWorld.start('2027-09-01');
  mote = (await w.as('mote')).token;
  const party: Party = sampleParty({
    id: 'pl-party-prot',
    registerId: REGISTER,
    name: PROTECTED_NAME,
    idNumber: '19760412-3326',
    protectedIdentity: true,
  });
  const secretCase = {
    ...openCase,
    id: 'pl-case-secret',
    caseNumber: 'KS 2019-00043',
    serial: 43,
    title: SECRET.caseTitle,
    restrictionKind: 'secrecy',
    legalGround: GROUND,
  } as Case;
  const shieldedCase = {
    ...openCase,
    id: 'pl-case-shield',
    caseNumber: 'KS 2019-00044',
    serial: 44,
    title: SECRET.caseShieldedTitle,
    shields: [{ field: 'title', kind: 'privacy', legalGround: GROUND }],
  } as Case;
  const protectedCase = {
    ...openCase,
    id: 'pl-case-prot',
    caseNumber: 'KS 2019-00045',
    serial: 45,
    title: `Bostadsanpassning för ${PROTECTED_NAME}`,
    partyIds: [party.id],
  } as Case;
  const open = Array.from({ length: 24 }, (_, i) => doc(`pl-open-${i + 1}`, i + 1, { registeredDate: DAYS[i < 8 ? 0 : i < 16 ? 1 : 2]! }));
  const planted: [string, Rec][] = [
    ['parties', party],
    ['cases', openCase],
    ['cases', secretCase],
    ['cases', shieldedCase],
    ['cases', protectedCase],
    ...open.map((d): [string, Rec] => ['documents', d]),
    [
      'documents',
      doc('pl-restricted', 25, {
        title: SECRET.restrictedTitle,
        sender: SECRET.restrictedSender,
        description: SECRET.restrictedDesc,
        restrictionKind: 'secrecy',
        legalGround: GROUND,
      }),
    ],
    ['documents', doc('pl-in-secret-case', 1, { caseId: secretCase.id, documentNumber: 'KS 2019-00043-1', title: SECRET.docInSecretCase })],
    [
      'documents',
      doc('pl-shield-sender', 26, { sender: SECRET.shieldedSender, shields: [{ field: 'sender', kind: 'privacy', legalGround: GROUND }] }),
    ],
    [
      'documents',
      doc('pl-shield-desc', 27, {
        description: SECRET.shieldedDesc,
        shields: [{ field: 'description', kind: 'secrecy', legalGround: GROUND }],
      }),
    ],
    ['documents', doc('pl-prot-sender', 28, { sender: PROTECTED_NAME, senderPartyId: party.id })],
    [
      'documents',
      doc('pl-in-prot-case', 1, { caseId: protectedCase.id, documentNumber: 'KS 2019-00045-1', title: 'Beslut om bostadsanpassning' }),
    ],
    ['documents', doc('pl-in-shield-case', 1, { caseId: shieldedCase.id, documentNumber: 'KS 2019-00044-1', title: 'Komplettering' })],
    ['documents', doc('pl-pnr-title', 29, { title: 'Ansökan om färdtjänst 19811218-9876' })],
    ['documents', doc('pl-pnr-sender', 30, { sender: 'Kalle Karlsson 8112189876' })],
    ['documents', doc('pl-pnr-desc', 31, { description: 'Samordningsnummer 701063-2391' })],
    ['documents', doc('pl-pnr-hidden', 32, { title: 'Ärende ８１１２１８\u200B-９８７６' })],
    ['documents', doc('pl-annulled', 33, { status: 'annulled', title: 'Felregistrerad handling' })],
    ['documents', doc('pl-draft', 34, { status: 'draft', registeredDate: '', documentNumber: '', title: 'Utkast zqutkast' })],
    ['documents', doc('pl-false-positive', 35, { title: 'Protokoll 2027-08-30 § 12, jfr KS 2019-00042 och org.nr 556074-3089' })],
  ];
  await plant(w.server.storage, planted);
  // Posted minutes (a published document) with two files: one clean, one naming a personnummer.
  const body = await w.accepted('mote', 'meetings', testBody());
  const meetingCase = await w.newCase('mote', { title: 'Kommunstyrelsens sammanträden 2027' });
  await w.posted(body.id, meetingCase.id, '2027-08-25');
  const meeting = (await w.server.storage.listWhere('meetings', 'bodyId', body.id)).find((r) => r.data.kind === 'meeting')!;
  minutes = (await w.stored(String(meeting.data.minutesDocumentId), 'documents')) as unknown as Document;
  cleanPdf = await pdfWith('Protokoll fört vid sammanträde 2027-08-25, § 1 Upprop');
  const up = async (name: string, pdf: Buffer) => {
    const res = await uploadFile(w.server, mote, minutes.id, name, pdf);
    expect(res.status).toBe(201);
    return (await res.json()) as FileRecord;
  };
  cleanFile = await up('protokoll.pdf', cleanPdf);
  pnrFile = await up('bilaga.pdf', await pdfWith('Närvarande: Kalle Karlsson 19811218-9876'));
  await w.server.fileText.idle();
});

afterAll(async () => {
  await w?.stop();
});

describe('/postlista, without sign-in', () => {
  it('lists registered documents per day, newest day first, as HTML without scripts and as JSON', async () => {
    const r = await get('/postlista');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.headers.get('content-security-policy')).not.toContain('script-src');
    expect(r.body).not.toMatch(/<script|\son[a-z]+=/i);
    expect(r.body).toContain('<html lang="sv">');
    expect(r.body).toContain('<label for="nummer">Diarienummer</label>');
    const all = (await crawl('fran=2027-08-01&antal=50')).entries.map((e) => String(e.registeredDate));
    expect(all).toEqual([...all].sort().reverse());
    const { entries } = await crawl('nummer=KS%202019-42&fran=2027-08-30&till=2027-08-31&antal=5');
    // Day 08-31 (documents 9–16), then 08-30 (1–8), newest registered first within each.
    expect(entries.map((e) => e.id)).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `pl-open-${16 - i}`),
      ...Array.from({ length: 8 }, (_, i) => `pl-open-${8 - i}`),
    ]);
    expect(entries[0]).toEqual({
      id: 'pl-open-16',
      documentNumber: 'KS 2019-00042-16',
      registeredDate: '2027-08-31',
      direction: 'incoming',
      annulled: false,
      title: 'Yttrande 16 om Norra hamnen',
      description: '',
      counterpart: 'Trafikverket',
      caseNumber: 'KS 2019-00042',
      caseTitle: 'Detaljplan för Norra hamnen',
      files: [],
    });
  });

  it('pages: every page bounded, each entry once, HTML and JSON alike', async () => {
    const { html, entries } = await crawl('datum=2027-09-01&antal=4');
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(html.length).toBe(Math.ceil(ids.length / 4));
    for (const page of html) expect((page.match(/<tr><th scope="row">/g) ?? []).length).toBeLessThanOrEqual(4);
    const htmlNumbers = html.flatMap((p) => [...p.matchAll(/<tr><th scope="row">([^<]+)<\/th>/g)].map((m) => m[1]));
    expect(htmlNumbers).toEqual(entries.map((e) => e.documentNumber));
  });

  it('shows what the gate passes: open documents, the annulled one as annulled, dates and case numbers untouched', async () => {
    const { entries, html } = await crawl('datum=2027-09-01&antal=100');
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['pl-open-24', 'pl-annulled', 'pl-false-positive', minutes.id]));
    for (const blocked of [
      'pl-restricted',
      'pl-in-secret-case',
      'pl-shield-sender',
      'pl-shield-desc',
      'pl-prot-sender',
      'pl-in-prot-case',
      'pl-in-shield-case',
      'pl-pnr-title',
      'pl-pnr-sender',
      'pl-pnr-desc',
      'pl-pnr-hidden',
      'pl-draft',
    ])
      expect(ids).not.toContain(blocked);
    expect(entries.find((e) => e.id === 'pl-annulled')).toMatchObject({ annulled: true, title: 'Felregistrerad handling' });
    expect(html.join('')).toContain('Felregistrerad handling <strong class="makulerad">Makulerad</strong>');
    expect(entries.find((e) => e.id === 'pl-false-positive')!.title).toBe(
      'Protokoll 2027-08-30 § 12, jfr KS 2019-00042 och org.nr 556074-3089',
    );
  });

  it('offers the posted minutes’ clean file for download, not the one naming a personnummer', async () => {
    const entry = (await json(`datum=2027-09-01&antal=100`)).entries.find((e) => e.id === minutes.id)!;
    expect(entry.files.map((f) => f.id)).toEqual([cleanFile.id]);
    const res = await fetch(`${w.server.url}/postlista/fil/${cleanFile.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('protokoll.pdf');
    expect(Buffer.from(await res.arrayBuffer()).equals(cleanPdf)).toBe(true);
    for (const id of [pnrFile.id, 'no-such-file', '..%2F..%2Fetc']) expect((await get(`/postlista/fil/${id}`)).status, id).toBe(404);
  });

  it('never shows a planted secret or a personnummer: every byte of every page, search and JSON', async () => {
    const searches = [
      '',
      'antal=100',
      'fran=2027-08-30&antal=1',
      'fran=2027-08-30&antal=3',
      'datum=2027-09-01',
      'fran=2027-08-30&till=2027-09-01&antal=7',
      'nummer=KS 2019-42',
      'nummer=2019-43',
      'nummer=2019-44-1',
      'nummer=2019-45',
      'ord=hamnen',
      'ord=bostadsanpassning',
      'ord=färdtjänst',
      'ord=karlsson',
      'ord=samordningsnummer',
      'ord=komplettering',
    ];
    for (const q of searches) {
      const { html, json: pages } = await crawl(q);
      html.forEach((p, i) => expectClean(p, `HTML page ${i + 1} of "${q}"`));
      pages.forEach((p, i) => expectClean(p, `JSON page ${i + 1} of "${q}"`));
    }
    const file = Buffer.from(await (await fetch(`${w.server.url}/postlista/fil/${cleanFile.id}`)).arrayBuffer()).toString('latin1');
    expectClean(file, 'the published file');
  });

  it('searching for a secret finds nothing: a blocked record is not even a hit', async () => {
    for (const word of [...Object.values(SECRET), PROTECTED_NAME, 'Utkast', 'zqutkast']) {
      expect((await json(`ord=${encodeURIComponent(word)}`)).entries, word).toEqual([]);
      const page = await get(`/postlista?ord=${encodeURIComponent(word)}`);
      expect(page.body).toContain('Inga registrerade handlingar motsvarar sökningen.');
    }
    expect((await json('nummer=KS 2019-43')).entries).toEqual([]);
  });

  it('finds a number however it is typed: case, spaces, missing prefix, leading zeros', async () => {
    for (const typed of ['KS 2019-00042-3', 'ks 2019-42-3', 'KS2019-42-3', '2019-42-3', ' ks 2019 - 042 - 03 ', 'Ks 2019-0042-003'])
      expect(
        (await json(`nummer=${encodeURIComponent(typed)}`)).entries.map((e) => e.id),
        typed,
      ).toEqual(['pl-open-3']);
    const wholeCase = (await json('nummer=ks%202019-42&antal=100')).entries.map((e) => e.id);
    expect(wholeCase).toEqual(expect.arrayContaining(['pl-open-1', 'pl-open-24', 'pl-annulled']));
    expect(wholeCase.every((id) => id.startsWith('pl-'))).toBe(true);
    expect((await json('nummer=SN%202019-42')).entries).toEqual([]);
  });

  it('finds words in the title by their beginnings, all of them', async () => {
    const ids = (await json('ord=norra%20hamn&fran=2027-08-30&till=2027-08-30')).entries.map((e) => e.id);
    expect(ids).toEqual(Array.from({ length: 8 }, (_, i) => `pl-open-${8 - i}`));
    expect((await json('ord=norra%20zqingen')).entries).toEqual([]);
  });

  it('answers bad input with a Swedish message on the page (400), never a 500', async () => {
    const cases: [string, RegExp][] = [
      ['datum=2027-13-01', /Datum måste vara ett datum/],
      ['datum=igår', /Datum måste vara ett datum/],
      ['fran=2027-09-02&till=2027-09-01', /ligger efter/],
      ['datum=2027-09-01&fran=2027-08-01', /antingen ett datum eller ett datumintervall/],
      ['nummer=abc', /Diarienumret känns inte igen/],
      ['nummer=KS 2027-0', /Diarienumret känns inte igen/],
      ['antal=0', /Antal per sida/],
      ['antal=101', /Antal per sida/],
      ['antal=-5', /Antal per sida/],
      ['antal=1e3', /Antal per sida/],
      ['efter=garbage!', /Sidlänken är ogiltig/],
      [`efter=${Buffer.from('2027-09-01~1~x y').toString('base64url')}`, /Sidlänken är ogiltig/],
      [`ord=${'a'.repeat(201)}`, /för långt/],
      ['ord=%22%20OR%20*%20NEAR(', /./],
    ];
    for (const [q, message] of cases) {
      const page = await get(`/postlista?${q}`);
      const api = await get(`/postlista.json?${q}`);
      if (q.startsWith('ord=%22')) {
        // FTS syntax in the words is only words: an ordinary, empty search.
        expect(page.status, q).toBe(200);
        expect(api.status, q).toBe(200);
        continue;
      }
      expect(page.status, q).toBe(400);
      expect(page.body, q).toMatch(message);
      expect(page.body).toContain('role="alert"');
      expect(api.status, q).toBe(400);
      expect(JSON.parse(api.body)).toMatchObject({ error: 'bad_request', message: expect.stringMatching(message) });
    }
  });

  it('escapes what a registrar wrote', async () => {
    await plant(w.server.storage, [['documents', doc('pl-script', 36, { title: `<script>alert("x")</script> & 'citat'` })]]);
    const page = await get('/postlista?nummer=KS%202019-42-36');
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;citat&apos;');
  });

  it('shows a new registration at once', async () => {
    const c = await w.newCase('registrator', { title: 'Skrivelse om gatubelysning' });
    const d = await w.newDocument('registrator', c.id, { title: 'Inkommen skrivelse zqnyregistrerad' });
    expect(d.registeredDate).toBe('2027-09-01');
    expect((await json('ord=zqnyregistrerad')).entries.map((e) => e.id)).toEqual([d.id]);
  });

  it('shows an entry as it is now after it is edited, on a page read before (entries are parsed and rendered once and kept)', async () => {
    const c = await w.newCase('registrator', { title: 'Skrivelse om belysning' });
    const d = await w.newDocument('registrator', c.id, { title: 'Inkommen skrivelse zqforsta' });
    const byNumber = `/postlista?nummer=${encodeURIComponent(d.documentNumber)}`;
    expect((await get(byNumber)).body).toContain('Inkommen skrivelse zqforsta');
    expect((await w.update('registrator', d.id, { title: 'Inkommen skrivelse zqandra' }, 'documents')).rejected).toEqual([]);
    for (const page of [await get(byNumber), await get('/postlista?ord=zqandra')]) {
      expect(page.body).toContain(`<tr><th scope="row">${d.documentNumber}</th>`);
      expect(page.body).toContain('Inkommen skrivelse zqandra');
      expect(page.body).not.toContain('zqforsta');
    }
    expect((await json(`nummer=${encodeURIComponent(d.documentNumber)}`)).entries.map((e) => e.title)).toEqual([
      'Inkommen skrivelse zqandra',
    ]);
    // Edited again, now naming a personnummer: no page read before shows it, or what it said before.
    expect((await w.update('registrator', d.id, { title: 'Inkommen skrivelse zqtredje 19811218-9876' }, 'documents')).rejected).toEqual([]);
    for (const page of [await get(byNumber), await get('/postlista?ord=zqandra'), await get('/postlista?ord=zqtredje')]) {
      for (const never of ['9876', '811218', 'zqforsta', 'zqandra</td>']) expect(page.body).not.toContain(never);
    }
  });

  it('never shows on the next page a row read ahead with the page before it once a write took it off', async () => {
    const c = await w.newCase('registrator', { title: 'Skrivelser om snöröjning' });
    const docs = [];
    for (const n of ['ett', 'tva', 'tre']) docs.push(await w.newDocument('registrator', c.id, { title: `Skrivelse zqforut ${n}` }));
    // One a page: the first page reads the rows of the second with it.
    const first = await get('/postlista?ord=zqforut&antal=1');
    const next = /<a href="([^"]+)" rel="next">/.exec(first.body)![1]!.replaceAll('&amp;', '&');
    const later = docs.filter((d) => !first.body.includes(d.title));
    expect(later).toHaveLength(2);
    for (const d of later)
      expect((await w.update('registrator', d.id, { restrictionKind: 'secrecy', legalGround: GROUND }, 'documents')).rejected).toEqual([]);
    const second = await get(next);
    for (const d of later) expect(second.body).not.toContain(d.title);
    expect(second.body).toContain('Inga registrerade handlingar motsvarar sökningen.');
  });

  it('a page kept for readers is dropped the moment a record on it is restricted', async () => {
    const c = await w.newCase('registrator', { title: 'Skrivelse om parkering' });
    const d = await w.newDocument('registrator', c.id, { title: 'Inkommen skrivelse zqsnartskyddad' });
    const before = await get('/postlista?ord=zqsnartskyddad');
    expect(before.body).toContain('zqsnartskyddad');
    const res = await w.update('registrator', d.id, { restrictionKind: 'secrecy', legalGround: GROUND }, 'documents');
    expect(res.rejected).toEqual([]);
    const after = await get('/postlista?ord=zqsnartskyddad');
    expect(after.body).not.toContain('zqsnartskyddad</td>');
    expect(after.body).toContain('Inga registrerade handlingar motsvarar sökningen.');
    expect((await json('ord=zqsnartskyddad')).entries).toEqual([]);
  });
});

describe('/postlista after a record already listed is restricted or protected', () => {
  it('takes the entries off in the write that decides them: every byte of every page scanned, HTML and JSON', async () => {
    const LATER = {
      partyName: 'Zqlater Partsson',
      caseTitle: 'Fornminne zqlaterfall',
      inCase: 'Yttrande zqlaterett',
      byParty: 'Skrivelse zqlatertva',
    };
    const party = await w.accepted(
      'registrator',
      'parties',
      sampleParty({ id: 'pl-later-party', registerId: REGISTER, name: LATER.partyName }),
    );
    const c = await w.newCase('registrator', { title: LATER.caseTitle });
    const inCase = await w.newDocument('registrator', c.id, { title: LATER.inCase });
    const other = await w.newCase('registrator', { title: 'Skrivelser zqlater' });
    const byParty = await w.newDocument('registrator', other.id, {
      title: LATER.byParty,
      direction: 'incoming',
      sender: LATER.partyName,
      senderPartyId: party.id,
    });
    const searches = ['', 'antal=100', 'ord=zqlater', 'ord=zqlater&antal=1', `nummer=${encodeURIComponent(c.caseNumber)}`];
    const shown = async () => {
      const pages: string[] = [];
      const ids = new Set<string>();
      for (const q of searches) {
        const r = await crawl(q);
        pages.push(...r.html, ...r.json);
        r.entries.forEach((e) => ids.add(e.id));
      }
      return { bytes: Buffer.from(pages.join('\n'), 'utf8'), ids };
    };
    const before = await shown();
    for (const value of Object.values(LATER)) expect(before.bytes.includes(Buffer.from(value)), value).toBe(true);
    expect([...before.ids]).toEqual(expect.arrayContaining([inCase.id, byParty.id]));

    // The case made secret (its document goes with it), the party's identity protected (the document naming it goes).
    expect((await w.update('registrator', c.id, { restrictionKind: 'secrecy', legalGround: GROUND }, 'cases')).rejected).toEqual([]);
    expect((await w.update('registrator', party.id, { protectedIdentity: true }, 'parties')).rejected).toEqual([]);

    const after = await shown();
    for (const value of Object.values(LATER)) expect(after.bytes.includes(Buffer.from(value)), value).toBe(false);
    expect(after.ids.has(inCase.id)).toBe(false);
    expect(after.ids.has(byParty.id)).toBe(false);
    // Nothing else moved: every other entry is still there.
    expect([...after.ids].sort()).toEqual([...before.ids].filter((id) => id !== inCase.id && id !== byParty.id).sort());
  });
});

describe('/postlista after a write that reaches the store by another path than the change feed', () => {
  it('never serves a kept page after the write that took a row off it: every byte of every page scanned', async () => {
    const c = await w.newCase('registrator', { title: 'Tillsyn zqdirektfall' });
    const d = await w.newDocument('registrator', c.id, { title: 'Inspektionsrapport zqdirektrapport' });
    const searches = ['', 'antal=100', 'ord=zqdirekt', `nummer=${encodeURIComponent(c.caseNumber)}`];
    const shown = async () => {
      const pages: string[] = [];
      const ids = new Set<string>();
      for (const q of searches) {
        const r = await crawl(q);
        pages.push(...r.html, ...r.json);
        r.entries.forEach((e) => ids.add(e.id));
      }
      return { bytes: pages.join('\n'), ids };
    };
    // Read twice: the second reading comes from the kept pages.
    await shown();
    const before = await shown();
    expect(before.ids.has(d.id)).toBe(true);
    expect(before.bytes).toContain('zqdirektrapport');
    // The case made secret straight in the store, as a write path that publishes no change would.
    const stored = (await w.server.storage.getRecord('cases', c.id))!.data;
    await plant(w.server.storage, [['cases', { ...stored, restrictionKind: 'secrecy', legalGround: GROUND } as unknown as Rec]]);
    const after = await shown();
    expect(after.ids.has(d.id)).toBe(false);
    for (const value of ['zqdirektrapport', 'zqdirektfall']) expect(after.bytes.includes(value), value).toBe(false);
  });
});

describe('/api/publication/preview', () => {
  async function preview(token: string | null, date = '2027-09-01') {
    const res = await fetch(`${w.server.url}/api/publication/preview?date=${date}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: await res.text() };
  }

  it('shows the publisher exactly what goes out, and what is held back with the reasons (never the values)', async () => {
    const r = await preview((await w.as('registrator')).token);
    expect(r.status).toBe(200);
    expectClean(r.body, 'the preview');
    const p = JSON.parse(r.body) as {
      published: Entry[];
      blocked: { id: string; documentNumber: string; reasons: Record<string, unknown>[] }[];
      blockedFiles: { fileId: string; reasons: Record<string, unknown>[] }[];
    };
    const list = await json('datum=2027-09-01&antal=100');
    expect(p.published.map((e) => e.id).sort()).toEqual(list.entries.map((e) => e.id).sort());
    const why = Object.fromEntries(p.blocked.map((b) => [b.id, b.reasons]));
    expect(why).toMatchObject({
      'pl-restricted': [{ kind: 'restricted', restrictionKind: 'secrecy', legalGround: GROUND, inherited: false }],
      'pl-in-secret-case': [{ kind: 'restricted', restrictionKind: 'secrecy', inherited: true }],
      'pl-shield-sender': [{ kind: 'shielded', record: 'document', field: 'sender' }],
      'pl-shield-desc': [{ kind: 'shielded', record: 'document', field: 'description' }],
      'pl-prot-sender': [{ kind: 'protected-identity', field: 'sender' }],
      'pl-in-prot-case': [{ kind: 'protected-identity', field: 'caseTitle' }],
      'pl-in-shield-case': [{ kind: 'shielded', record: 'case', field: 'title' }],
      'pl-pnr-title': [{ kind: 'personal-identity-number', field: 'title' }],
      'pl-pnr-sender': [{ kind: 'personal-identity-number', field: 'sender' }],
      'pl-pnr-desc': [{ kind: 'personal-identity-number', field: 'description' }],
      'pl-pnr-hidden': [{ kind: 'personal-identity-number', field: 'title' }],
    });
    expect(p.blocked.find((b) => b.id === 'pl-pnr-title')!.documentNumber).toBe('KS 2019-00042-29');
    expect(p.blockedFiles).toEqual([
      {
        documentId: minutes.id,
        fileId: pnrFile.id,
        name: 'bilaga.pdf',
        reasons: [{ kind: 'personal-identity-number', field: 'fileText' }],
      },
    ]);
  });

  it('needs a session with the publication.preview permission, and a real date', async () => {
    expect(await preview(null)).toEqual({ status: 401, body: '{"error":"unauthorized"}' });
    // A case officer reads the register but does not publish: refused, with nothing of the day.
    expect(await preview((await w.as('handlaggare')).token)).toEqual({ status: 403, body: '{"error":"forbidden"}' });
    expect((await preview((await w.as('arkivarie')).token)).status).toBe(200);
    expect(await preview((await w.as('registrator')).token, '2027-02-30')).toEqual({ status: 400, body: '{"error":"bad_date"}' });
  });
});
