import { describe, expect, test } from 'vitest';
import { decodeValue, encodeValue, isEncoded, needsSealing, replicaKey } from './sealed-storage';

describe('sealed values at rest', () => {
  test('sealed content is AES-GCM ciphertext and comes back whole', async () => {
    const key = await replicaKey('replica-secret-1');
    const stored = await encodeValue(key, { title: 'Hemlig rubrik', sender: 'Anna Hemlig' });
    expect(isEncoded(stored)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('Hemlig');
    expect(await decodeValue(key, stored)).toEqual({ title: 'Hemlig rubrik', sender: 'Anna Hemlig' });
  });
  test('only values holding sealed content are encrypted (replication metadata of open records passes through)', () => {
    expect(needsSealing('sealed', { title: 'x' })).toBe(true);
    expect(needsSealing('docData', { id: 'c1', title: 'Öppen' })).toBe(false);
    expect(needsSealing('docData', { id: 'c2', title: '', sealed: { title: 'Hemlig' } })).toBe(true);
    expect(isEncoded({ id: 'c1' })).toBe(false);
  });
  test('another key cannot read it; tampered ciphertext is refused', async () => {
    const stored = await encodeValue(await replicaKey('a'), { x: 1 });
    await expect(decodeValue(await replicaKey('b'), stored)).rejects.toThrow();
    const text = Object.values(stored)[0]!;
    const flipped = { diariumCipher: text.slice(0, -4) + (text.endsWith('AAAA') ? 'BBBB' : 'AAAA') };
    await expect(decodeValue(await replicaKey('a'), flipped)).rejects.toThrow();
    await expect(decodeValue(await replicaKey('a'), { diariumCipher: 'x:garbage' })).rejects.toThrow('unknown format');
  });
});
