import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import type { User } from '../../../../shared/src';
import { buildDocument } from '../records';
import { MemoryBlobCache } from './blob-cache';
import { openDatabase, type DiariumDatabase } from './database';
import { Notices } from './notices';
import { UploadQueue } from './upload-queue';
import type { UploadSender } from './upload-sender';

const sink = { report: () => undefined, isRejected: () => false };
const session = { serverUrl: 'http://127.0.0.1:1', token: 't', user: { id: 'usr-registrator' } as User, expiresAt: '2099-01-01T00:00:00Z' };

let db: DiariumDatabase | null = null;
afterEach(async () => {
  await db?.remove();
  db = null;
});

/** A numbered document in a fresh in-memory replica: its files may be sent at once. */
async function replicaWithNumberedDocument(): Promise<DiariumDatabase> {
  db = await openDatabase(`uploads${Date.now()}`, getRxStorageMemory() as never, sink, 'upload-secret-0123456789abcdef');
  const doc = buildDocument(
    {
      registerId: 'reg-ks',
      caseId: '',
      direction: 'incoming',
      title: 'Skrivelse',
      documentTypeId: 'dt-1',
      classCode: '1.1',
      receivedDate: '2026-12-01',
    },
    'usr-registrator',
    { nowMs: Date.parse('2026-12-01T10:00:00Z'), id: 'doc-1' },
  );
  await db.documents.insert({ ...doc, documentNumber: 'KS 2026-00001-1' } as never);
  return db;
}

describe('UploadQueue', () => {
  it('sends a file queued while a round is sending in a following round, without any further change', async () => {
    const replica = await replicaWithNumberedDocument();
    // The network: the first upload's answer waits until the test lets it through.
    const sent: string[] = [];
    let answerFirst!: () => void;
    const firstAnswered = new Promise<void>((resolve) => (answerFirst = resolve));
    let sending!: () => void;
    const firstSending = new Promise<void>((resolve) => (sending = resolve));
    const send: UploadSender = async (url) => {
      const name = new URL(url).searchParams.get('name')!;
      sent.push(name);
      if (sent.length === 1) {
        sending();
        await firstAnswered;
      }
      return { status: 201, body: { id: `file-${name}`, sha256: `sha-${name}` } };
    };
    let ids = 0;
    const queue = await UploadQueue.load({
      session,
      db: replica,
      blobCache: new MemoryBlobCache(),
      send,
      notices: new Notices(() => 0),
      isOnline: () => true,
      onCount: () => undefined,
      now: () => 0,
      newId: () => `upload-${++ids}`,
    });

    const firstRound = queue.add('doc-1', new Blob(['first']), 'brev.pdf');
    await firstSending;
    // Queued while the first round is out: that round read the queue before this file was in it.
    await queue.add('doc-1', new Blob(['second']), 'bilaga.pdf');
    expect(queue.uploads.value.find((u) => u.name === 'bilaga.pdf')?.state).toBe('queued');
    answerFirst();
    await firstRound;

    expect(sent).toEqual(['brev.pdf', 'bilaga.pdf']);
    expect(queue.uploads.value.map((u) => [u.name, u.state, u.fileId])).toEqual([
      ['brev.pdf', 'uploaded', 'file-brev.pdf'],
      ['bilaga.pdf', 'uploaded', 'file-bilaga.pdf'],
    ]);
  });
});
