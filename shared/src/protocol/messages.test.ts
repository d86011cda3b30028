import { describe, expect, test } from 'vitest';
import { COLLECTION_NAMES } from '../collections';
import {
  Checkpoint,
  ClientMessage,
  LoginRequest,
  MAX_PULL_BATCH,
  MAX_PING_BYTES,
  MAX_PUSH_ROWS,
  PingMessage,
  PullRequest,
  PushRequest,
  PushRow,
  REJECTION_CODES,
} from './messages';

const pull = { t: 'pull', rid: 1, collection: 'cases', checkpoint: null, limit: 100 };
const row = { assumedMasterState: null, newDocumentState: { id: 'case-1', title: 'Ny' } };
const push = { t: 'push', rid: 2, collection: 'documents', rows: [row] };

describe('ClientMessage: pull', () => {
  test('a first pull (no checkpoint)', () => {
    expect(ClientMessage.parse(pull)).toEqual(pull);
  });
  test('a pull from a checkpoint', () => {
    const m = { ...pull, checkpoint: { seq: 42 } };
    expect(ClientMessage.parse(m)).toEqual(m);
  });
  test.each(COLLECTION_NAMES)('every collection can be pulled: %s', (collection) => {
    expect(ClientMessage.safeParse({ ...pull, collection }).success).toBe(true);
  });
  test('limit bounds: 1 and MAX_PULL_BATCH accepted', () => {
    expect(ClientMessage.safeParse({ ...pull, limit: 1 }).success).toBe(true);
    expect(ClientMessage.safeParse({ ...pull, limit: MAX_PULL_BATCH }).success).toBe(true);
  });
  test('limit above MAX_PULL_BATCH is refused', () => {
    expect(ClientMessage.safeParse({ ...pull, limit: MAX_PULL_BATCH + 1 }).success).toBe(false);
  });
  test.each([0, -1, 1.5, '100', null])('limit %j is refused', (limit) => {
    expect(ClientMessage.safeParse({ ...pull, limit }).success).toBe(false);
  });
  test('a missing checkpoint (rather than null) is refused', () => {
    const { checkpoint: _c, ...rest } = pull;
    expect(ClientMessage.safeParse(rest).success).toBe(false);
  });
  test.each([{ seq: -1 }, { seq: 1.5 }, { seq: '1' }, {}, { seq: 1, extra: true }])('checkpoint %j is refused', (checkpoint) => {
    expect(ClientMessage.safeParse({ ...pull, checkpoint }).success).toBe(false);
  });
  test('rid must be an integer', () => {
    expect(ClientMessage.safeParse({ ...pull, rid: 1.5 }).success).toBe(false);
    expect(ClientMessage.safeParse({ ...pull, rid: '1' }).success).toBe(false);
  });
});

describe('ClientMessage: push', () => {
  test('a push of a new record', () => {
    expect(ClientMessage.parse(push)).toEqual(push);
  });
  test('a push of an edit, with the assumed master state', () => {
    const m = {
      ...push,
      rows: [{ assumedMasterState: { id: 'case-1', title: 'Gammal' }, newDocumentState: { id: 'case-1', title: 'Ny' } }],
    };
    expect(ClientMessage.parse(m)).toEqual(m);
  });
  test('empty rows are refused', () => {
    expect(ClientMessage.safeParse({ ...push, rows: [] }).success).toBe(false);
  });
  test('MAX_PUSH_ROWS rows accepted, one more refused', () => {
    expect(ClientMessage.safeParse({ ...push, rows: Array.from({ length: MAX_PUSH_ROWS }, () => row) }).success).toBe(true);
    expect(ClientMessage.safeParse({ ...push, rows: Array.from({ length: MAX_PUSH_ROWS + 1 }, () => row) }).success).toBe(false);
  });
  test('a row without a new state is refused', () => {
    expect(ClientMessage.safeParse({ ...push, rows: [{ assumedMasterState: null }] }).success).toBe(false);
  });
  test('a row whose state is not an object is refused', () => {
    expect(ClientMessage.safeParse({ ...push, rows: [{ assumedMasterState: null, newDocumentState: 'x' }] }).success).toBe(false);
    expect(ClientMessage.safeParse({ ...push, rows: [{ assumedMasterState: null, newDocumentState: null }] }).success).toBe(false);
  });
  test('rows with extra keys are refused (strict)', () => {
    expect(ClientMessage.safeParse({ ...push, rows: [{ ...row, sneaky: 1 }] }).success).toBe(false);
  });
  test('a push is not a pull: pull fields are refused', () => {
    expect(ClientMessage.safeParse({ ...push, limit: 10 }).success).toBe(false);
  });
});

describe('ClientMessage: refusals common to both', () => {
  test.each(['meeting', 'Cases', 'sessions', '', '__proto__'])('unknown collection %j', (collection) => {
    expect(ClientMessage.safeParse({ ...pull, collection }).success).toBe(false);
    expect(ClientMessage.safeParse({ ...push, collection }).success).toBe(false);
  });
  test('extra keys are refused (strict)', () => {
    expect(ClientMessage.safeParse({ ...pull, token: 'secret' }).success).toBe(false);
    expect(ClientMessage.safeParse({ ...push, userId: 'u-admin' }).success).toBe(false);
  });
  test('unknown message type', () => {
    expect(ClientMessage.safeParse({ ...pull, t: 'delete' }).success).toBe(false);
    expect(ClientMessage.safeParse({ ...pull, t: undefined }).success).toBe(false);
  });
  test.each([null, 'pull', 42, [], {}])('not a message: %j', (m) => {
    expect(ClientMessage.safeParse(m).success).toBe(false);
  });
});

describe('parts', () => {
  test('PullRequest, PushRequest and PushRow are usable on their own', () => {
    expect(PullRequest.safeParse(pull).success).toBe(true);
    expect(PushRequest.safeParse(push).success).toBe(true);
    expect(PushRow.safeParse(row).success).toBe(true);
  });
  test('Checkpoint', () => {
    expect(Checkpoint.parse({ seq: 0 })).toEqual({ seq: 0 });
    expect(Checkpoint.safeParse({ seq: -1 }).success).toBe(false);
  });
  test('LoginRequest: strict, bounded', () => {
    expect(LoginRequest.safeParse({ username: 'rita', password: 'hemligt' }).success).toBe(true);
    expect(LoginRequest.safeParse({ username: '', password: 'x' }).success).toBe(false);
    expect(LoginRequest.safeParse({ username: 'rita', password: '' }).success).toBe(false);
    expect(LoginRequest.safeParse({ username: 'rita', password: 'x'.repeat(257) }).success).toBe(false);
    expect(LoginRequest.safeParse({ username: 'rita', password: 'x', admin: true }).success).toBe(false);
  });
  test('rejection codes are unique', () => {
    expect(new Set(REJECTION_CODES).size).toBe(REJECTION_CODES.length);
  });
});

describe('PingMessage (the heartbeat)', () => {
  test('is exactly {"t":"ping"}, well under its size bound, and no ClientMessage', () => {
    expect(PingMessage.parse({ t: 'ping' })).toEqual({ t: 'ping' });
    expect(JSON.stringify({ t: 'ping' }).length).toBeLessThan(MAX_PING_BYTES);
    expect(PingMessage.safeParse({ t: 'ping', rid: 1 }).success).toBe(false);
    expect(ClientMessage.safeParse({ t: 'ping' }).success).toBe(false);
  });
});
