import { describe, expect, test } from 'vitest';
import { sampleAudit } from '../../testing/samples';
import { RECORD_MIGRATIONS, collectionVersion, downgradeRecord, migrateRecord, servableTo } from '../record-migrations';
import { auditSealedAtRest } from './audit-1-sealed-at-rest';

describe('audit v1: sealed at rest in the replica', () => {
  const entry = sampleAudit();
  test('leaves the record itself as it is, both ways, so older clients are still served', () => {
    expect(RECORD_MIGRATIONS.audit[0]).toBe(auditSealedAtRest);
    expect(collectionVersion('audit')).toBe(1);
    expect(migrateRecord('audit', 0, entry)).toEqual(entry);
    expect(servableTo('audit', 0)).toBe(true);
    expect(downgradeRecord('audit', 0, entry)).toEqual(entry);
  });
});
