import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { AuditCheckpoint, AuditHead } from '../storage/storage';
import { canonicalJson } from './audit-hash';

/** One line of a checkpoints file (JSON lines), as the server writes it. */
export const AuditCheckpointLine = z.strictObject({
  registerId: z.string().min(1).max(64),
  position: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  signature: z.string().max(200),
});

/** What is signed: a domain tag (so the signature means nothing elsewhere) and the head at a time. */
function signingBytes(c: Omit<AuditCheckpoint, 'keyId' | 'signature'>): Buffer {
  return Buffer.from(
    canonicalJson({ kind: 'diarium-audit-checkpoint/1', registerId: c.registerId, position: c.position, hash: c.hash, at: c.at }),
    'utf8',
  );
}

export function publicKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 32);
}

export function signCheckpoint(privateKey: KeyObject, head: AuditHead, at: string): AuditCheckpoint {
  const body = { registerId: head.registerId, position: head.position, hash: head.hash, at };
  return {
    ...body,
    keyId: publicKeyId(createPublicKey(privateKey)),
    signature: sign(null, signingBytes(body), privateKey).toString('base64'),
  };
}

export function checkpointSignatureValid(publicKey: KeyObject, c: AuditCheckpoint): boolean {
  if (c.keyId !== publicKeyId(publicKey)) return false;
  try {
    return verify(null, signingBytes(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

export function checkpointLine(c: AuditCheckpoint): string {
  return `${JSON.stringify({ registerId: c.registerId, position: c.position, hash: c.hash, at: c.at, keyId: c.keyId, signature: c.signature })}\n`;
}
