import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../logger';
import {
  decodeClientMessage,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  MalformedMessageError,
} from './room-protocol';
import type { YjsStore } from './yjs-store';

/** One socket in a room, as the room sees it. */
export interface RoomPeer {
  send(bytes: Uint8Array): void;
  /** The cached access decision; false from the moment a revalidation revoked it. */
  readonly mayWrite: boolean;
  /** May read but not change the document (no edit rights, or the record is final). */
  readonly readOnly: boolean;
  /** Charges an update of `bytes` to the peer's user; false when it is beyond their rate. */
  spend(bytes: number): boolean;
  /** The peer changed the document (called once per applied update). */
  wrote(): void;
}

/** A peer tried to write after its access was revoked. */
export class WriteRevokedError extends Error {}
/** A read-only peer sent an update; it is dropped. */
export class ReadOnlyError extends Error {}
/** The update would make the document larger than the room keeps. */
export class RoomTooLargeError extends Error {}
/** The peer's user sends updates faster than their share. */
export class RateLimitedError extends Error {}

/** A room's document is working text; this is many times what a case's notes need. */
export const DEFAULT_MAX_DOC_BYTES = 1024 * 1024;

const FROM_STORE = Symbol('store');
/** Edits the server makes itself (a disposal removing quotes): stored and sent like a peer's. */
const BY_SERVER = Symbol('server');

/**
 * One record's shared document in memory while anyone has it open: applies what peers send,
 * fans every change out to the other peers, and appends it to the store.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new Awareness(this.doc);
  private readonly peers = new Set<RoomPeer>();
  /** Awareness client ids each peer speaks for; one id never belongs to two peers. */
  private readonly controlled = new Map<RoomPeer, Set<number>>();
  private readonly writes = new Set<Promise<void>>();
  /** An upper bound of the encoded document's size: exact at load and after each check, plus what was applied since. */
  private sizeBound = 0;

  private constructor(
    readonly key: string,
    private readonly store: YjsStore,
    private readonly log: Logger,
    private readonly maxDocBytes: number,
  ) {
    // Presence is not kept by the server: a client re-announces itself on every connect.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.onAwareness(change, origin),
    );
  }

  static async open(key: string, store: YjsStore, log: Logger, maxDocBytes = DEFAULT_MAX_DOC_BYTES): Promise<Room> {
    const room = new Room(key, store, log, maxDocBytes);
    const stored = await store.load(key);
    if (stored) Y.applyUpdate(room.doc, stored, FROM_STORE);
    room.sizeBound = Y.encodeStateAsUpdate(room.doc).length;
    return room;
  }

  get size(): number {
    return this.peers.size;
  }

  /** Starts the sync: the server's state vector, so the client sends what the server lacks, and who is here. */
  join(peer: RoomPeer): void {
    this.peers.add(peer);
    this.controlled.set(peer, new Set());
    peer.send(encodeSyncStep1(this.doc));
    const others = [...this.awareness.getStates().keys()];
    if (others.length > 0) peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, others)));
  }

  leave(peer: RoomPeer): void {
    this.peers.delete(peer);
    const ids = this.controlled.get(peer);
    this.controlled.delete(peer);
    if (ids && ids.size > 0) removeAwarenessStates(this.awareness, [...ids], null);
  }

  /**
   * Handles one binary message of a peer. Throws `MalformedMessageError` for garbage,
   * `WriteRevokedError` when a revoked peer tries to change the document or its presence,
   * `ReadOnlyError` for an update of a read-only peer, and `RateLimitedError` /
   * `RoomTooLargeError` for an update beyond the limits. A refused update is neither applied,
   * stored nor sent on, so the document stays as it was.
   */
  receive(peer: RoomPeer, bytes: Uint8Array): void {
    const msg = decodeClientMessage(bytes);
    switch (msg.kind) {
      case 'step1':
        peer.send(encodeSyncStep2(this.doc, msg.stateVector));
        return;
      case 'update':
        if (!peer.mayWrite) throw new WriteRevokedError();
        if (peer.readOnly) throw new ReadOnlyError();
        if (!peer.spend(msg.update.length)) throw new RateLimitedError();
        this.checkSize(msg.update.length);
        try {
          Y.applyUpdate(this.doc, msg.update, peer);
        } catch (err) {
          throw new MalformedMessageError(`update not applicable: ${String(err)}`);
        }
        return;
      case 'awareness': {
        if (!peer.mayWrite) throw new WriteRevokedError();
        const mine = this.controlled.get(peer);
        // A peer may not speak for (or remove) another peer's presence.
        const foreign = msg.clientIds.some((id) => !mine?.has(id) && this.controllerOf(id) !== undefined);
        if (!mine || foreign) return;
        applyAwarenessUpdate(this.awareness, msg.update, peer);
        return;
      }
      case 'query-awareness':
        peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()])));
        return;
    }
  }

  /** Refuses an update that could take the document beyond its cap; measures exactly only near it. */
  private checkSize(updateBytes: number): void {
    if (this.sizeBound + updateBytes <= this.maxDocBytes) return;
    this.sizeBound = Y.encodeStateAsUpdate(this.doc).length;
    if (this.sizeBound + updateBytes > this.maxDocBytes) throw new RoomTooLargeError();
  }

  private controllerOf(clientId: number): RoomPeer | undefined {
    for (const [peer, ids] of this.controlled) if (ids.has(clientId)) return peer;
    return undefined;
  }

  private onUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === FROM_STORE) return;
    this.sizeBound += update.length;
    if (this.peers.has(origin as RoomPeer)) (origin as RoomPeer).wrote();
    const bytes = encodeUpdate(update);
    for (const peer of this.peers) if (peer !== origin) peer.send(bytes);
    const write = this.store.append(this.key, update).catch((err: unknown) => {
      this.log.error('yjs: could not store update', { room: this.key, err: String(err) });
    });
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  private onAwareness(change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const ids = this.controlled.get(origin as RoomPeer);
    if (ids) {
      for (const id of change.added) ids.add(id);
      for (const id of change.removed) ids.delete(id);
    }
    const changed = [...change.added, ...change.updated, ...change.removed];
    if (changed.length === 0) return;
    const bytes = encodeAwareness(encodeAwarenessUpdate(this.awareness, changed));
    for (const peer of this.peers) peer.send(bytes);
  }

  /**
   * Replaces every occurrence of each quote (longest first) in the document's texts, as one edit
   * sent to the peers and stored; with gc on, the removed characters leave the document's state.
   * Returns whether anything changed.
   */
  replaceQuotes(quotes: readonly string[], replacement: string): boolean {
    let changed = false;
    this.doc.transact(() => {
      for (const name of [...this.doc.share.keys()]) {
        const text = this.doc.getText(name);
        for (const q of quotes) {
          for (let at = text.toString().indexOf(q); at >= 0; at = text.toString().indexOf(q, at + replacement.length)) {
            text.delete(at, q.length);
            text.insert(at, replacement);
            changed = true;
          }
        }
      }
    }, BY_SERVER);
    return changed;
  }

  /** Empties every text of the document, as one edit sent to the peers and stored; whether anything changed. */
  clearTexts(): boolean {
    let changed = false;
    this.doc.transact(() => {
      for (const name of [...this.doc.share.keys()]) {
        const text = this.doc.getText(name);
        if (text.length === 0) continue;
        text.delete(0, text.length);
        changed = true;
      }
    }, BY_SERVER);
    return changed;
  }

  /** Resolves when every update applied so far is stored. */
  async flushed(): Promise<void> {
    await Promise.all(this.writes);
  }

  /** Waits for pending store writes, then frees the document. */
  async destroy(): Promise<void> {
    await Promise.all(this.writes);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
