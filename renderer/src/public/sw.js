/*
 * Web mode only: keeps the app shell (index.html and the built assets) so that the register
 * starts without a network; the records themselves are in IndexedDB. Network first, so a new
 * build is picked up whenever the server is reachable; the API and the sync socket are never
 * cached.
 */
const CACHE = 'diarium-shell-v1';

/**
 * The page, the assets it names (hashed file names change with every build) and every other
 * built file listed in precache.json (written by the build): chunks loaded on first use and
 * pdf.js' worker, fonts and character maps, so a tool first opened offline still works.
 */
async function precache() {
  const cache = await caches.open(CACHE);
  const res = await fetch('./', { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put('./', res);
  const named = [...html.matchAll(/(?:src|href)="(\.?\/?assets\/[^"]+)"/g)].map((m) => m[1].replace(/^\.?\/?/, './'));
  const listed = await fetch('./precache.json', { cache: 'no-store' })
    .then((r) => (r.ok ? r.json() : []))
    .catch(() => []);
  const files = Array.isArray(listed) ? listed.filter((f) => typeof f === 'string').map((f) => `./${f}`) : [];
  await cache.addAll([...new Set([...named, ...files])]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    precache()
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function cacheable(request) {
  if (request.method !== 'GET') return false;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return false;
  return !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/sync');
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (!cacheable(request)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === 'basic') {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cache = await caches.open(CACHE);
        const hit = await cache.match(request, { ignoreSearch: true });
        if (hit) return hit;
        if (request.mode === 'navigate') {
          const shell = await cache.match('./');
          if (shell) return shell;
        }
        return Response.error();
      }),
  );
});
