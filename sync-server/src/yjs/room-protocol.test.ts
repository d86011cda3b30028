import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MalformedMessageError, decodeClientMessage, encodeAwareness } from './room-protocol';

function bytes(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

describe('decodeClientMessage', () => {
  const doc = new Y.Doc();
  doc.getText('notes').insert(0, 'hej');

  it('reads what y-protocols writes: step 1, step 2, update, awareness', () => {
    const step1 = bytes((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(decodeClientMessage(step1).kind).toBe('step1');
    const step2 = bytes((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc);
    });
    expect(decodeClientMessage(step2).kind).toBe('update');
    const update = bytes((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeUpdate(e, Y.encodeStateAsUpdate(doc));
    });
    expect(decodeClientMessage(update)).toMatchObject({ kind: 'update' });
    const awareness = new Awareness(doc);
    awareness.setLocalState({ user: 'Anna' });
    const msg = decodeClientMessage(encodeAwareness(encodeAwarenessUpdate(awareness, [doc.clientID])));
    expect(msg).toMatchObject({ kind: 'awareness', clientIds: [doc.clientID] });
    awareness.destroy();
  });

  it.each([
    ['an empty message', new Uint8Array()],
    ['an unknown message type', Uint8Array.of(9)],
    ['an auth message from a client', Uint8Array.of(2, 0)],
    ['an unknown sync sub-type', Uint8Array.of(0, 7, 0)],
    ['a length beyond the end', Uint8Array.of(0, 2, 50, 1, 2)],
    ['trailing bytes', Uint8Array.of(3, 0)],
    ['a garbage update', Uint8Array.of(0, 2, 4, 255, 255, 255, 255)],
    [
      'an awareness state that is not JSON',
      bytes((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(
          e,
          bytes((a) => {
            encoding.writeVarUint(a, 1);
            encoding.writeVarUint(a, 5);
            encoding.writeVarUint(a, 1);
            encoding.writeVarString(a, '{nope');
          }),
        );
      }),
    ],
  ])('refuses %s with MalformedMessageError', (_what, input) => {
    expect(() => decodeClientMessage(input)).toThrow(MalformedMessageError);
  });
});
