import { describe, expect, it } from 'vitest';
import { archiveDueIndexes } from './023-archive-due-indexes';
import { databaseBefore, queryPlan } from './test-database';

const t = databaseBefore('mig-023', archiveDueIndexes);

const plan = (sql: string) => queryPlan(t.db, sql);

describe('023 archive due indexes', () => {
  it('reads closed cases and registered free-standing documents of a register through their partial indexes', () => {
    archiveDueIndexes.up(t.db);
    archiveDueIndexes.up(t.db); // idempotent, like every migration run on an older data folder
    expect(
      plan(`SELECT data FROM records WHERE collection = 'cases' AND deleted = 0 AND json_extract(data, '$.status') = 'closed'
            AND register_id = 'reg-ks' AND json_extract(data, '$.closedDate') <= '2025-12-31'`),
    ).toContain('USING INDEX records_closed_cases (register_id=? AND <expr><?)');
    expect(
      plan(`SELECT data FROM records WHERE collection = 'documents' AND deleted = 0 AND json_extract(data, '$.caseId') = ''
            AND json_extract(data, '$.status') = 'registered' AND register_id = 'reg-ks' AND json_extract(data, '$.registeredDate') <= '2025-12-31'`),
    ).toContain('USING INDEX records_registered_free_documents (register_id=? AND <expr><?)');
    // Without a register (the command line's --due over every register), the index named, scanned.
    expect(
      plan(`SELECT data FROM records INDEXED BY records_closed_cases WHERE collection = 'cases' AND deleted = 0
            AND json_extract(data, '$.status') = 'closed' AND json_extract(data, '$.closedDate') <= '2025-12-31'`),
    ).toContain('USING INDEX records_closed_cases');
  });
});
