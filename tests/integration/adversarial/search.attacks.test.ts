import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, MAX_SEARCH_OFFSET, SEARCH_API } from '../../../shared/src/search';
import { sampleCase, sampleDocument, sampleParty } from '../../../shared/src/testing/samples';
import { DEMO_USER_SPECS } from '../../../sync-server/src/demo/people';
import { RawClient, enrolSecondFactor, startTestServer, type TestServer } from '../harness';
import { hitIds, plant, searchAs } from '../search-client';
import { GROUND } from './attacks';

/*
 * Search must not be a way round the projection: a secret word is planted in a restricted case's
 * title, a shielded sender, a restricted document of an open case and the name of a protected
 * party named by it. Every demo user signs in (none has a fresh second factor, so none may read
 * them) and searches for each secret every way the grammar allows, and tries to learn it by
 * exclusion: every answer is byte for byte the answer to a word that exists nowhere (or to the
 * same query without the exclusion). The responsible officer, with a fresh second factor, finds
 * them all. Then bad input: each refusal has one exact code, and the server keeps answering.
 */

const REG = 'reg-ks';
const OFFICER = 'usr-handlaggare';
const SECRET = {
  caseTitle: 'zqsekretessord',
  shieldedSender: 'zqskyddadavsandare',
  restrictedDocTitle: 'zqhemlighandling',
  protectedParty: 'zqskyddadpart',
} as const;
const NOWHERE = 'zqfinnsingenstans';
const ids = {
  restricted: 'sa-restricted',
  open: 'sa-open',
  shielded: 'sa-shielded',
  restrictedDoc: 'sa-restricted-doc',
  party: 'sa-party',
  namesParty: 'sa-names-party',
};

let server: TestServer;
/** A session per demo user, none with a second factor. */
const tokens = new Map<string, string>();

beforeAll(async () => {
  server = await startTestServer();
  const restriction = { restrictionKind: 'secrecy' as const, legalGround: GROUND };
  await plant(server.storage, [
    ['parties', sampleParty({ id: ids.party, registerId: REG, name: `Person ${SECRET.protectedParty}`, protectedIdentity: true })],
    [
      'cases',
      sampleCase({
        id: ids.restricted,
        registerId: REG,
        caseNumber: 'KS 1998-00077',
        year: 1998,
        serial: 77,
        title: `Utredning ${SECRET.caseTitle}`,
        responsibleUserId: OFFICER,
        partyIds: [],
        ...restriction,
      }),
    ],
    [
      'cases',
      sampleCase({
        id: ids.open,
        registerId: REG,
        caseNumber: 'KS 1998-00078',
        year: 1998,
        serial: 78,
        title: 'Gatubelysning på Zqvägen',
        responsibleUserId: OFFICER,
        partyIds: [],
      }),
    ],
    [
      'documents',
      sampleDocument({
        id: ids.shielded,
        registerId: REG,
        caseId: ids.open,
        documentNumber: 'KS 1998-00078-1',
        title: 'Skrivelse om gatubelysning',
        sender: `Anmälare ${SECRET.shieldedSender}`,
        responsibleUserId: OFFICER,
        shields: [{ field: 'sender', kind: 'privacy', legalGround: GROUND }],
      }),
    ],
    [
      'documents',
      sampleDocument({
        id: ids.restrictedDoc,
        registerId: REG,
        caseId: ids.open,
        documentNumber: 'KS 1998-00078-2',
        title: `Yttrande ${SECRET.restrictedDocTitle} gatubelysning`,
        sender: '',
        senderPartyId: ids.party,
        responsibleUserId: OFFICER,
        ...restriction,
      }),
    ],
    // An open document naming the same party: everyone sees that it names a party, but the party
    // inherits the restricted document's protection, so its name is withheld from them here too.
    [
      'documents',
      sampleDocument({
        id: ids.namesParty,
        registerId: REG,
        caseId: ids.open,
        documentNumber: 'KS 1998-00078-3',
        title: 'Kopia till part',
        sender: '',
        senderPartyId: ids.party,
        responsibleUserId: OFFICER,
      }),
    ],
  ]);
  for (const { username } of DEMO_USER_SPECS) tokens.set(username, (await RawClient.token(server.url, username)).token);
});

afterAll(async () => {
  await server.stop();
});

/** Every way to ask for a secret word that the grammar offers. */
function askings(word: string): string[] {
  return [
    word,
    word.slice(0, 6),
    `"${word}"`,
    `rubrik:${word}`,
    `beskrivning:${word}`,
    `avsändare:${word}`,
    `avsändare:"person ${word}"`,
    `${word} 1998-78`,
    `nummer:1998-77 ${word}`,
  ];
}

describe('search never reveals a withheld value by its hits', () => {
  it('answers every demo user without content access as if the secret existed nowhere', async () => {
    for (const [username, token] of tokens) {
      const nowhere = await searchAs(server.url, token, { query: NOWHERE });
      expect(nowhere.status).toBe(200);
      expect(nowhere.text).toBe('{"hits":[],"more":false}');
      for (const word of Object.values(SECRET))
        for (const query of askings(word)) {
          const r = await searchAs(server.url, token, { query });
          expect({ username, query, status: r.status, text: r.text }).toEqual({ username, query, status: 200, text: nowhere.text });
        }
    }
  });

  it('cannot learn a withheld word by excluding it', async () => {
    for (const [username, token] of tokens) {
      for (const [visible, word] of [
        ['nummer:1998-77', SECRET.caseTitle],
        ['gatubelysning', SECRET.shieldedSender],
        ['gatubelysning', SECRET.restrictedDocTitle],
        ['nummer:1998-78', SECRET.protectedParty],
      ] as const) {
        const plain = await searchAs(server.url, token, { query: visible });
        const excluding = await searchAs(server.url, token, { query: `${visible} -${word}` });
        const excludingField = await searchAs(server.url, token, { query: `${visible} -avsändare:${word}` });
        expect({ username, visible, word, excluding: excluding.text, excludingField: excludingField.text }).toEqual({
          username,
          visible,
          word,
          excluding: plain.text,
          excludingField: plain.text,
        });
      }
    }
  });

  it('shows the open document naming the protected party, with the reference but without the name', async () => {
    const r = await searchAs(server.url, tokens.get('registrator')!, { query: 'rubrik:"kopia till part"' });
    expect(hitIds(r)).toEqual([ids.namesParty]);
    expect(r.body.hits[0]!.record.senderPartyId).toBe(ids.party);
    expect(r.text).not.toContain(SECRET.protectedParty);
  });

  it('still shows the metadata of a restricted record to its register (the control that it was searched at all)', async () => {
    const r = await searchAs(server.url, tokens.get('registrator')!, { query: 'nummer:1998-77' });
    expect(hitIds(r)).toEqual([ids.restricted]);
    expect(r.body.hits[0]!.record.title).toBe('');
    expect(r.text).not.toContain(SECRET.caseTitle);
    // A user of another register does not even get that.
    expect((await searchAs(server.url, tokens.get('sn.registrator')!, { query: 'nummer:1998-77' })).text).toBe('{"hits":[],"more":false}');
  });

  it('lets the responsible officer with a fresh second factor find every secret', async () => {
    const token = (await RawClient.token(server.url, 'handlaggare')).token;
    await enrolSecondFactor(server, 'handlaggare', token);
    const find = async (query: string) => hitIds(await searchAs(server.url, token, { query }));
    expect(await find(SECRET.caseTitle)).toEqual([ids.restricted]);
    expect(await find(`avsändare:${SECRET.shieldedSender}`)).toEqual([ids.shielded]);
    expect(await find(`rubrik:${SECRET.restrictedDocTitle}`)).toEqual([ids.restrictedDoc]);
    expect((await find(`avsändare:${SECRET.protectedParty}`)).sort()).toEqual([ids.namesParty, ids.restrictedDoc].sort());
    expect(await find(`gatubelysning -${SECRET.restrictedDocTitle}`)).not.toContain(ids.restrictedDoc);
  });
});

describe('search refuses bad input with one exact code, never a server error', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) => searchAs(server.url, tokens.get('registrator')!, body, headers);

  it.each([
    ['an unbalanced quote', `bygglov "${SECRET.caseTitle}`, 'unbalanced_quote'],
    ['a lone star', '*', 'empty'],
    ['only punctuation and FTS operators', '( ) ^ : " " -', 'empty'],
    ['a column that is no field', 'title:hemlig', 'unknown_field'],
    ['an English column name', 'description:hemlig', 'unknown_field'],
    ['a field with no value', 'rubrik:', 'empty_value'],
    ['10,000 characters', 'a'.repeat(10_000), 'too_long'],
    ['one character too many', 'b'.repeat(MAX_QUERY_LENGTH + 1), 'too_long'],
    ['control characters only', '\u0000\u0001\u0002\u001b', 'empty'],
    ['21 terms', Array.from({ length: 21 }, (_, i) => `ord${i}`).join(' '), 'too_many_terms'],
    ['an impossible date', 'datum:2026-02-30', 'bad_date'],
    ['a status that names none', 'status:hemlig', 'unknown_value'],
    ['a number field without a number', 'nummer:abc', 'bad_number'],
    ['exclusions only', `-${SECRET.caseTitle}`, 'only_exclusions'],
  ])('%s', async (_what, query, code) => {
    const r = await post({ query });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe(code);
  });

  it('treats NEAR(, boolean operators and column sets as plain words (a sensible result, not an error)', async () => {
    for (const query of [
      'NEAR(',
      `NEAR(${SECRET.caseTitle} gatubelysning, 2)`,
      `${SECRET.caseTitle} OR gatubelysning`,
      'gatubelysning AND NOT x',
      `{title description}:${SECRET.caseTitle}`,
    ]) {
      const r = await post({ query });
      expect({ query, status: r.status, hits: hitIds(r) }).toEqual({ query, status: 200, hits: [] });
    }
  });

  it.each([
    ['a query that is not a string', { query: 42 }],
    ['a query that is an array', { query: ['a'] }],
    ['JSON that is not an object', [] as unknown],
    ['a limit above 200', { query: 'a', limit: 201 }],
    ['an offset beyond the window', { query: 'a', offset: MAX_SEARCH_OFFSET + 1 }],
    ['an unknown collection', { query: 'a', collections: ['users'] }],
    ['an unknown option', { query: 'a', raw: 'MATCH' }],
    ['text that is not JSON', 'not json {'],
  ])('%s → bad_request', async (_what, body) => {
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('bad_request');
  });

  it('refuses a body that is not declared JSON (415) and one too large (413)', async () => {
    const plain = await post(JSON.stringify({ query: 'a' }), { 'content-type': 'text/plain' });
    expect([plain.status, plain.body.error]).toEqual([415, 'unsupported_media_type']);
    const big = await post(JSON.stringify({ query: 'a'.repeat(100_000) }));
    expect([big.status, big.body.error]).toEqual([413, 'too_large']);
  });

  it('refuses without a session (401)', async () => {
    const r = await searchAs(server.url, 'not-a-token', { query: 'a' });
    expect([r.status, r.body.error]).toEqual([401, 'unauthorized']);
  });

  it('keeps answering after all of it', async () => {
    const r = await post({ query: 'gatubelysning' });
    expect(r.status).toBe(200);
    expect(hitIds(r)).toContain(ids.open);
    expect((await fetch(`${server.url}${SEARCH_API}`, { method: 'GET' })).status).toBe(404);
  });
});
