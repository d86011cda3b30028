import forge from 'node-forge';
import { fromBinaryString, toBinaryString } from './bytes';
import type { DigestName } from './oids';

const CHUNK = 1 << 20;

/** Digest over several byte ranges in order (a signature's /ByteRange parts). */
export function digest(name: DigestName, parts: readonly Uint8Array[]): Uint8Array {
  const md = forge.md[name].create();
  for (const part of parts) {
    for (let i = 0; i < part.length; i += CHUNK) md.update(toBinaryString(part, i, Math.min(part.length, i + CHUNK)));
  }
  return fromBinaryString(md.digest().getBytes());
}
