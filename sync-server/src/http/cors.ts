import type { IncomingMessage, ServerResponse } from 'node:http';

/** The desktop client's page origin (electron/main/app-protocol.ts). */
export const DESKTOP_ORIGIN = 'app://diarium';

/**
 * Origins allowed to call the API and open the sync socket besides the server's own: the
 * desktop app, and any configured extra (e.g. the renderer's dev server).
 */
export function allowedOrigins(extra: readonly string[]): Set<string> {
  return new Set([DESKTOP_ORIGIN, ...extra]);
}

/** True for requests without an Origin (native clients) and for same-origin or allowed pages. */
export function originAllowed(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.has(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Adds CORS headers for an allowed cross-origin caller; answers preflights. Returns true when handled. */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (origin && allowed.has(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-allow-headers', 'authorization, content-type');
    res.setHeader('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
    res.setHeader('access-control-max-age', '600');
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(origin && allowed.has(origin) ? 204 : 403).end();
    return true;
  }
  return false;
}
