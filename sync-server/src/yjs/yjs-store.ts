/**
 * Where each room's document lives between sessions: its updates, merged. Async so that a
 * PostgreSQL implementation fits behind the same shape.
 */
export interface YjsStore {
  /** The merged state of a room as one Yjs update, or null when nothing was ever written. */
  load(room: string): Promise<Uint8Array | null>;
  /** Durably records one update of a room (committed when the promise resolves). */
  append(room: string, update: Uint8Array): Promise<void>;
  /** Replaces everything stored for a room by one state (no earlier update of it is kept). */
  replace(room: string, state: Uint8Array): Promise<void>;
  /** Deletes everything stored for a room. */
  remove(room: string): Promise<void>;
  close(): Promise<void>;
}
