import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { RECORD_MIGRATIONS, type RecordMigrationTable } from '../../../../shared/src';
import { buildDocument } from '../records';
import { openDatabase } from './database';
import { readRawReplica } from './raw-replica';
import { sealRecord, viewOf } from './sealing';
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

describe('openDatabase with migration steps', () => {
  it("runs each collection's steps on the plain record; restricted content comes out sealed and encrypted again", async () => {
    const storage = getRxStorageMemory();
    const name = `migrate${Date.now()}`;
    const secret = 'migrate-secret-0123456789abcdef';
    const doc = {
      ...buildDocument(
        {
          registerId: 'reg-ks',
          caseId: '',
          direction: 'incoming',
          title: 'Anmälan',
          documentTypeId: 'dt-1',
          classCode: '1.1',
          receivedDate: '2026-11-20',
          sender: 'Anna Berg',
        },
        'usr-1',
        { nowMs: Date.parse('2026-11-20T10:00:00Z'), id: 'doc-secret' },
      ),
      restrictionKind: 'secrecy' as const,
      legalGround: 'OSL 26 kap. 1 §',
    };
    const v0 = await openDatabase(name, storage as never, sink, secret);
    await v0.documents.insert(sealRecord('documents', doc) as never);
    await v0.close();

    const seen: Record<string, unknown>[] = [];
    const migrations: RecordMigrationTable = {
      ...RECORD_MIGRATIONS,
      documents: [
        ...RECORD_MIGRATIONS.documents,
        { description: 'test: senders in capitals', up: (r) => (seen.push(r), { ...r, sender: String(r.sender).toUpperCase() }) },
      ],
    };
    const v1 = await openDatabase(name, storage as never, sink, secret, migrations);
    expect(v1.documents.schema.version).toBe(RECORD_MIGRATIONS.documents.length + 1);
    // The step saw the sender itself, not the placeholder next to the sealed part.
    expect(seen).toEqual([expect.objectContaining({ id: 'doc-secret', sender: 'Anna Berg' })]);
    expect(seen[0]).not.toHaveProperty('sealed');
    const stored = (await v1.documents.findOne('doc-secret').exec())!;
    expect(viewOf<{ sender: string; title: string }>(stored)).toMatchObject({ sender: 'ANNA BERG', title: 'Anmälan' });
    expect((stored._data as { sender: string; sealed: { sender: string } }).sealed.sender).toBe('ANNA BERG');
    expect((stored._data as { sender: string }).sender).toBe('');
    await v1.close();

    // At rest the sealed part is ciphertext, in the migrated collection's storage.
    const raw = await readRawReplica(storage as never, name);
    const rows = raw.instances.find(
      (i) => i.collectionName === 'documents' && i.schema.version === RECORD_MIGRATIONS.documents.length + 1,
    )!.rows;
    expect(JSON.stringify(rows)).not.toContain('ANNA BERG');
    expect(JSON.stringify(rows)).toContain('diariumCipher');
  });
});
