import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { ROOM_MODE_READ_ONLY, ROOM_MODE_WRITE, YJS_MESSAGE_ROOM_MODE } from '../../../shared/src';

/** Message types of the y-websocket protocol (the first varUint of every binary message). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Sync sub-types (y-protocols/sync). */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** What a client asked for, decoded and checked before the room touches its document. */
export type ClientMessage =
  | { kind: 'step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array; clientIds: number[] }
  | { kind: 'query-awareness' };

export class MalformedMessageError extends Error {}

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes');
}

/** The client ids an awareness update speaks for (its entries: id, clock, JSON state). */
function awarenessClientIds(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder);
    JSON.parse(decoding.readVarString(decoder));
  }
  expectEnd(decoder);
  return ids;
}

/**
 * Decodes one client message completely, so that garbage is refused before anything is applied.
 * Updates are parsed with `Y.decodeUpdate`, which throws on a malformed structure.
 */
export function decodeClientMessage(bytes: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const sub = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      expectEnd(decoder);
      if (sub === SYNC_STEP1) {
        Y.decodeStateVector(payload);
        return { kind: 'step1', stateVector: payload };
      }
      if (sub === SYNC_STEP2 || sub === SYNC_UPDATE) {
        Y.decodeUpdate(payload);
        return { kind: 'update', update: payload };
      }
      throw new MalformedMessageError(`unknown sync message ${sub}`);
    }
    if (type === MESSAGE_AWARENESS) {
      const update = decoding.readVarUint8Array(decoder);
      expectEnd(decoder);
      return { kind: 'awareness', update, clientIds: awarenessClientIds(update) };
    }
    if (type === MESSAGE_QUERY_AWARENESS) {
      expectEnd(decoder);
      return { kind: 'query-awareness' };
    }
    throw new MalformedMessageError(`unexpected message type ${type}`);
  } catch (err) {
    if (err instanceof MalformedMessageError) throw err;
    throw new MalformedMessageError(err instanceof Error ? err.message : String(err));
  }
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_STEP2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, SYNC_UPDATE);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Diarium's room-mode message: whether this socket may write. */
export function encodeRoomMode(access: 'write' | 'read'): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, YJS_MESSAGE_ROOM_MODE);
    encoding.writeVarUint(e, access === 'write' ? ROOM_MODE_WRITE : ROOM_MODE_READ_ONLY);
  });
}
