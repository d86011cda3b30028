import { describe, expect, it } from 'vitest';
import { parseRoomPath, roomKey } from './room-path';

describe('parseRoomPath', () => {
  it('accepts a room of a case, a document and a meeting', () => {
    expect(parseRoomPath('/yjs/cases/abc-123_X')).toEqual({ collection: 'cases', id: 'abc-123_X' });
    expect(parseRoomPath('/yjs/documents/d1')).toEqual({ collection: 'documents', id: 'd1' });
    expect(parseRoomPath('/yjs/meetings/m1')).toEqual({ collection: 'meetings', id: 'm1' });
  });

  it('accepts an id of exactly 64 characters and refuses 65', () => {
    expect(parseRoomPath(`/yjs/cases/${'a'.repeat(64)}`)?.id).toHaveLength(64);
    expect(parseRoomPath(`/yjs/cases/${'a'.repeat(65)}`)).toBeNull();
  });

  it.each([
    ['another collection', '/yjs/users/u1'],
    ['a collection of the prototype', '/yjs/__proto__/x'],
    ['the sync path', '/sync'],
    ['no id', '/yjs/cases/'],
    ['no id and no slash', '/yjs/cases'],
    ['an extra segment', '/yjs/cases/c1/extra'],
    ['a trailing slash', '/yjs/cases/c1/'],
    ['path traversal', '/yjs/cases/..'],
    ['encoded traversal', '/yjs/cases/%2e%2e'],
    ['an encoded slash', '/yjs/cases/a%2Fb'],
    ['a dot', '/yjs/cases/a.b'],
    ['non-ASCII letters', '/yjs/cases/ärende'],
    ['upper-case collection', '/yjs/Cases/c1'],
    ['a doubled slash', '/yjs//cases/c1'],
  ])('refuses %s', (_what, path) => {
    expect(parseRoomPath(path)).toBeNull();
  });
});

describe('roomKey', () => {
  it('is collection and id joined by a slash, so rooms of different collections never share a key', () => {
    expect(roomKey({ collection: 'cases', id: 'x' })).toBe('cases/x');
    expect(roomKey({ collection: 'documents', id: 'x' })).not.toBe(roomKey({ collection: 'cases', id: 'x' }));
  });
});
