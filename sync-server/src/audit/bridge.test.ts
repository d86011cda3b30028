import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseAnchorLines } from './anchor-lines';
import { anchorAccepts, bridgeLine, bridgeSignatureValid, bridgeSigningBytes, signBridge, type AuditBridgeLink } from './bridge';
import { checkpointLine, checkpointSignatureValid, signCheckpoint } from './checkpoint';

const h = (c: string) => c.repeat(64);
const AT = '2026-12-07T10:00:00.000Z';
const link: AuditBridgeLink = { registerId: 'reg-ks', position: 7, oldHash: h('a'), newHash: h('b') };

describe('audit bridges', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  it('signs its own domain-tagged canonical bytes', () => {
    expect(bridgeSigningBytes({ ...link, at: AT }).toString('utf8')).toBe(
      `{"at":"${AT}","kind":"diarium-audit-bridge/1","newHash":"${h('b')}","oldHash":"${h('a')}","position":7,"registerId":"reg-ks"}`,
    );
  });

  it('verifies with the key that signed it, and not when altered or signed by another key', () => {
    const b = signBridge(privateKey, link, AT);
    expect(bridgeSignatureValid(publicKey, b)).toBe(true);
    expect(bridgeSignatureValid(publicKey, { ...b, newHash: h('c') })).toBe(false);
    expect(bridgeSignatureValid(publicKey, { ...b, position: 8 })).toBe(false);
    expect(bridgeSignatureValid(publicKey, { ...b, signature: 'not base64 at all' })).toBe(false);
    const other = generateKeyPairSync('ed25519');
    const foreign = signBridge(other.privateKey, link, AT);
    expect(bridgeSignatureValid(publicKey, foreign)).toBe(false);
    // Claiming this key's id does not help a signature made with another key.
    expect(bridgeSignatureValid(publicKey, { ...foreign, keyId: b.keyId })).toBe(false);
  });

  it('a checkpoint signature does not stand for a bridge, nor a bridge signature for a checkpoint', () => {
    const c = signCheckpoint(privateKey, { registerId: 'reg-ks', position: 7, hash: h('b') }, AT);
    const b = signBridge(privateKey, link, AT);
    expect(bridgeSignatureValid(publicKey, { ...b, signature: c.signature })).toBe(false);
    expect(checkpointSignatureValid(publicKey, { ...c, signature: b.signature })).toBe(false);
  });

  it('is read back from a checkpoints file beside the checkpoints; a malformed bridge names its line', () => {
    const c = signCheckpoint(privateKey, { registerId: 'reg-ks', position: 7, hash: h('a') }, AT);
    const b = signBridge(privateKey, link, AT);
    const read = parseAnchorLines(`${checkpointLine(c)}${bridgeLine(b)}\n`, 'file');
    expect(read).toEqual({ checkpoints: [c], bridges: [b] });
    const bad = JSON.stringify({ ...b, newHash: 'short' });
    expect(() => parseAnchorLines(`${checkpointLine(c)}${bad}\n`, 'file')).toThrow(/^file:2: not a bridge/);
    expect(() => parseAnchorLines(JSON.stringify({ ...c, extra: 1 }), 'file')).toThrow(/^file:1: not a checkpoint/);
  });
});

describe('anchorAccepts', () => {
  it('accepts the anchored hash itself, with or without bridges', () => {
    expect(anchorAccepts(h('a'), h('a'))).toBe(true);
    expect(anchorAccepts(h('a'), h('a'), [link])).toBe(true);
  });

  it('accepts the hash a bridge at the position leads to, also over several bridges, and no other', () => {
    expect(anchorAccepts(h('a'), h('b'), [link])).toBe(true);
    const again = { ...link, oldHash: h('b'), newHash: h('c') };
    expect(anchorAccepts(h('a'), h('c'), [again, link])).toBe(true);
    expect(anchorAccepts(h('a'), h('d'), [again, link])).toBe(false);
    // A bridge does not lead backwards: a checkpoint of the new hash does not vouch for the old one.
    expect(anchorAccepts(h('b'), h('a'), [link])).toBe(false);
  });

  it('a bridge from another hash proves nothing, and a cycle of bridges ends', () => {
    expect(anchorAccepts(h('e'), h('b'), [link])).toBe(false);
    const back = { ...link, oldHash: h('b'), newHash: h('a') };
    expect(anchorAccepts(h('a'), h('f'), [link, back])).toBe(false);
  });
});
