import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../collections';
import {
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  SYNC_SUBPROTOCOL,
  clientVersionsFrom,
  currentSchemaVersions,
  schemaSubprotocol,
  syncSubprotocol,
  versionVerdict,
} from './versions';

const current = currentSchemaVersions();
const currentClient = [syncSubprotocol(PROTOCOL_VERSION), 'auth.tok', schemaSubprotocol(current)];

describe('clientVersionsFrom', () => {
  it('reads the protocol and the shape of every collection a current client states', () => {
    expect(clientVersionsFrom(currentClient)).toEqual({ protocol: PROTOCOL_VERSION, schema: current });
    expect(Object.keys(current)).toEqual(COLLECTION_NAMES);
  });

  it('takes a client that states nothing (protocol 1, today) as holding shape 0 throughout', () => {
    expect(SYNC_SUBPROTOCOL).toBe('diarium-sync.v1');
    expect(clientVersionsFrom([SYNC_SUBPROTOCOL, 'auth.tok'])).toEqual({
      protocol: 1,
      schema: Object.fromEntries(COLLECTION_NAMES.map((c) => [c, 0])),
    });
  });

  it('keeps collection names it does not know (a newer client)', () => {
    expect(clientVersionsFrom([syncSubprotocol(2), 'schema.cases-1.meetings-0'])?.schema).toEqual({ cases: 1, meetings: 0 });
  });

  it('refuses what is no sync client or states its versions wrongly', () => {
    for (const protocols of [
      ['auth.tok'],
      ['diarium-sync.vx', 'auth.tok'],
      ['diarium-sync.v01', 'auth.tok'],
      [syncSubprotocol(1), syncSubprotocol(2), schemaSubprotocol(current)],
      [syncSubprotocol(2), 'auth.tok'],
      [syncSubprotocol(2), 'schema.cases-1', 'schema.cases-1'],
      [syncSubprotocol(2), 'schema.cases-1.cases-2'],
      [syncSubprotocol(2), 'schema.cases-x'],
      [syncSubprotocol(2), 'schema.'],
      [syncSubprotocol(1), 'schema.cases-0'],
    ]) {
      expect(clientVersionsFrom(protocols), protocols.join(',')).toBeNull();
    }
  });
});

describe('versionVerdict', () => {
  it('serves the current protocol and the one before it (the transition period)', () => {
    expect(MIN_PROTOCOL_VERSION).toBe(PROTOCOL_VERSION - 1);
    expect(versionVerdict({ protocol: PROTOCOL_VERSION, schema: current })).toBe('ok');
    expect(versionVerdict({ protocol: PROTOCOL_VERSION - 1, schema: current })).toBe('ok');
    // Protocol 1 (states nothing) is two behind since the working set (protocol 3).
    expect(versionVerdict(clientVersionsFrom([SYNC_SUBPROTOCOL])!, Object.fromEntries(COLLECTION_NAMES.map((c) => [c, 0])))).toBe(
      'client_too_old',
    );
  });

  it('refuses an older protocol, or any collection in an older shape than the server serves', () => {
    expect(versionVerdict({ protocol: MIN_PROTOCOL_VERSION - 1, schema: current })).toBe('client_too_old');
    expect(versionVerdict({ protocol: PROTOCOL_VERSION, schema: { ...current, cases: 0 } }, { ...current, cases: 1 })).toBe(
      'client_too_old',
    );
    // Protocol 1 clients hold shape 0: once a collection has a migration step they are too old.
    expect(versionVerdict(clientVersionsFrom([SYNC_SUBPROTOCOL])!, { ...current, documents: 1 })).toBe('client_too_old');
  });

  it('refuses a client from the future: a newer protocol, a newer shape, a collection the server lacks', () => {
    expect(versionVerdict({ protocol: PROTOCOL_VERSION + 1, schema: current })).toBe('client_too_new');
    expect(versionVerdict({ protocol: PROTOCOL_VERSION, schema: { ...current, cases: current.cases + 1 } })).toBe('client_too_new');
    expect(versionVerdict({ protocol: PROTOCOL_VERSION, schema: { ...current, sessions: 0 } })).toBe('client_too_new');
  });

  it('serves a client that does not replicate a collection the server has (it predates it)', () => {
    const { requests: _r, ...withoutRequests } = current;
    expect(versionVerdict({ protocol: PROTOCOL_VERSION, schema: withoutRequests })).toBe('ok');
  });
});
