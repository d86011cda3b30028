import { describe, expect, test } from 'vitest';
import {
  findSensitiveData,
  findTermOccurrences,
  ibanValid,
  identityNumberKind,
  luhnValid,
  normalizeForSearch,
  normalizeWithMap,
  type SensitiveKind,
} from './sensitive-data';

/** The (kind, text) pairs found, for compact assertions. */
function found(text: string): [SensitiveKind, string][] {
  return findSensitiveData(text).map((m) => [m.kind, m.text]);
}

describe('check digits', () => {
  test('Luhn accepts correct and rejects every single-digit change of the check digit', () => {
    expect(luhnValid('8112189876')).toBe(true);
    for (let d = 0; d <= 9; d++) if (d !== 6) expect(luhnValid(`811218987${d}`)).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('12a4')).toBe(false);
  });
  test('IBAN mod-97', () => {
    expect(ibanValid('SE4550000000058398257466')).toBe(true);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanValid('SE4550000000058398257467')).toBe(false); // last digit changed
    expect(ibanValid('SE45 5000')).toBe(false);
  });
  test('identity numbers: date, day+60 and century are checked', () => {
    expect(identityNumberKind(undefined, '811218', '9876')).toBe('personal');
    expect(identityNumberKind(undefined, '701063', '2391')).toBe('coordination'); // day 63 = 3 + 60
    expect(identityNumberKind('20', '000229', '1235')).toBe('personal'); // 2000 was a leap year
    expect(identityNumberKind('19', '000229', '1235')).toBe(null); // 1900 was not
    expect(identityNumberKind('17', '811218', '9876')).toBe(null); // no living person born in the 1700s
    expect(identityNumberKind(undefined, '811218', '9875')).toBe(null); // wrong check digit
  });
});

describe('personnummer and samordningsnummer', () => {
  test.each([['811218-9876'], ['811218+9876'], ['8112189876'], ['19811218-9876'], ['198112189876']])(
    'every common form is found: %s',
    (form) => {
      const m = findSensitiveData(`Sökande: ${form}, se bilaga.`);
      expect(m).toHaveLength(1);
      expect(m[0]).toMatchObject({ kind: 'personal-identity-number', text: form, reason: 'Personnummer (kontrollsiffra stämmer)' });
      expect(m[0]!.start).toBe('Sökande: '.length);
      expect(m[0]!.end).toBe('Sökande: '.length + form.length);
    },
  );
  test.each([['701063-2391'], ['19701063-2391'], ['7010632391']])('samordningsnummer (day + 60): %s', (form) => {
    expect(found(`nr ${form}`)).toEqual([['coordination-number', form]]);
    expect(findSensitiveData(form)[0]!.reason).toBe('Samordningsnummer (kontrollsiffra stämmer)');
  });
  test.each([['ABC8112189876'], ['pnr:8112189876x'], ['Personnr19811218-9876.']])('found though letters touch it: %s', (text) => {
    const m = findSensitiveData(text).filter((x) => x.kind === 'personal-identity-number');
    expect(m.map((x) => x.text)).toEqual([text.match(/\d[\d+-]*\d/)![0]]);
  });
  test.each([
    ['811218-9875', 'wrong check digit'],
    ['811318-9874', 'month 13'],
    ['810230-9870', '30 February'],
    ['811200-9871', 'day 0'],
    ['811292-9873', 'day 92 (coordination day 32)'],
    ['1981121898761', 'a 13-digit number'],
    ['17811218-9876', 'century 17'],
  ])('not suggested: %s (%s)', (text) => {
    expect(found(text).filter(([k]) => k === 'personal-identity-number' || k === 'coordination-number')).toEqual([]);
  });
});

describe('phone numbers', () => {
  test.each([
    ['08-123 456 78'],
    ['070-123 45 67'],
    ['+46 70 123 45 67'],
    ['0046 70 123 45 67'],
    ['+46 (0)70-123 45 67'],
    ['031-12 34 56'],
    ['+46 8 123 456 78'],
    ['070 123 45 67'],
  ])('%s', (form) => {
    expect(found(`Ring ${form} i dag.`)).toEqual([['phone', form]]);
  });
  test('a number followed by another number keeps only the phone digits', () => {
    expect(found('tel 08-123 456 78 5')).toEqual([['phone', '08-123 456 78']]);
  });
  test.each([['0,5 mg'], ['070-12'], ['+46 70'], ['KS 2026-00042'], ['0046 0 123']])('not a phone: %s', (text) => {
    expect(found(text).filter(([k]) => k === 'phone')).toEqual([]);
  });
});

describe('e-mail, addresses, accounts', () => {
  test('e-mail addresses, also with Swedish letters in the domain', () => {
    expect(found('Skriv till anna.svensson+ärende@example.se.')).toEqual([['email', 'anna.svensson+ärende@example.se']]);
    expect(found('info@kommunen.göteborg.se')).toEqual([['email', 'info@kommunen.göteborg.se']]);
    expect(found('ingen@adress')).toEqual([]);
  });
  test.each([['Storgatan 12'], ['Storgatan 12 B'], ['Stora Nygatan 3'], ['Drottning Kristinas väg 23'], ['Kungsvägen 7A'], ['Box 1234']])(
    'street address %s',
    (a) => {
      expect(found(`Adress: ${a}, tredje våningen`)).toEqual([['street-address', a]]);
    },
  );
  test('postcode and town, also without the space and with SE-', () => {
    expect(found('123 45 Småstad')).toEqual([['postcode', '123 45 Småstad']]);
    expect(found('12345 Stockholm')).toEqual([['postcode', '12345 Stockholm']]);
    expect(found('SE-123 45 Övre Ort')).toEqual([['postcode', 'SE-123 45 Övre Ort']]);
  });
  test('a whole address line gives street and postcode', () => {
    expect(found('Storgatan 12, 123 45 Småstad')).toEqual([
      ['street-address', 'Storgatan 12'],
      ['postcode', '123 45 Småstad'],
    ]);
  });
  test('bank accounts: clearing + account in the usual forms', () => {
    expect(found('8327-9, 123 456 789-0')).toEqual([['bank-account', '8327-9, 123 456 789-0']]);
    expect(found('1234-12 345 67')).toEqual([['bank-account', '1234-12 345 67']]);
    expect(found('Kontonummer: 6789 123 456 789')).toEqual([['bank-account', '6789 123 456 789']]);
  });
  test('tables of 4-digit numbers and clearing numbers out of range are not accounts', () => {
    expect(found('1500 1200 1300 1400')).toEqual([]);
    expect(found('0123-1234567')).toEqual([]);
    expect(found('9999-1234567')).toEqual([]);
  });
  test('bankgiro with a correct check digit, in both forms', () => {
    expect(found('BG 5050-1055')).toEqual([['bankgiro', '5050-1055']]);
    expect(found('bankgiro 991-2346')).toEqual([['bankgiro', '991-2346']]);
    expect(found('BG 5050-1056')).toEqual([]);
  });
  test('plusgiro with a correct check digit', () => {
    expect(found('PG 41 23 45-1')).toEqual([['plusgiro', '41 23 45-1']]);
    expect(found('PG 1234567-4')).toEqual([['plusgiro', '1234567-4']]);
    expect(found('PG 41 23 45-2')).toEqual([]);
  });
  test('IBAN with and without spaces; a wrong checksum is not suggested', () => {
    expect(found('IBAN SE45 5000 0000 0583 9825 7466 hos banken')).toEqual([['iban', 'SE45 5000 0000 0583 9825 7466']]);
    expect(found('GB82WEST12345698765432')).toEqual([['iban', 'GB82WEST12345698765432']]);
    expect(found('SE45 5000 0000 0583 9825 7467')).toEqual([]);
  });
});

describe('no false positives on ordinary register text', () => {
  test.each([
    ['KS 2026-00042'],
    ['KS 2026-00042-3'],
    ['KSH 2026-00012'],
    ['2026-01-15'],
    ['20260115'],
    ['2026-01-15 08:30'],
    ['1 234 567 kr'],
    ['1 234 567,50 kr'],
    ['12 345,00'],
    ['Organisationsnummer 212000-0142'],
    ['sida 12 av 200'],
    ['version 1.2.3'],
    ['§ 42'],
    ['OSL 21 kap. 3 §'],
    ['tel. saknas'],
    ['år 1998'],
    ['Dnr 2025/1234'],
  ])('%s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('caller-supplied values', () => {
  test('party names and shielded values are found wherever they occur, each with its own reason', () => {
    const text = 'ANNA  SVENSSON skrev. Anna Svens-\nson har skyddad adress: Hemliga vägen';
    const m = findSensitiveData(text, [
      { text: 'Anna Svensson', kind: 'party-name', reason: 'Part i ärendet' },
      { text: 'Hemliga vägen', kind: 'shielded-value', reason: 'Skyddad uppgift i ärendet' },
    ]);
    expect(m.map((x) => [x.kind, x.text, x.reason])).toEqual([
      ['party-name', 'ANNA  SVENSSON', 'Part i ärendet'],
      ['party-name', 'Anna Svens-\nson', 'Part i ärendet'],
      ['shielded-value', 'Hemliga vägen', 'Skyddad uppgift i ärendet'],
    ]);
  });
  test('an empty value finds nothing', () => {
    expect(findSensitiveData('text', [{ text: ' \u00AD ', kind: 'party-name', reason: 'x' }])).toEqual([]);
  });
});

describe('normalizeForSearch', () => {
  test('case, whitespace, soft hyphens, zero-width characters and ligatures do not matter', () => {
    expect(normalizeForSearch('Anna\u00A0 Sven\u00ADs\u200Bson')).toBe('annasvensson');
    expect(normalizeForSearch('Of\uFB01cer')).toBe('officer');
    expect(normalizeForSearch('ÅSA ÖBERG')).toBe('åsaöberg');
  });
  test('a hyphen at a line end is hyphenation; inside a line it is kept', () => {
    expect(normalizeForSearch('Svens-\nson')).toBe('svensson');
    expect(normalizeForSearch('Svens- \r\n son')).toBe('svensson');
    expect(normalizeForSearch('Anna-Karin')).toBe('anna-karin');
    expect(normalizeForSearch('Anna- Karin')).toBe('anna-karin');
  });
  test('the map points every normalised unit to its source character', () => {
    const n = normalizeWithMap('A \uFB01 b');
    expect(n.text).toBe('afib');
    expect(n.sourceStart).toEqual([0, 2, 2, 4]);
    expect(n.sourceEnd).toEqual([1, 3, 3, 5]);
  });
});

describe('findTermOccurrences', () => {
  test('all occurrences, as offsets into the original text', () => {
    const text = 'anna svensson; A N N A S V E N S S O N; Anna Sven-\nsson.';
    const hits = findTermOccurrences(text, 'Anna Svensson');
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(['anna svensson', 'A N N A S V E N S S O N', 'Anna Sven-\nsson']);
  });
  test('a ligature in the text matches plain letters in the term', () => {
    const text = 'Kon\uFB01dentiell';
    expect(findTermOccurrences(text, 'konfidentiell')).toEqual([{ start: 0, end: text.length }]);
  });
  test('overlapping hits are merged', () => {
    expect(findTermOccurrences('aaaa', 'aa')).toEqual([{ start: 0, end: 4 }]);
  });
});
