import { WebSocket, type RawData } from 'ws';
import type { Logger } from '../logger';
import { RateLimitedError, ReadOnlyError, RoomTooLargeError, WriteRevokedError, type Room, type RoomPeer } from './room';
import { encodeRoomMode, MalformedMessageError } from './room-protocol';
import { ROOM_CLOSE, type RoomRef } from '../../../shared/src';

/** Close codes: 44xx tell y-websocket not to reconnect (4401 sign in again, 4403 no access). */
export const CLOSE_SESSION_EXPIRED = ROOM_CLOSE.sessionExpired;
export const CLOSE_ACCESS_REVOKED = ROOM_CLOSE.accessRevoked;
const CLOSE_UNSUPPORTED = 1003;
const CLOSE_MALFORMED = 1007;
const CLOSE_INTERNAL = 1011;
/** A peer that does not answer our close frame is cut off after this long. */
const CLOSE_GRACE_MS = 5_000;

function bytesOf(data: RawData): Uint8Array {
  const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  return Uint8Array.from(buf);
}

/** What an admitted socket may do in its room. */
export type RoomAccess = 'write' | 'read';

/** What a connection asks of the rooms server on behalf of its user. */
export interface ConnectionHooks {
  /** Charges an update to the user's rate; false when beyond it. */
  spend(bytes: number): boolean;
  /** The user changed the document through this socket. */
  wrote(conn: RoomConnection): void;
}

/** One authenticated socket in one room (a socket never joins a second room). */
export class RoomConnection implements RoomPeer {
  private writable = true;
  private left = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly room: Room,
    readonly ref: RoomRef,
    readonly userId: string,
    readonly token: string | null,
    private access: RoomAccess,
    private readonly hooks: ConnectionHooks,
    private readonly log: Logger,
  ) {
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('error', (err) => log.warn('yjs: socket error', { room: room.key, userId, err: String(err) }));
    ws.on('close', () => this.leave());
    // The mode first, so the client's editor is read-only before the first byte of text arrives.
    this.send(encodeRoomMode(access));
    room.join(this);
  }

  get mayWrite(): boolean {
    return this.writable;
  }

  get readOnly(): boolean {
    return this.access === 'read';
  }

  spend(bytes: number): boolean {
    return this.hooks.spend(bytes);
  }

  wrote(): void {
    this.hooks.wrote(this);
  }

  /** A revalidation found other rights (e.g. the record became final): tells the client. */
  setAccess(access: RoomAccess): void {
    if (access === this.access) return;
    this.access = access;
    this.send(encodeRoomMode(access));
  }

  get key(): string {
    return this.room.key;
  }

  send(bytes: Uint8Array): void {
    if (this.writable && this.ws.readyState === WebSocket.OPEN) this.ws.send(bytes);
  }

  /** Ends the connection: from this moment on it neither writes nor receives a byte of the room. */
  close(code: number, reason: string): void {
    this.writable = false;
    this.leave();
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      this.ws.close(code, reason);
      setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
    }
  }

  private leave(): void {
    if (this.left) return;
    this.left = true;
    this.room.leave(this);
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (!this.writable) {
      // Frames still in flight when the socket was closed (e.g. sent just after revocation).
      this.log.warn('yjs: dropped a message after close', { room: this.room.key, userId: this.userId });
      return;
    }
    if (!isBinary) return this.close(CLOSE_UNSUPPORTED, 'binary_only');
    try {
      this.room.receive(this, bytesOf(data));
    } catch (err) {
      if (err instanceof WriteRevokedError) return this.close(CLOSE_ACCESS_REVOKED, 'access_revoked');
      if (err instanceof ReadOnlyError) {
        // The client was told it reads only; an update anyway is a stale editor or a lie. Dropped, socket kept.
        this.log.warn('yjs: dropped an update from a read-only socket', { room: this.room.key, userId: this.userId });
        return;
      }
      if (err instanceof RoomTooLargeError) {
        this.log.warn('yjs: refused an update beyond the room size cap', { room: this.room.key, userId: this.userId });
        return this.close(ROOM_CLOSE.tooLarge, 'room_too_large');
      }
      if (err instanceof RateLimitedError) {
        this.log.warn('yjs: refused an update beyond the user rate', { room: this.room.key, userId: this.userId });
        return this.close(ROOM_CLOSE.rateLimited, 'rate_limited');
      }
      if (err instanceof MalformedMessageError) {
        this.log.warn('yjs: malformed message, closing', { room: this.room.key, userId: this.userId, err: err.message });
        return this.close(CLOSE_MALFORMED, 'malformed_message');
      }
      this.log.error('yjs: could not apply message', { room: this.room.key, userId: this.userId, err: String(err) });
      this.close(CLOSE_INTERNAL, 'internal_error');
    }
  }
}
