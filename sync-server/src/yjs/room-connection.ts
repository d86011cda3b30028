import { WebSocket, type RawData } from 'ws';
import type { Logger } from '../logger';
import { WriteRevokedError, type Room, type RoomPeer } from './room';
import { MalformedMessageError } from './room-protocol';
import type { RoomRef } from '../../../shared/src';

/** Close codes: 44xx tell y-websocket not to reconnect (4401 sign in again, 4403 no access). */
export const CLOSE_SESSION_EXPIRED = 4401;
export const CLOSE_ACCESS_REVOKED = 4403;
const CLOSE_UNSUPPORTED = 1003;
const CLOSE_MALFORMED = 1007;
const CLOSE_INTERNAL = 1011;
/** A peer that does not answer our close frame is cut off after this long. */
const CLOSE_GRACE_MS = 5_000;

function bytesOf(data: RawData): Uint8Array {
  const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
  return Uint8Array.from(buf);
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
    private readonly log: Logger,
  ) {
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('error', (err) => log.warn('yjs: socket error', { room: room.key, userId, err: String(err) }));
    ws.on('close', () => this.leave());
    room.join(this);
  }

  get mayWrite(): boolean {
    return this.writable;
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
      if (err instanceof MalformedMessageError) {
        this.log.warn('yjs: malformed message, closing', { room: this.room.key, userId: this.userId, err: err.message });
        return this.close(CLOSE_MALFORMED, 'malformed_message');
      }
      this.log.error('yjs: could not apply message', { room: this.room.key, userId: this.userId, err: String(err) });
      this.close(CLOSE_INTERNAL, 'internal_error');
    }
  }
}
