import { isIP } from 'node:net';

/**
 * Which client a public request is counted for (the rate limit's bucket) behind reverse proxies.
 * X-Forwarded-For is anyone's to write; only the entries appended by proxies this server trusts
 * say who connected to them. TRUST_PROXY names those proxies: nothing (the default: the socket's
 * peer is the client, whatever the header says), their addresses (`10.0.0.5,fd00::1,10.1.0.0/16`),
 * or a number of hops (`1`: the server is reachable only through one proxy, which is then trusted
 * whoever it is).
 */
export type TrustProxy =
  | { kind: 'none' }
  | { kind: 'hops'; hops: number }
  | { kind: 'addresses'; exact: ReadonlySet<string>; ipv4Ranges: readonly { base: number; mask: number }[] };

export const TRUST_NONE: TrustProxy = { kind: 'none' };

/** ::ffff:10.0.0.5 (a dual-stack socket's IPv4 peer) is 10.0.0.5; IPv6 in lower case. */
function canonical(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

function ipv4Number(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

/** TRUST_PROXY's value: '' → none; a whole number 1–10 → hops; else a comma-separated list of addresses and IPv4 ranges; null when malformed. */
export function parseTrustProxy(text: string): TrustProxy | null {
  const value = text.trim();
  if (value === '' || value === '0') return TRUST_NONE;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10 ? { kind: 'hops', hops } : null;
  }
  const exact = new Set<string>();
  const ipv4Ranges: { base: number; mask: number }[] = [];
  for (const item of value.split(',').map((s) => s.trim())) {
    const range = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(item);
    if (range && isIP(range[1]!) === 4 && Number(range[2]) <= 32) {
      const bits = Number(range[2]);
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      ipv4Ranges.push({ base: (ipv4Number(range[1]!) & mask) >>> 0, mask });
    } else if (isIP(canonical(item)) !== 0) exact.add(canonical(item));
    else return null;
  }
  return { kind: 'addresses', exact, ipv4Ranges };
}

function trusted(address: string, trust: Extract<TrustProxy, { kind: 'addresses' }>): boolean {
  if (trust.exact.has(address)) return true;
  if (isIP(address) !== 4) return false;
  const n = ipv4Number(address);
  return trust.ipv4Ranges.some((r) => (n & r.mask) >>> 0 === r.base);
}

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then, walking
 * X-Forwarded-For from its right end (the entry the nearest proxy wrote), the first address not
 * trusted (or, counting hops, the one that many hops away). An entry that is not an address ends
 * the walk at the proxy that passed it on.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | string[] | undefined, trust: TrustProxy): string {
  let client = canonical(peer);
  if (trust.kind === 'none' || forwardedFor === undefined) return client;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (let i = chain.length - 1, hop = 1; i >= 0; i--, hop++) {
    if (trust.kind === 'hops' ? hop > trust.hops : !trusted(client, trust)) break;
    const next = canonical(chain[i]!);
    if (isIP(next) === 0) break;
    client = next;
  }
  return client;
}
