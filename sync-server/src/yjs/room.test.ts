import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Logger } from '../logger';
import { Room, type RoomPeer } from './room';
import { decodeClientMessage } from './room-protocol';
import { SqliteYjsStore } from './sqlite-yjs.store';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const QUOTE = 'Bygglov för plank mot grannen';

/** A peer that keeps what the room sends it (the room's side of a socket). */
function peer(): RoomPeer & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return { sent, send: (b) => void sent.push(b), mayWrite: true, readOnly: false, spend: () => true, wrote: () => undefined };
}

describe('edits the server makes in a room', () => {
  let dir: string;
  let store: SqliteYjsStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yjs-room-'));
    store = new SqliteYjsStore(dir);
    const doc = new Y.Doc();
    doc.getText('notice').insert(0, `§ 1 ${QUOTE}. § 2 Budget. § 3 ${QUOTE} (forts.)`);
    doc.getText('notes').insert(0, 'Inget citat här');
    await store.append('meetings/m1', Y.encodeStateAsUpdate(doc));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replaces every quote in every text, sends it to the peers, and the state no longer holds it', async () => {
    const room = await Room.open('meetings/m1', store, quiet);
    const p = peer();
    room.join(p);
    p.sent.length = 0;
    expect(room.replaceQuotes([QUOTE], 'Gallrad enligt KS 1')).toBe(true);
    expect(room.doc.getText('notice').toString()).toBe('§ 1 Gallrad enligt KS 1. § 2 Budget. § 3 Gallrad enligt KS 1 (forts.)');
    expect(room.doc.getText('notes').toString()).toBe('Inget citat här');
    expect(p.sent).toHaveLength(1);
    // gc dropped the removed characters: the state a new peer or the store gets does not carry them.
    expect(Buffer.from(Y.encodeStateAsUpdate(room.doc)).includes(Buffer.from(QUOTE))).toBe(false);
    expect(room.replaceQuotes([QUOTE], 'Gallrad enligt KS 1')).toBe(false);
    await room.flushed();
    await room.destroy();
  });

  it('stops when the replacement holds the quote, and empties every text on request', async () => {
    const room = await Room.open('meetings/m1', store, quiet);
    expect(room.replaceQuotes(['plank'], 'plank (gallrat)')).toBe(true);
    expect(room.doc.getText('notice').toString()).toBe(
      '§ 1 Bygglov för plank (gallrat) mot grannen. § 2 Budget. § 3 Bygglov för plank (gallrat) mot grannen (forts.)',
    );
    expect(room.clearTexts()).toBe(true);
    expect([room.doc.getText('notice').toString(), room.doc.getText('notes').toString()]).toEqual(['', '']);
    expect(room.clearTexts()).toBe(false);
    await room.destroy();
  });

  it('the edit reaches a peer as an ordinary update it can apply', async () => {
    const room = await Room.open('meetings/m1', store, quiet);
    const p = peer();
    const mirror = new Y.Doc();
    Y.applyUpdate(mirror, (await store.load('meetings/m1'))!);
    room.join(p);
    p.sent.length = 0;
    room.replaceQuotes([QUOTE], 'Gallrad enligt KS 1');
    const msg = decodeClientMessage(p.sent[0]!);
    if (msg.kind !== 'update') throw new Error(`expected an update, got ${msg.kind}`);
    Y.applyUpdate(mirror, msg.update);
    expect(mirror.getText('notice').toString()).toBe(room.doc.getText('notice').toString());
    await room.destroy();
  });
});
