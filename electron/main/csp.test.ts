import { describe, expect, it } from 'vitest';
import { buildCsp, httpAndWsOrigins, withCspHeader } from './csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name ?? '', sources];
    }),
  );
}

describe('buildCsp', () => {
  it('allows only the app itself and the sync server (http and ws)', () => {
    const csp = directives(buildCsp({ serverUrl: 'http://127.0.0.1:8787' }));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:8787', 'ws://127.0.0.1:8787']);
    expect(csp.get('img-src')).toEqual(["'self'", 'blob:', 'data:']);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
  });

  it('uses wss for an https server and ignores the path', () => {
    const csp = directives(buildCsp({ serverUrl: 'https://diarium.kommun.se/sync' }));
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://diarium.kommun.se', 'wss://diarium.kommun.se']);
  });

  it('adds the dev server for hot reload in development', () => {
    const csp = directives(buildCsp({ serverUrl: 'http://127.0.0.1:8787', devUrl: 'http://localhost:5173/' }));
    expect(csp.get('connect-src')).toContain('ws://localhost:5173');
  });

  it('never allows eval or inline scripts; compiling WebAssembly (pdf.js image decoders) is allowed', () => {
    const csp = buildCsp({ serverUrl: 'http://127.0.0.1:8787', devUrl: 'http://localhost:5173' });
    const script = directives(csp).get('script-src');
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    expect(csp.split(/[\s;]+/)).not.toContain("'unsafe-eval'");
    expect(script).toContain("'wasm-unsafe-eval'");
    // No worker-src: workers fall back to script-src, so pdf.js' worker may come only from the app itself.
    expect(directives(csp).has('worker-src')).toBe(false);
  });

  it('refuses a server that is not http(s)', () => {
    expect(() => httpAndWsOrigins('file:///srv')).toThrow();
  });
});

describe('withCspHeader', () => {
  it('replaces any CSP the response carried, whatever its case, and keeps other headers', () => {
    const out = withCspHeader(
      { 'content-security-policy': ['default-src *'], 'Content-Security-Policy-Report-Only': ['x'], 'Content-Type': ['text/html'] },
      "default-src 'self'",
    );
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });
});
