import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { AuditBridge } from '../storage/storage';
import { canonicalJson } from './audit-hash';
import { publicKeyId } from './checkpoint';

export const AUDIT_BRIDGE_KIND = 'diarium-audit-bridge/1';

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** A bridge as one line of the checkpoints file, told apart from a checkpoint by its `kind`. */
export const AuditBridgeLine = z.strictObject({
  kind: z.literal(AUDIT_BRIDGE_KIND),
  registerId: z.string().min(1).max(64),
  position: z.number().int().min(1),
  oldHash: Sha256Hex,
  newHash: Sha256Hex,
  at: z.iso.datetime(),
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  signature: z.string().max(200),
});

/** One position's hashes before and after a re-anchoring. */
export type AuditBridgeLink = Pick<AuditBridge, 'registerId' | 'position' | 'oldHash' | 'newHash'>;

/** What is signed: its own domain tag, so neither a checkpoint's signature nor a bridge's stands for the other. */
export function bridgeSigningBytes(b: AuditBridgeLink & { at: string }): Buffer {
  return Buffer.from(
    canonicalJson({
      kind: AUDIT_BRIDGE_KIND,
      registerId: b.registerId,
      position: b.position,
      oldHash: b.oldHash,
      newHash: b.newHash,
      at: b.at,
    }),
    'utf8',
  );
}

export function signBridge(privateKey: KeyObject, link: AuditBridgeLink, at: string): AuditBridge {
  const body = { registerId: link.registerId, position: link.position, oldHash: link.oldHash, newHash: link.newHash, at };
  return {
    kind: AUDIT_BRIDGE_KIND,
    ...body,
    keyId: publicKeyId(createPublicKey(privateKey)),
    signature: sign(null, bridgeSigningBytes(body), privateKey).toString('base64'),
  };
}

export function bridgeSignatureValid(publicKey: KeyObject, b: AuditBridge): boolean {
  if (b.keyId !== publicKeyId(publicKey)) return false;
  try {
    return verify(null, bridgeSigningBytes(b), publicKey, Buffer.from(b.signature, 'base64'));
  } catch {
    return false;
  }
}

export function bridgeLine(b: AuditBridge): string {
  const { kind, registerId, position, oldHash, newHash, at, keyId, signature } = b;
  return `${JSON.stringify({ kind, registerId, position, oldHash, newHash, at, keyId, signature })}\n`;
}

/** Bridges by register and position, for `anchorAccepts` (signatures already checked). */
export type BridgeIndex = ReadonlyMap<string, ReadonlyMap<number, readonly AuditBridgeLink[]>>;

export function indexBridges(bridges: readonly AuditBridgeLink[]): BridgeIndex {
  const out = new Map<string, Map<number, AuditBridgeLink[]>>();
  for (const b of bridges) {
    const byPosition = out.get(b.registerId) ?? new Map<number, AuditBridgeLink[]>();
    byPosition.set(b.position, [...(byPosition.get(b.position) ?? []), b]);
    out.set(b.registerId, byPosition);
  }
  return out;
}

/**
 * Whether a signed checkpoint's hash `anchored` stands for `chainHash` at its position: the same
 * hash, or one the position's bridges lead to from it (followed one after another, should a
 * register ever be re-anchored twice). A bridge from another hash, position or register proves nothing.
 */
export function anchorAccepts(anchored: string, chainHash: string, atPosition: readonly AuditBridgeLink[] = []): boolean {
  const reached = new Set([anchored]);
  let frontier = [anchored];
  while (frontier.length > 0) {
    if (frontier.includes(chainHash)) return true;
    const next: string[] = [];
    for (const b of atPosition)
      if (frontier.includes(b.oldHash) && !reached.has(b.newHash)) {
        reached.add(b.newHash);
        next.push(b.newHash);
      }
    frontier = next;
  }
  return false;
}
