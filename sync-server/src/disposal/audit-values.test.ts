import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPOSED_AUDIT_VALUE, type AuditEntry } from '../../../shared/src';
import { DISPOSED_DOCUMENT_AUDIT_KEPT } from '../../../shared/src/rules/disposal';
import { sampleAudit } from '../../../shared/src/testing/samples';
import { appendAudit } from '../audit/audit';
import { auditEntryHash } from '../audit/audit-hash';
import { AuditReanchoring } from '../audit/re-anchor';
import { verifyAuditChain } from '../audit/verify-chain';
import { silentLogger } from '../logger';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { disposeAuditValues } from './audit-values';

describe('disposeAuditValues', () => {
  let dataDir: string;
  let storage: SqliteStorage;
  let n = 0;
  const newId = () => `audit-${++n}`;
  const at = '2026-12-07T10:00:00.000Z';
  const kept = { fields: DISPOSED_DOCUMENT_AUDIT_KEPT, number: 'KS 2024-00007-1' };

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-audit-values-'));
    storage = new SqliteStorage(dataDir);
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('drops the disposed values of scheme 2 entries; without the checkpoint key a scheme 1 entry keeps them and is counted; the chain verifies', async () => {
    await storage.transaction(async (tx) => {
      // Written before audit v2: hashed over its values (the first link of the chain).
      const legacy: Omit<AuditEntry, 'hash'> = {
        ...sampleAudit({ id: 'legacy', recordId: 'doc-7', label: 'KS 2024-00007-1', position: 1 }),
        changes: [{ field: 'title', from: '', to: 'Gammal hemlig rubrik' }],
      };
      const hash = auditEntryHash(legacy)!;
      await tx.putRecord('audit', { ...legacy, hash });
      await tx.nextCounter(legacy.registerId, 'audit', 0);
      await tx.setAuditHead({ registerId: legacy.registerId, position: 1, hash });
      const record = {
        collection: 'documents' as const,
        id: 'doc-7',
        registerId: legacy.registerId,
        seq: 1,
        version: 1,
        deleted: false,
        data: {},
      };
      await appendAudit(
        tx,
        {
          actor: { id: 'u1', displayName: 'Anna Lind' },
          at,
          action: 'update',
          collection: 'documents',
          record,
          caseId: '',
          label: 'KS 2024-00007-1',
          changes: [
            { field: 'title', from: 'Gammal hemlig rubrik', to: 'Ny hemlig rubrik' },
            { field: 'status', from: 'registered_unchecked', to: 'registered' },
          ],
        },
        newId,
      );
    });
    const out = await storage.transaction((tx) =>
      disposeAuditValues(tx, new AuditReanchoring(tx, null, at, silentLogger), ['doc-7'], kept, at),
    );
    expect(out.kept).toBe(1);
    expect(out.written.map((r) => r.id)).toEqual(['audit-1']);
    const v2 = (await storage.getRecord('audit', 'audit-1'))!.data as unknown as AuditEntry;
    expect(v2.changes).toEqual([
      { field: 'title', from: DISPOSED_AUDIT_VALUE, to: DISPOSED_AUDIT_VALUE },
      { field: 'status', from: 'registered_unchecked', to: 'registered' },
    ]);
    expect(v2.label).toBe('KS 2024-00007-1');
    expect(((await storage.getRecord('audit', 'legacy'))!.data as unknown as AuditEntry).changes[0]!.to).toBe('Gammal hemlig rubrik');
    expect(await verifyAuditChain(storage)).toEqual({ ok: true, entries: 2 });
    // Done once: nothing is chosen again.
    expect(
      (await storage.transaction((tx) => disposeAuditValues(tx, new AuditReanchoring(tx, null, at, silentLogger), ['doc-7'], kept, at)))
        .written,
    ).toEqual([]);
  });
});
