import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DESKTOP_ORIGIN, allowedOrigins, applyCors, originAllowed } from './cors';

// Pure header logic: plain objects stand in for the request and response.

function request(method: string, headers: Record<string, string>): IncomingMessage {
  return { method, headers } as unknown as IncomingMessage;
}

class FakeResponse {
  readonly headers: Record<string, string> = {};
  status: number | null = null;
  ended = false;

  setHeader(name: string, value: string): this {
    this.headers[name.toLowerCase()] = value;
    return this;
  }

  writeHead(status: number): this {
    this.status = status;
    return this;
  }

  end(): this {
    this.ended = true;
    return this;
  }
}

function cors(method: string, headers: Record<string, string>, allowed = allowedOrigins(['http://localhost:5173'])) {
  const res = new FakeResponse();
  const handled = applyCors(request(method, headers), res as unknown as ServerResponse, allowed);
  return { handled, res };
}

describe('allowedOrigins', () => {
  it('always includes the desktop app and adds the configured extras', () => {
    expect(allowedOrigins([])).toEqual(new Set([DESKTOP_ORIGIN]));
    expect(allowedOrigins(['http://localhost:5173'])).toEqual(new Set(['app://diarium', 'http://localhost:5173']));
  });
});

describe('originAllowed', () => {
  const allowed = allowedOrigins(['http://localhost:5173']);

  it('allows native clients without an Origin header', () => {
    expect(originAllowed(request('GET', { host: 'diarium.kommun.example' }), allowed)).toBe(true);
  });

  it('allows the desktop app and configured origins', () => {
    expect(originAllowed(request('GET', { origin: 'app://diarium', host: 'diarium.kommun.example' }), allowed)).toBe(true);
    expect(originAllowed(request('GET', { origin: 'http://localhost:5173', host: '127.0.0.1:8080' }), allowed)).toBe(true);
  });

  it("allows the server's own pages (same host and port)", () => {
    expect(originAllowed(request('GET', { origin: 'https://diarium.kommun.example', host: 'diarium.kommun.example' }), allowed)).toBe(true);
    expect(originAllowed(request('GET', { origin: 'http://127.0.0.1:8080', host: '127.0.0.1:8080' }), allowed)).toBe(true);
  });

  it('refuses other origins, other ports, look-alikes and garbage', () => {
    const host = { host: 'diarium.kommun.example' };
    expect(originAllowed(request('GET', { ...host, origin: 'https://evil.example' }), allowed)).toBe(false);
    expect(originAllowed(request('GET', { ...host, origin: 'https://diarium.kommun.example.evil.example' }), allowed)).toBe(false);
    expect(originAllowed(request('GET', { ...host, origin: 'https://diarium.kommun.example:8443' }), allowed)).toBe(false);
    expect(originAllowed(request('GET', { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:9090' }), allowed)).toBe(false);
    expect(originAllowed(request('GET', { ...host, origin: 'null' }), allowed)).toBe(false);
    expect(originAllowed(request('GET', { ...host, origin: 'app://diarium.evil' }), allowed)).toBe(false);
    expect(originAllowed(request('GET', { origin: 'https://diarium.kommun.example' }), allowed)).toBe(false);
  });
});

describe('applyCors', () => {
  it('adds CORS headers for an allowed origin and lets the request through', () => {
    const { handled, res } = cors('POST', { origin: 'app://diarium' });
    expect(handled).toBe(false);
    expect(res.headers).toEqual({
      'access-control-allow-origin': 'app://diarium',
      vary: 'Origin',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
      'access-control-max-age': '600',
    });
    expect(res.status).toBeNull();
  });

  it('answers a preflight from an allowed origin with 204', () => {
    const { handled, res } = cors('OPTIONS', { origin: 'http://localhost:5173' });
    expect(handled).toBe(true);
    expect(res.status).toBe(204);
    expect(res.ended).toBe(true);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
  });

  it('refuses a preflight from any other origin or without one, and adds no headers', () => {
    for (const headers of [{ origin: 'https://evil.example' }, {}] as Record<string, string>[]) {
      const { handled, res } = cors('OPTIONS', headers);
      expect(handled).toBe(true);
      expect(res.status).toBe(403);
      expect(res.headers).toEqual({});
    }
  });

  it('adds nothing for same-origin and native requests, which need no CORS', () => {
    for (const headers of [
      {},
      { origin: 'https://diarium.kommun.example', host: 'diarium.kommun.example' },
      { origin: 'https://evil.example' },
    ] as Record<string, string>[]) {
      const { handled, res } = cors('GET', headers);
      expect(handled).toBe(false);
      expect(res.headers).toEqual({});
    }
  });
});
