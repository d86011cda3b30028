/**
 * The desktop bridge: the one object the Electron preload exposes to the renderer as
 * `window.diarium`. In web mode it is absent and the renderer uses its browser fallbacks.
 *
 * Types only: the preload implements it (electron/preload), the main process validates every
 * argument before acting (electron/main/bridge.ts), the renderer types `window.diarium` with it:
 *
 *   declare global { interface Window { diarium?: DiariumBridge } }
 */
export interface DiariumBridge {
  /** Present only on the desktop; web mode has no bridge at all. */
  readonly platform: 'desktop';
  /** Base URL of the sync server the desktop was started against, e.g. `http://127.0.0.1:8787`. */
  readonly serverUrl: string;
  /** Version of the desktop application (package.json `version`). */
  readonly version: string;
  /**
   * Reads a secret kept by the OS-backed safe storage (DPAPI on Windows, Keychain on macOS,
   * the Secret Service on Linux). Resolves to null when no secret is stored under the key.
   */
  getSecret(key: string): Promise<string | null>;
  /** Stores (replaces) a secret; rejects when the OS offers no encryption. */
  setSecret(key: string, value: string): Promise<void>;
  /** Shows a native notification. */
  showNotification(title: string, body: string): Promise<void>;
}

/** The methods that cross the process boundary (each is one IPC channel). */
export type BridgeMethod = {
  [K in keyof DiariumBridge]: DiariumBridge[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof DiariumBridge];

/** IPC channel names: a fixed prefix, one channel per method. */
export type BridgeChannel = `diarium:${BridgeMethod}`;

/** Argument tuple of a bridge method. */
export type BridgeArgs<M extends BridgeMethod> = Parameters<DiariumBridge[M]>;

/** Resolved value of a bridge method. */
export type BridgeResult<M extends BridgeMethod> = Awaited<ReturnType<DiariumBridge[M]>>;
