import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SEARCH_OFFSET } from '../../shared/src/search';
import { newestKey } from '../../shared/src/rules/numbering';
import { sampleCase, sampleDocument } from '../../shared/src/testing/samples';
import { GROUND } from './adversarial/attacks';
import { RawClient, enrolSecondFactor, startTestServer, type TestServer } from './harness';
import { hitIds, plant, searchAs } from './search-client';

/*
 * A search examines a bounded window of candidates. Records whose content a user may not open
 * must not take places in it by words of that content: here more restricted records than the
 * window holds, all newer than one open record, carry the same word in their titles (restricted
 * themselves, or open documents of a restricted case). The registrar, who may open none of them,
 * still finds the open record and is told nothing more follows.
 */
let server: TestServer;
const REG = 'reg-ks';
const OFFICER = 'usr-handlaggare';
const newest = (day: number) => newestKey(Date.UTC(1997, 0, 1) + day * 60_000);
const MANY = MAX_SEARCH_OFFSET + 1;
const secrecy = { restrictionKind: 'secrecy' as const, legalGround: GROUND };

beforeAll(async () => {
  server = await startTestServer();
  const kase = (id: string, serial: number, title: string, day: number, restricted: boolean) =>
    [
      'cases',
      sampleCase({
        id,
        registerId: REG,
        caseNumber: `KS 1997-${String(serial).padStart(5, '0')}`,
        year: 1997,
        serial,
        title,
        partyIds: [],
        description: '',
        responsibleUserId: OFFICER,
        newestKey: newest(day),
        ...(restricted ? secrecy : {}),
      }),
    ] as [string, { id: string; registerId: string }];
  await plant(server.storage, [
    kase('w-open', 1, 'Zqfönster öppet ärende', 0, false),
    kase('w-inherits', 2, 'Hemligt ärende', 1, true),
    [
      'documents',
      sampleDocument({
        id: 'w-open-doc',
        registerId: REG,
        caseId: 'w-open',
        documentNumber: 'KS 1997-00001-1',
        title: 'Zqärvd öppen handling',
        sender: '',
        responsibleUserId: OFFICER,
        newestKey: newest(2),
      }),
    ],
    ...Array.from({ length: MANY }, (_, i) => kase(`w-secret-${i}`, 10 + i, `Zqfönster hemligt ${i}`, 10 + i, true)),
    // Open documents themselves, restricted through their case.
    ...Array.from(
      { length: MANY },
      (_, i) =>
        [
          'documents',
          sampleDocument({
            id: `w-inherited-${i}`,
            registerId: REG,
            caseId: 'w-inherits',
            documentNumber: `KS 1997-00002-${i + 1}`,
            title: `Zqärvd handling ${i}`,
            sender: '',
            responsibleUserId: OFFICER,
            newestKey: newest(10 + i),
          }),
        ] as [string, { id: string; registerId: string }],
    ),
  ]);
});

afterAll(async () => {
  await server.stop();
});

describe('the candidate window holds only what the user may find', () => {
  it('finds the open record behind more restricted ones than the window holds, and says nothing more follows', async () => {
    const token = (await RawClient.token(server.url, 'registrator')).token;
    for (const sort of ['relevance', 'newest', 'title'] as const) {
      const cases = await searchAs(server.url, token, { query: 'zqfönster', sort });
      expect({ sort, hits: hitIds(cases), more: cases.body.more }).toEqual({ sort, hits: ['w-open'], more: false });
      const docs = await searchAs(server.url, token, { query: 'zqärvd', sort });
      expect({ sort, hits: hitIds(docs), more: docs.body.more }).toEqual({ sort, hits: ['w-open-doc'], more: false });
    }
  });

  it('still finds restricted records by what everyone sees of them (their number)', async () => {
    const token = (await RawClient.token(server.url, 'registrator')).token;
    const r = await searchAs(server.url, token, { query: 'nummer:1997-10' });
    expect(hitIds(r)).toEqual(['w-secret-0']);
    expect(r.body.hits[0]!.record.title).toBe('');
  });

  it('gives the responsible officer with a fresh second factor the restricted ones, a page and more', async () => {
    const token = (await RawClient.token(server.url, 'handlaggare')).token;
    await enrolSecondFactor(server, 'handlaggare', token);
    const r = await searchAs(server.url, token, { query: 'zqfönster', sort: 'newest', limit: 5 });
    expect(hitIds(r)).toEqual([MANY - 1, MANY - 2, MANY - 3, MANY - 4, MANY - 5].map((i) => `w-secret-${i}`));
    expect(r.body.more).toBe(true);
    const inherited = await searchAs(server.url, token, { query: 'zqärvd', sort: 'newest', limit: 2 });
    expect(hitIds(inherited)).toEqual([`w-inherited-${MANY - 1}`, `w-inherited-${MANY - 2}`]);
  });
});
