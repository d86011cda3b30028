import type { SchemaMigration } from './migration';

const COLUMNS = ['second_factor_at', 'last_active_at'] as const;

/** Second-factor freshness per session. Data folders made before numbered migrations may have them already. */
export const sessionColumns: SchemaMigration = {
  description: 'sessions: second_factor_at, last_active_at',
  up(db) {
    const existing = new Set(
      db
        .prepare<[], { name: string }>('PRAGMA table_info(sessions)')
        .all()
        .map((c) => c.name),
    );
    for (const column of COLUMNS) if (!existing.has(column)) db.exec(`ALTER TABLE sessions ADD COLUMN ${column} INTEGER`);
  },
};
