/**
 * Content-Security-Policy of the app's pages. Built by a pure function; delivered as a response
 * header (webRequest.onHeadersReceived, and by the app: protocol handler itself).
 */
import type { Session } from 'electron';

export interface CspOptions {
  /** The sync server (http(s)); its origin and the matching ws(s) origin may be connected to. */
  serverUrl: string;
  /** Vite dev server in development: its websocket (hot reload) may be connected to too. */
  devUrl?: string | null;
}

/** `http://h:p` → [`http://h:p`, `ws://h:p`]; `https` → `wss`. */
export function httpAndWsOrigins(raw: string): string[] {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`not an http(s) URL: ${raw}`);
  const ws = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return [url.origin, `${ws}//${url.host}`];
}

export function buildCsp({ serverUrl, devUrl }: CspOptions): string {
  const connect = ["'self'", ...httpAndWsOrigins(serverUrl)];
  if (devUrl) connect.push(...httpAndWsOrigins(devUrl));
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    // pdf.js decodes JBIG2 and JPEG 2000 images and ICC colours with WebAssembly (the redaction
    // tool): compiling wasm is allowed, eval of JavaScript is not.
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    ['connect-src', [...new Set(connect)]],
    ['img-src', ["'self'", 'blob:', 'data:']],
    // Svelte writes style attributes (style:prop, transitions) at runtime.
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['object-src', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/** Header names are case-insensitive; drop any CSP the response already carries (ours wins). */
export function withCspHeader(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/**
 * Sets the CSP on every response for the app's own pages (`isAppPage`), in this session.
 * Responses of other origins (the sync server's API) are left alone.
 */
export function installCsp(session: Session, csp: string, isAppPage: (url: string) => boolean): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppPage(details.url)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
}
