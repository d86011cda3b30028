import { EventEmitter } from 'node:events';
import type { StoredRecord } from '../storage/storage';

/**
 * Fan-out of accepted changes to connected clients. In-process for a single server; a
 * multi-process deployment implements the same contract over PostgreSQL LISTEN/NOTIFY or Redis.
 */
export interface ChangeFeed {
  publish(changes: readonly StoredRecord[]): void;
  subscribe(listener: (changes: readonly StoredRecord[]) => void): () => void;
  /** What these users may read changed without a record of theirs changing (e.g. a second factor). */
  publishAccess(userIds: readonly string[]): void;
  subscribeAccess(listener: (userIds: readonly string[]) => void): () => void;
}

export class LocalChangeFeed implements ChangeFeed {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  publish(changes: readonly StoredRecord[]): void {
    if (changes.length) this.emitter.emit('changes', changes);
  }

  subscribe(listener: (changes: readonly StoredRecord[]) => void): () => void {
    this.emitter.on('changes', listener);
    return () => this.emitter.off('changes', listener);
  }

  publishAccess(userIds: readonly string[]): void {
    if (userIds.length) this.emitter.emit('access', userIds);
  }

  subscribeAccess(listener: (userIds: readonly string[]) => void): () => void {
    this.emitter.on('access', listener);
    return () => this.emitter.off('access', listener);
  }
}
