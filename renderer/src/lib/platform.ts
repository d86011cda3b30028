import type { DiariumBridge } from '../../../shared/src/protocol/bridge';

declare global {
  interface Window {
    diarium?: DiariumBridge;
  }
}

/** The desktop bridge, or null in web mode. */
export function bridge(): DiariumBridge | null {
  return typeof window !== 'undefined' && window.diarium ? window.diarium : null;
}

/** Desktop: the server the app was started against; web mode: the server that served the page. */
export function serverUrl(): string {
  return bridge()?.serverUrl ?? location.origin;
}

/** Web mode: cache the app shell so the register opens without a network (see public/sw.js). */
export function registerServiceWorker(): void {
  if (bridge() || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  // Only when the build ships the worker (an unknown path is answered with index.html).
  fetch('./sw.js', { method: 'HEAD', cache: 'no-store' })
    .then((res) => {
      if (res.ok && /javascript/.test(res.headers.get('content-type') ?? '')) return navigator.serviceWorker.register('./sw.js');
      return undefined;
    })
    .catch((err: unknown) => console.warn('[diarium] service worker not registered', err));
}
