import { describe, expect, it } from 'vitest';
import { SCHEMA_MIGRATIONS } from './index';
import { firstDownloadOrder } from './016-first-download-order';
import { testDatabase } from './test-database';

const before = SCHEMA_MIGRATIONS.slice(0, SCHEMA_MIGRATIONS.indexOf(firstDownloadOrder));
const t = testDatabase('mig-016', (db) => before.forEach((m) => m.up(db)));

const plan = (sql: string) =>
  t.db
    .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all()
    .map((p) => p.detail)
    .join(' ');

describe('016 first download order', () => {
  it('adds the list walk index, which the tier query uses', () => {
    firstDownloadOrder.up(t.db);
    firstDownloadOrder.up(t.db); // idempotent, like every migration run on an older data folder
    expect(plan("SELECT record_id FROM search_records WHERE newest_key > 'k' ORDER BY newest_key, record_id LIMIT 10")).toContain(
      'search_records_walk',
    );
  });
});
