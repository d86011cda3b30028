import { describe, expect, it } from 'vitest';
import { checkParty, emptyPartyInput } from './parties';

const NOW = Date.parse('2026-12-07T10:00:00Z');

describe('checking a party before it is saved', () => {
  it('normalises the number and trims the values', () => {
    const { values, errors } = checkParty({ ...emptyPartyInput('person', '  Greta  '), idNumber: '121212-1212', email: ' g@x.se ' }, NOW);
    expect(errors).toEqual({});
    expect(values).toMatchObject({ name: 'Greta', idNumber: '20121212-1212', email: 'g@x.se' });
  });

  it('says in Swedish what is wrong, per field', () => {
    expect(checkParty({ ...emptyPartyInput('person', ''), idNumber: '19121212-1213', email: 'nope' }, NOW).errors).toEqual({
      name: 'Namn måste fyllas i.',
      idNumber: 'Personnumret är inte giltigt. Skriv ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.',
      email: 'E-postadressen är inte giltig.',
    });
    expect(checkParty({ ...emptyPartyInput('organisation', 'AB'), idNumber: '202100-5488' }, NOW).errors).toEqual({
      idNumber: 'Organisationsnumret är inte giltigt. Skriv NNNNNN-NNNN.',
    });
  });
});
