import type { SchemaMigration } from './migration';

/**
 * Second-factor enrolment codes issued by an administrator, devices that signed in before (the
 * lock-out of one user by another stops at them), and one-time passwords that must be changed.
 */
export const enrolmentCodesDevices: SchemaMigration = {
  description: 'enrolment_codes, devices; credentials.must_change_password',
  up(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS enrolment_codes (
        user_id TEXT PRIMARY KEY, code_hash TEXT NOT NULL, expires_at INTEGER NOT NULL, issued_by TEXT NOT NULL, issued_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS devices (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, created_at INTEGER NOT NULL);
    `);
    const columns = db
      .prepare<[], { name: string }>('PRAGMA table_info(credentials)')
      .all()
      .map((c) => c.name);
    if (!columns.includes('must_change_password'))
      db.exec('ALTER TABLE credentials ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0');
  },
};
