import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { ReplicaKeyMismatchError } from './replica-key';

const sink = { report: () => undefined, isRejected: () => false };

describe('openDatabase', () => {
  it('reports a replica locked with another key (a password changed since) as such, and still opens with its own key', async () => {
    const storage = getRxStorageMemory();
    const name = `keycheck${Date.now()}`;
    const first = await openDatabase(name, storage as never, sink, 'first-secret-0123456789abcdef');
    await first.close();

    const refused = openDatabase(name, storage as never, sink, 'other-secret-0123456789abcdef');
    await expect(refused).rejects.toBeInstanceOf(ReplicaKeyMismatchError);
    await expect(refused).rejects.toMatchObject({ cause: { code: 'DB1' } });

    const again = await openDatabase(name, storage as never, sink, 'first-secret-0123456789abcdef');
    expect(Object.keys(again.collections).length).toBeGreaterThan(0);
    await again.remove();
  });
});
