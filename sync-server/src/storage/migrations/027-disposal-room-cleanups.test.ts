import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { disposalRoomCleanups } from './027-disposal-room-cleanups';
import { testDatabase } from './test-database';

const t = testDatabase('mig-027', (db) => initial.up(db));

describe('027 disposal room clean-ups', () => {
  it('creates the table, idempotently, with its checks', () => {
    disposalRoomCleanups.up(t.db);
    disposalRoomCleanups.up(t.db);
    const insert = t.db.prepare(
      `INSERT INTO disposal_room_cleanups (decision_id, collection, record_id, action, quotes_json, replacement) VALUES ('g1', ?, 'm1', ?, '["Bygglov för plank"]', 'Gallrad')`,
    );
    insert.run('meetings', 'quotes');
    insert.run('cases', 'forget');
    expect(() => insert.run('users', 'forget')).toThrow(/CHECK/);
    expect(() => insert.run('meetings', 'drop')).toThrow(/CHECK/);
    const rows = t.db.prepare('SELECT id, collection, action FROM disposal_room_cleanups ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, collection: 'meetings', action: 'quotes' },
      { id: 2, collection: 'cases', action: 'forget' },
    ]);
  });
});
