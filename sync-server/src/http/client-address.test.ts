import { describe, expect, it } from 'vitest';
import { parseTrustProxy, resolveClientAddress, TRUST_NONE, type TrustProxy } from './client-address';

const trust = (text: string): TrustProxy => {
  const t = parseTrustProxy(text);
  if (!t) throw new Error(`not a TRUST_PROXY value: ${text}`);
  return t;
};

describe('parseTrustProxy', () => {
  it('reads nothing, a hop count, or addresses and IPv4 ranges; refuses anything else', () => {
    expect(parseTrustProxy('')).toEqual(TRUST_NONE);
    expect(parseTrustProxy(' 0 ')).toEqual(TRUST_NONE);
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    const list = trust('10.0.0.5, fd00::1 ,192.168.0.0/16');
    expect(list.kind).toBe('addresses');
    for (const bad of ['11', 'proxy.example', '10.0.0.256', '10.0.0.0/33', '10.0.0.5,', '1.2.3.4/8/8', 'fd00::/8'])
      expect(parseTrustProxy(bad), bad).toBeNull();
  });
});

describe('resolveClientAddress', () => {
  it('trusting none, is the socket peer whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', TRUST_NONE)).toBe('203.0.113.9');
    expect(resolveClientAddress('::ffff:203.0.113.9', undefined, TRUST_NONE)).toBe('203.0.113.9');
  });

  it('from an untrusted peer, ignores a forged header', () => {
    expect(resolveClientAddress('203.0.113.9', '198.51.100.1', trust('10.0.0.5'))).toBe('203.0.113.9');
    expect(resolveClientAddress('10.0.0.6', '198.51.100.1', trust('10.0.0.5,10.1.0.0/16'))).toBe('10.0.0.6');
  });

  it('from a trusted proxy, is the nearest untrusted address its header names; what the client wrote before that is ignored', () => {
    const t = trust('10.0.0.5,10.1.0.0/16,fd00::1');
    expect(resolveClientAddress('10.0.0.5', '198.51.100.1', t)).toBe('198.51.100.1');
    // The client forged "1.1.1.1"; the proxy appended the address it saw.
    expect(resolveClientAddress('::ffff:10.0.0.5', '1.1.1.1, 198.51.100.1', t)).toBe('198.51.100.1');
    // Two trusted proxies in a row (the inner one in the range).
    expect(resolveClientAddress('10.0.0.5', '1.1.1.1, 198.51.100.1, 10.1.7.7', t)).toBe('198.51.100.1');
    expect(resolveClientAddress('fd00::1', ['2001:db8::7', '10.1.0.1'], t)).toBe('2001:db8::7');
    // Every hop trusted: the leftmost.
    expect(resolveClientAddress('10.0.0.5', '10.1.0.2', t)).toBe('10.1.0.2');
    // No header, or one that is no address: the last address that is known.
    expect(resolveClientAddress('10.0.0.5', undefined, t)).toBe('10.0.0.5');
    expect(resolveClientAddress('10.0.0.5', 'unknown', t)).toBe('10.0.0.5');
    expect(resolveClientAddress('10.0.0.5', '198.51.100.1, <script>', t)).toBe('10.0.0.5');
  });

  it('counting hops, takes the address that many proxies away, never further', () => {
    expect(resolveClientAddress('10.0.0.5', '1.1.1.1, 198.51.100.1', trust('1'))).toBe('198.51.100.1');
    expect(resolveClientAddress('10.0.0.5', '1.1.1.1, 198.51.100.1, 10.0.0.9', trust('2'))).toBe('198.51.100.1');
    expect(resolveClientAddress('10.0.0.5', '198.51.100.1', trust('3'))).toBe('198.51.100.1');
  });
});
