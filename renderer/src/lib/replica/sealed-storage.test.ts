import { describe, expect, test } from 'vitest';
import { decodeValue, encodeValue, replicaKey } from './sealed-storage';

describe('sealed values at rest', () => {
  test('sealed content is AES-GCM ciphertext and comes back whole', async () => {
    const key = await replicaKey('replica-secret-1');
    const stored = await encodeValue(key, 'sealed', { title: 'Hemlig rubrik', sender: 'Anna Hemlig' });
    expect(stored.startsWith('e:')).toBe(true);
    expect(stored).not.toContain('Hemlig');
    expect(await decodeValue(key, stored)).toEqual({ title: 'Hemlig rubrik', sender: 'Anna Hemlig' });
  });
  test('replication metadata is encrypted only when it holds sealed content', async () => {
    const key = await replicaKey('replica-secret-1');
    const open = await encodeValue(key, 'docData', { id: 'c1', title: 'Öppen' });
    expect(open).toBe('p:{"id":"c1","title":"Öppen"}');
    const sealed = await encodeValue(key, 'docData', { id: 'c2', title: '', sealed: { title: 'Hemlig' } });
    expect(sealed.startsWith('e:')).toBe(true);
    expect(sealed).not.toContain('Hemlig');
    expect(await decodeValue(key, open)).toEqual({ id: 'c1', title: 'Öppen' });
  });
  test('another key cannot read it; tampered ciphertext is refused', async () => {
    const stored = await encodeValue(await replicaKey('a'), 'sealed', { x: 1 });
    await expect(decodeValue(await replicaKey('b'), stored)).rejects.toThrow();
    const flipped = stored.slice(0, -4) + (stored.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await expect(decodeValue(await replicaKey('a'), flipped)).rejects.toThrow();
    await expect(decodeValue(await replicaKey('a'), 'x:garbage')).rejects.toThrow('unknown format');
  });
});
