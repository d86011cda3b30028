import { describe, expect, it } from 'vitest';
import { firstDownloadOrder } from './016-first-download-order';
import { databaseBefore, queryPlan } from './test-database';

const t = databaseBefore('mig-016', firstDownloadOrder);

const plan = (sql: string) => queryPlan(t.db, sql);

describe('016 first download order', () => {
  it('adds the list walk index, which the tier query uses', () => {
    firstDownloadOrder.up(t.db);
    firstDownloadOrder.up(t.db); // idempotent, like every migration run on an older data folder
    expect(plan("SELECT record_id FROM search_records WHERE newest_key > 'k' ORDER BY newest_key, record_id LIMIT 10")).toContain(
      'search_records_walk',
    );
  });
});
