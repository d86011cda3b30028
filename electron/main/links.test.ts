import { describe, expect, it, vi } from 'vitest';
import { decideNavigation, isAppUrl, openExternalLink, parseExternalUrl, routeNavigation } from './links';

const APP = 'app://diarium/';
const DEV = 'http://localhost:5173/';

describe('parseExternalUrl', () => {
  it('accepts plain http and https URLs', () => {
    expect(parseExternalUrl('https://www.riksdagen.se/sv/')?.href).toBe('https://www.riksdagen.se/sv/');
    expect(parseExternalUrl('http://example.org/a?b=c#d')?.href).toBe('http://example.org/a?b=c#d');
  });

  it.each([
    ['file: reads local files', 'file:///C:/Windows/System32/calc.exe'],
    ['javascript: runs code', 'javascript:alert(1)'],
    ['smb: leaks NTLM hashes on Windows', 'smb://attacker.example/share'],
    ['custom protocol handlers start local programs', 'ms-msdt:/id PCWDiagnostic'],
    ['data: is not a link', 'data:text/html,<script>alert(1)</script>'],
    ['mailto: is not http(s)', 'mailto:someone@example.org'],
    ['credentials disguise the real host', 'https://www.kommun.se@attacker.example/'],
    ['not a URL at all', 'not a url'],
    ['relative URLs have no scheme', '/cases/1'],
    ['empty', ''],
  ])('refuses %s', (_why, raw) => {
    expect(parseExternalUrl(raw)).toBeNull();
  });

  it.each([[undefined], [null], [42], [{ href: 'https://example.org' }], [['https://example.org']]])('refuses non-strings (%j)', (raw) => {
    expect(parseExternalUrl(raw)).toBeNull();
  });

  it('refuses absurdly long URLs', () => {
    expect(parseExternalUrl(`https://example.org/${'a'.repeat(9000)}`)).toBeNull();
  });
});

describe('openExternalLink', () => {
  it('hands a valid http(s) URL to the side effect, normalised', () => {
    const open = vi.fn();
    expect(openExternalLink('HTTPS://Example.org/x', open)).toBe(true);
    expect(open).toHaveBeenCalledExactlyOnceWith('https://example.org/x');
  });

  it('never calls the side effect for anything else', () => {
    const open = vi.fn();
    expect(openExternalLink('file:///etc/passwd', open)).toBe(false);
    expect(openExternalLink('javascript:alert(1)', open)).toBe(false);
    expect(openExternalLink(undefined, open)).toBe(false);
    expect(open).not.toHaveBeenCalled();
  });

  it('reports a failing side effect instead of throwing (sync and async)', async () => {
    const onError = vi.fn();
    expect(
      openExternalLink(
        'https://example.org',
        () => {
          throw new Error('sync');
        },
        onError,
      ),
    ).toBe(true);
    expect(openExternalLink('https://example.org', () => Promise.reject(new Error('async')), onError)).toBe(true);
    await vi.waitFor(() => expect(onError).toHaveBeenCalledTimes(2));
  });
});

describe('isAppUrl', () => {
  it('matches pages of the app by scheme and host (app: origin is "null" for URL.origin)', () => {
    expect(isAppUrl('app://diarium/index.html', APP)).toBe(true);
    expect(isAppUrl('app://diarium/assets/index.js', APP)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.ts', DEV)).toBe(true);
  });

  it('does not match other hosts, ports or schemes', () => {
    expect(isAppUrl('app://other/index.html', APP)).toBe(false);
    expect(isAppUrl('file:///index.html', APP)).toBe(false);
    expect(isAppUrl('http://localhost:5174/', DEV)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false);
    expect(isAppUrl('http://user@localhost:5173/', DEV)).toBe(false);
    expect(isAppUrl(null, APP)).toBe(false);
    expect(isAppUrl('::', APP)).toBe(false);
  });
});

describe('decideNavigation / routeNavigation', () => {
  it('lets the window navigate within the app only', () => {
    expect(decideNavigation('app://diarium/index.html#/cases', APP, 'navigate')).toBe('allow');
    expect(decideNavigation('https://example.org/', APP, 'navigate')).toBe('open-external');
    expect(decideNavigation('file:///etc/passwd', APP, 'navigate')).toBe('deny');
  });

  it('never opens a second app window, even for the app itself', () => {
    expect(decideNavigation('app://diarium/index.html', APP, 'window-open')).toBe('deny');
    expect(decideNavigation('https://example.org/', APP, 'window-open')).toBe('open-external');
  });

  it('opens external http(s) targets with the side effect and blocks the navigation', () => {
    const open = vi.fn();
    expect(routeNavigation('https://example.org/', APP, 'navigate', open)).toBe(false);
    expect(open).toHaveBeenCalledExactlyOnceWith('https://example.org/');
    expect(routeNavigation('app://diarium/index.html', APP, 'navigate', open)).toBe(true);
    expect(routeNavigation('smb://host/share', APP, 'window-open', open)).toBe(false);
    expect(open).toHaveBeenCalledTimes(1);
  });
});
