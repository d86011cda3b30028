import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newestKey } from '../../shared/src/rules/numbering';
import { sampleCase, sampleDocument, sampleParty } from '../../shared/src/testing/samples';
import { RawClient, startTestServer, type TestServer } from './harness';
import { hitIds, plant, searchAs } from './search-client';

/*
 * Server-side search on a real server with the demo register and a few planted records, searched
 * over HTTP as the demo registrar (who may read the whole KS register).
 */
let server: TestServer;
const newest = (date: string) => newestKey(Date.parse(`${date}T12:00:00Z`));
let token: string;

const REG = 'reg-ks';
const OFFICER = 'usr-handlaggare';
/** Year 1999: the demo register numbers nothing then, so numbers are unambiguous. */
const ids = {
  bygglov: 's-bygglov',
  bygglovDoc: 's-bygglov-doc',
  alv: 's-alv',
  closed: 's-closed',
  party: 's-party',
  recipientDoc: 's-out',
};

beforeAll(async () => {
  server = await startTestServer();
  token = (await RawClient.token(server.url, 'registrator')).token;
  const kase = { registerId: REG, responsibleUserId: OFFICER, partyIds: [], description: '' };
  await plant(server.storage, [
    ['parties', sampleParty({ id: ids.party, registerId: REG, name: 'Karin Zetterqvist' })],
    [
      'cases',
      sampleCase({
        ...kase,
        id: ids.bygglov,
        caseNumber: 'KS 1999-00042',
        year: 1999,
        serial: 42,
        title: 'Bygglovsansökan för Kvärnbovägen 3',
        registeredDate: '1999-02-10',
        newestKey: newest('1999-02-10'),
      }),
    ],
    [
      'documents',
      sampleDocument({
        id: ids.bygglovDoc,
        registerId: REG,
        caseId: ids.bygglov,
        documentNumber: 'KS 1999-00042-1',
        title: 'Ritningar',
        sender: '',
        senderPartyId: ids.party,
        receivedDate: '1999-02-11',
        registeredDate: '1999-02-11',
        responsibleUserId: OFFICER,
        newestKey: newest('1999-02-11'),
      }),
    ],
    [
      'documents',
      sampleDocument({
        id: ids.recipientDoc,
        registerId: REG,
        caseId: ids.bygglov,
        documentNumber: 'KS 1999-00042-2',
        direction: 'outgoing',
        title: 'Begäran om komplettering',
        sender: '',
        recipient: 'Karin Zetterqvist',
        receivedDate: '',
        dispatchedDate: '1999-03-20',
        registeredDate: '1999-03-20',
        newestKey: newest('1999-03-20'),
      }),
    ],
    [
      'cases',
      sampleCase({
        ...kase,
        id: ids.alv,
        caseNumber: 'KS 1999-00043',
        year: 1999,
        serial: 43,
        title: 'Underhåll av Kvarnbovägen',
        description: 'Ritningar bifogas senare',
        registeredDate: '1999-06-01',
        newestKey: newest('1999-06-01'),
      }),
    ],
    [
      'cases',
      sampleCase({
        ...kase,
        id: ids.closed,
        caseNumber: 'KS 1999-00044',
        year: 1999,
        serial: 44,
        title: 'Avslutad Kvärnbovägen-utredning',
        status: 'closed',
        registeredDate: '1999-01-05',
        closedDate: '1999-04-30',
        newestKey: newest('1999-01-05'),
      }),
    ],
    // Swedish order puts Ö after Z (an English one would put it with O).
    ['cases', sampleCase({ ...kase, id: 's-o', caseNumber: 'KS 1999-00045', year: 1999, serial: 45, title: 'Översyn av taxor' })],
    ['cases', sampleCase({ ...kase, id: 's-z', caseNumber: 'KS 1999-00046', year: 1999, serial: 46, title: 'Zonplan för hamnen' })],
  ]);
});

afterAll(async () => {
  await server.stop();
});

const find = (query: string, extra: Record<string, unknown> = {}) => searchAs(server.url, token, { query, ...extra });

describe('search: numbers', () => {
  it.each(['ks 1999-42', 'KS1999-00042', '1999-42', 'nummer:"Ks 1999 - 042"', 'nummer:1999-42'])(
    '%s finds KS 1999-00042, then its documents newest first',
    async (q) => {
      const r = await find(q);
      expect(r.status).toBe(200);
      expect(hitIds(r)).toEqual([ids.bygglov, ids.recipientDoc, ids.bygglovDoc]);
      expect(r.body.more).toBe(false);
    },
  );

  it('finds one document by its number', async () => {
    expect(hitIds(await find('KS 1999-00042-2'))).toEqual([ids.recipientDoc]);
  });

  it('finds nothing under another prefix', async () => {
    expect(hitIds(await find('bn 1999-42'))).toEqual([]);
  });
});

describe('search: Swedish words', () => {
  it('keeps å, ä and ö apart from a and o', async () => {
    expect(hitIds(await find('kvärnbovägen'))).toEqual([ids.bygglov, ids.closed]);
    expect(hitIds(await find('kvarnbovagen'))).toEqual([]);
    expect(hitIds(await find('Kvarnbovägen'))).toEqual([ids.alv]);
  });

  it('finds a compound by the prefix of its first part', async () => {
    expect(hitIds(await find('bygglov kvärnbo'))).toEqual([ids.bygglov]);
  });
});

describe('search: fields and filters', () => {
  it('finds a document by the name of its sender party, and by a free-text recipient', async () => {
    expect(hitIds(await find('avsändare:zetterqvist'))).toEqual([ids.bygglovDoc]);
    expect(hitIds(await find('mottagare:"karin zetterqvist"'))).toEqual([ids.recipientDoc]);
    expect(hitIds(await find('"Karin Zetterqvist"'))).toEqual([ids.recipientDoc, ids.bygglovDoc]);
  });

  it('filters by a date range', async () => {
    expect(hitIds(await find('1999-42 datum:1999-03-01..1999-03-31'))).toEqual([ids.recipientDoc]);
    // Any of a record's dates: the closed case was registered in January and closed in April.
    expect(hitIds(await find('kvärnbovägen datum:>=1999-02-01'))).toEqual([ids.bygglov, ids.closed]);
    expect(hitIds(await find('kvärnbovägen datum:<1999-02'))).toEqual([ids.closed]);
    expect(hitIds(await find('kvärnbovägen datum:1999-02'))).toEqual([ids.bygglov]);
  });

  it('filters by status and direction, and excludes', async () => {
    expect(hitIds(await find('kvärnbovägen status:avslutat'))).toEqual([ids.closed]);
    expect(hitIds(await find('kvärnbovägen -status:avslutat'))).toEqual([ids.bygglov]);
    expect(hitIds(await find('1999-42 riktning:ut'))).toEqual([ids.recipientDoc]);
    expect(hitIds(await find('kvärnbovägen -utredning'))).toEqual([ids.bygglov]);
    // Zetterqvist is only the name of the first document's sender party (its free text is empty).
    expect(hitIds(await find('1999-42 -zetterqvist'))).toEqual([ids.bygglov]);
    expect(hitIds(await find('1999-42 -avsändare:zetterqvist'))).toEqual([ids.bygglov, ids.recipientDoc]);
  });

  it('keeps to the collections asked for', async () => {
    expect(hitIds(await find('1999-42', { collections: ['documents'] }))).toEqual([ids.recipientDoc, ids.bygglovDoc]);
  });
});

describe('search: order and pages', () => {
  it('ranks by the field a word is found in, then newest first', async () => {
    // "zetterqvist" is the sender of one and the recipient of the other (same weight): newest first.
    expect(hitIds(await find('zetterqvist'))).toEqual([ids.recipientDoc, ids.bygglovDoc]);
    // "ritningar": the title of an older document outranks the description of a newer case.
    expect(hitIds(await find('ritningar'))).toEqual([ids.bygglovDoc, ids.alv]);
    expect(hitIds(await find('ritningar', { sort: 'newest' }))).toEqual([ids.alv, ids.bygglovDoc]);
  });

  it('sorts by title in Swedish order when asked', async () => {
    const r = await find('1999', { sort: 'title', collections: ['cases'] });
    const titles = r.body.hits.map((h) => String(h.record.title));
    expect(titles).toEqual([
      'Avslutad Kvärnbovägen-utredning',
      'Bygglovsansökan för Kvärnbovägen 3',
      'Underhåll av Kvarnbovägen',
      'Zonplan för hamnen',
      'Översyn av taxor',
    ]);
  });

  it('pages with limit and offset and says when more follow', async () => {
    const first = await find('kvärnbovägen', { limit: 1, sort: 'newest' });
    expect(hitIds(first)).toEqual([ids.bygglov]);
    expect(first.body.more).toBe(true);
    const second = await find('kvärnbovägen', { limit: 1, offset: 1, sort: 'newest' });
    expect(hitIds(second)).toEqual([ids.closed]);
    expect(second.body.more).toBe(false);
  });

  it('returns records as a pull sends them', async () => {
    const [hit] = (await find('ks 1999-43')).body.hits;
    expect(hit!.collection).toBe('cases');
    expect(hit!.record).toMatchObject({ id: ids.alv, caseNumber: 'KS 1999-00043', title: 'Underhåll av Kvarnbovägen', _deleted: false });
  });
});
