import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GUARD_FIELDS, projectRecord } from '../../../shared/src';
import { sampleCase, sampleDocument, sampleParty } from '../../../shared/src/testing/samples';
import { importRecords } from '../demo/seed';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { ContextLoader } from './access-context';

let dataDir: string;
let storage: SqliteStorage;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-context-'));
  storage = new SqliteStorage(dataDir);
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ContextLoader', () => {
  it('reads the many records naming a party in slices, letting other messages run between them, and keeps every link', async () => {
    const party = sampleParty({ id: 'p-many', registerId: 'reg-ks' });
    await importRecords(storage, [
      { collection: 'parties', records: [party] },
      {
        collection: 'documents',
        records: Array.from({ length: 1200 }, (_, i) =>
          sampleDocument({ id: `d-${String(i).padStart(4, '0')}`, registerId: 'reg-ks', caseId: '', senderPartyId: party.id }),
        ),
      },
    ]);
    const [record] = await storage.getRecords('parties', [party.id]);
    // Another socket's message waiting meanwhile: it runs before the contexts are done only if the load yields.
    let otherRan = false;
    setImmediate(() => (otherRan = true));
    const [ctx] = await new ContextLoader(storage).contexts([record!]);
    expect(otherRan).toBe(true);
    expect(ctx!.partyLinks).toHaveLength(1200);
    expect(new Set(ctx!.partyLinks!.map((l) => (l.record as unknown as { id: string }).id)).size).toBe(1200);
  });

  it('reads a surrounding case as its guard alone, and a restricted case still withholds its document', async () => {
    const secret = sampleCase({
      id: 'c-secret',
      registerId: 'reg-ks',
      title: 'Sekretessbelagt ärende',
      restrictionKind: 'secrecy',
      legalGround: 'OSL 26 kap. 1 §',
      responsibleUserId: 'usr-other',
    });
    const doc = sampleDocument({ id: 'd-in-secret', registerId: 'reg-ks', caseId: secret.id, title: 'Handling i sekretessärendet' });
    await importRecords(storage, [
      { collection: 'cases', records: [secret] },
      { collection: 'documents', records: [doc] },
    ]);
    const [record] = await storage.getRecords('documents', [doc.id]);
    const [ctx] = await new ContextLoader(storage).contexts([record!]);
    expect(Object.keys(ctx!.parentCase!).sort()).toEqual(['id', ...GUARD_FIELDS].sort());
    const reader = { id: 'usr-reader', roles: ['reader' as const], registerIds: ['reg-ks'], groupIds: [], active: true };
    const seen = projectRecord(reader, 'documents', record!.data as typeof doc, ctx!) as typeof doc & { withheld?: string[] };
    expect(seen.title).toBe('');
    expect(seen.withheld).toContain('title');
  });
});
