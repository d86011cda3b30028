import { describe, expect, test } from 'vitest';
import { AuditEntry } from '../../model/audit';
import { sampleAudit } from '../../testing/samples';
import { RECORD_MIGRATIONS, collectionVersion, downgradeRecord, migrateRecord, servableTo } from '../record-migrations';
import { auditValueSeals } from './audit-2-value-seals';

describe('audit v2: hash scheme and value seals', () => {
  const { hashScheme: _s, valueSeals: _v, ...v1 } = sampleAudit();

  test('a stored v1 entry becomes scheme 1 with no seals, and valid', () => {
    expect(RECORD_MIGRATIONS.audit[1]).toBe(auditValueSeals);
    expect(collectionVersion('audit')).toBe(2);
    const up = migrateRecord('audit', 1, v1);
    expect(up).toEqual({ ...v1, hashScheme: 1, valueSeals: [] });
    expect(AuditEntry.safeParse(up).success).toBe(true);
    // From v0 too: the v1 step leaves the record as it is.
    expect(migrateRecord('audit', 0, v1)).toEqual(up);
  });

  test('older clients are still served: the inverse drops what the step adds', () => {
    expect(servableTo('audit', 1)).toBe(true);
    expect(servableTo('audit', 0)).toBe(true);
    const current = sampleAudit({ hashScheme: 2, valueSeals: [{ salt: 'a'.repeat(32), digest: 'b'.repeat(64) }] });
    expect(downgradeRecord('audit', 1, current)).toEqual(v1);
    expect(downgradeRecord('audit', 0, current)).toEqual(v1);
  });
});
