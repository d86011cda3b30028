import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, resolveAppPath } from './app-protocol';

const ROOT = path.resolve('/opt/diarium/out/renderer');

describe('resolveAppPath', () => {
  it('maps app://diarium/… to files under the renderer folder', () => {
    expect(resolveAppPath(ROOT, 'app://diarium/index.html')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppPath(ROOT, 'app://diarium/')).toBe(path.join(ROOT, 'index.html'));
    expect(resolveAppPath(ROOT, 'app://diarium/assets/index-abc.js?v=1#x')).toBe(path.join(ROOT, 'assets', 'index-abc.js'));
    expect(resolveAppPath(ROOT, 'app://diarium/assets/%C3%A5r%20och%20dag.svg')).toBe(path.join(ROOT, 'assets', 'år och dag.svg'));
  });

  it.each([
    ['dot segments', 'app://diarium/../../etc/passwd'],
    ['encoded dot segments', 'app://diarium/%2e%2e/%2e%2e/secrets.json'],
    ['encoded slashes and dots', 'app://diarium/assets%2f..%2f..%2f..%2fmain%2findex.js'],
    ['encoded backslashes', 'app://diarium/..%5c..%5cmain%5cindex.js'],
  ])('never leaves the renderer folder: %s', (_why, url) => {
    const resolved = resolveAppPath(ROOT, url);
    if (resolved !== null) expect(resolved.startsWith(ROOT + path.sep)).toBe(true);
  });

  it.each([
    ['encoded slashes climbing out', 'app://diarium/assets%2f..%2f..%2f..%2fmain%2findex.js'],
    ['backslashes', 'app://diarium/..%5cmain%5cindex.js'],
    ['NUL bytes', 'app://diarium/index.html%00.png'],
    ['malformed escapes', 'app://diarium/%E0%A4%A'],
    ['another host', 'app://other/index.html'],
    ['another scheme', 'file:///opt/diarium/out/renderer/index.html'],
    ['not a URL', 'nonsense'],
  ])('refuses %s', (_why, url) => {
    expect(resolveAppPath(ROOT, url)).toBeNull();
  });
});

describe('contentTypeOf', () => {
  it('serves module scripts as JavaScript (Chromium refuses modules with another MIME type)', () => {
    expect(contentTypeOf('/x/index-abc.js')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('/x/index.HTML')).toMatch(/^text\/html/);
    expect(contentTypeOf('/x/unknown.bin')).toBe('application/octet-stream');
  });
});
