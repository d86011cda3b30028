import { describe, expect, test } from 'vitest';
import { sampleAudit } from '../../testing/samples';
import { RECORD_MIGRATIONS, downgradeRecord, migrateRecord, servableTo } from '../record-migrations';
import { auditSealedAtRest } from './audit-1-sealed-at-rest';

describe('audit v1: sealed at rest in the replica', () => {
  const entry = sampleAudit();
  test('leaves the record itself as it is, both ways, so older clients are still served', () => {
    expect(RECORD_MIGRATIONS.audit[0]).toBe(auditSealedAtRest);
    expect(auditSealedAtRest.up(entry)).toEqual(entry);
    expect(auditSealedAtRest.down!(entry)).toEqual(entry);
    // Its own step only: audit v2 (audit-2-value-seals.test.ts) comes after it.
    const onlyV1 = { ...RECORD_MIGRATIONS, audit: [auditSealedAtRest] };
    expect(migrateRecord('audit', 0, entry, onlyV1)).toEqual(entry);
    expect(servableTo('audit', 0, onlyV1)).toBe(true);
    expect(downgradeRecord('audit', 0, entry, onlyV1)).toEqual(entry);
  });
});
