/**
 * Where may the window go? Pure helpers: inputs are untrusted (`unknown`), side effects are
 * parameters, so the rules are unit-tested without Electron.
 */

/** Schemes handed to the OS browser. Everything else (file:, javascript:, smb:, custom app
 * protocols that could start local programs …) is refused. */
const EXTERNAL_SCHEMES = new Set(['http:', 'https:']);
const MAX_URL_LENGTH = 8 * 1024;

/** A URL the OS may open in the default browser, or null. */
export function parseExternalUrl(raw: unknown): URL | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!EXTERNAL_SCHEMES.has(url.protocol)) return null;
  if (url.hostname === '') return null;
  // user:password@host is a classic way of disguising the real host in a link.
  if (url.username !== '' || url.password !== '') return null;
  return url;
}

/**
 * Opens `raw` with `open` (shell.openExternal in the app) when it is a plain http(s) URL.
 * Returns whether it was handed over; a failing `open` is reported through `onError`.
 */
export function openExternalLink(
  raw: unknown,
  open: (url: string) => Promise<void> | void,
  onError: (error: unknown) => void = () => {},
): boolean {
  const url = parseExternalUrl(raw);
  if (url === null) return false;
  try {
    const pending = open(url.href);
    if (pending !== undefined) pending.catch(onError);
  } catch (error) {
    onError(error);
  }
  return true;
}

/**
 * Whether `raw` is a page of the app itself: same scheme and host as `appBase` (the dev server in
 * development, `app://diarium/` in a build). URL.origin cannot be used: it is "null" for
 * non-special schemes such as app:.
 */
export function isAppUrl(raw: unknown, appBase: string): boolean {
  if (typeof raw !== 'string') return false;
  try {
    const url = new URL(raw);
    const base = new URL(appBase);
    return url.protocol === base.protocol && url.host === base.host && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** What to do when the page tries to navigate (or open a window) to `raw`. */
export function decideNavigation(raw: unknown, appBase: string, kind: 'navigate' | 'window-open'): NavigationDecision {
  // New windows are never opened inside the app, not even for its own pages.
  if (kind === 'navigate' && isAppUrl(raw, appBase)) return 'allow';
  return parseExternalUrl(raw) !== null ? 'open-external' : 'deny';
}

/**
 * Applies the decision: returns whether the navigation may proceed inside the window; when it
 * may not and the target is a plain http(s) URL, hands it to `open` (shell.openExternal).
 */
export function routeNavigation(
  raw: unknown,
  appBase: string,
  kind: 'navigate' | 'window-open',
  open: (url: string) => Promise<void> | void,
  onError?: (error: unknown) => void,
): boolean {
  const decision = decideNavigation(raw, appBase, kind);
  if (decision === 'allow') return true;
  if (decision === 'open-external') openExternalLink(raw, open, onError);
  return false;
}
