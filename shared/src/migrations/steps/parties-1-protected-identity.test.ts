import { describe, expect, test } from 'vitest';
import { Party } from '../../model/party';
import { sampleParty } from '../../testing/samples';
import { RECORD_MIGRATIONS, collectionVersion, downgradeRecord, migrateRecord, servableTo } from '../record-migrations';
import { partiesProtectedIdentity } from './parties-1-protected-identity';

/** A party as version 0 stored it (no protectedIdentity, no withheld). */
const { protectedIdentity: _p, withheld: _w, ...v0 } = sampleParty();

describe('parties v1: protected identity', () => {
  test('a stored party of version 0 becomes a valid party, not protected', () => {
    const up = partiesProtectedIdentity.up(v0);
    expect(Party.parse(up)).toEqual({ ...v0, protectedIdentity: false, withheld: [] });
  });
  test('is the first step of the parties and brings them to the current version', () => {
    expect(RECORD_MIGRATIONS.parties[0]).toBe(partiesProtectedIdentity);
    expect(collectionVersion('parties')).toBe(1);
    expect(Party.parse(migrateRecord('parties', 0, v0))).toMatchObject({ protectedIdentity: false });
  });
  test('the inverse gives an older client exactly what it stored', () => {
    expect(partiesProtectedIdentity.down!(partiesProtectedIdentity.up(v0))).toEqual(v0);
    expect(servableTo('parties', 0)).toBe(true);
    expect(downgradeRecord('parties', 0, { ...v0, protectedIdentity: true, withheld: ['idNumber'], _deleted: false })).toEqual({
      ...v0,
      _deleted: false,
    });
  });
  test('a client at the current version gets the record as it is', () => {
    const current = sampleParty({ protectedIdentity: true });
    expect(downgradeRecord('parties', 1, current)).toEqual(current);
  });
  test('a step without an inverse ends the service of older clients', () => {
    const table = {
      ...RECORD_MIGRATIONS,
      parties: [...RECORD_MIGRATIONS.parties, { description: 'x', up: (r: Record<string, unknown>) => r }],
    };
    expect(servableTo('parties', 0, table)).toBe(false);
    expect(servableTo('parties', 2, table)).toBe(true);
    expect(() => downgradeRecord('parties', 0, v0, table)).toThrow();
  });
});
