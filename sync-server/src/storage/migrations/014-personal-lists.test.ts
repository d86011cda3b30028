import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { personalLists } from './014-personal-lists';
import { testDatabase } from './test-database';

const t = testDatabase('mig-014', (db) => initial.up(db));

describe('014 personal lists', () => {
  it('creates the tables with their keys, checks and indexes', () => {
    personalLists.up(t.db);
    personalLists.up(t.db); // idempotent, like every migration run on an older data folder
    const db = t.db;
    db.prepare(
      "INSERT INTO watches (id, user_id, target_collection, target_id, due_date, created_at, updated_at) VALUES ('w1', 'u', 'cases', 'c1', '2026-12-07', 1, 1)",
    ).run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO watches (id, user_id, target_collection, target_id, due_date, created_at, updated_at) VALUES ('w1', 'v', 'cases', 'c1', '2026-12-07', 1, 1)",
        )
        .run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO watches (id, user_id, target_collection, target_id, due_date, created_at, updated_at) VALUES ('w2', 'u', 'users', 'x', '2026-12-07', 1, 1)",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.prepare<[], { note: string; fired_due: string | null }>("SELECT note, fired_due FROM watches WHERE id = 'w1'").get()).toEqual(
      {
        note: '',
        fired_due: null,
      },
    );
    db.prepare("INSERT INTO subscriptions (user_id, case_id, created_at) VALUES ('u', 'c1', 1)").run();
    expect(() => db.prepare("INSERT INTO subscriptions (user_id, case_id, created_at) VALUES ('u', 'c1', 2)").run()).toThrow(
      /UNIQUE|PRIMARY/,
    );
    db.prepare("INSERT INTO favourites (user_id, collection, record_id, added_at) VALUES ('u', 'cases', 'c1', 1)").run();
    db.prepare("INSERT INTO favourites (user_id, collection, record_id, added_at) VALUES ('u', 'documents', 'c1', 1)").run();
    expect(() =>
      db.prepare("INSERT INTO favourites (user_id, collection, record_id, added_at) VALUES ('u', 'cases', 'c1', 2)").run(),
    ).toThrow(/UNIQUE|PRIMARY/);
    db.prepare(
      "INSERT INTO notifications (id, user_id, kind, target_collection, target_id, at) VALUES ('n1', 'u', 'watch_due', 'cases', 'c1', 5)",
    ).run();
    db.prepare("INSERT INTO applied_ops (user_id, op_id, at) VALUES ('u', 'o1', 1)").run();
    expect(() => db.prepare("INSERT INTO applied_ops (user_id, op_id, at) VALUES ('u', 'o1', 2)").run()).toThrow(/UNIQUE|PRIMARY/);
    const plan = (sql: string) =>
      db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all()
        .map((p) => p.detail)
        .join(' ');
    expect(plan("SELECT id FROM notifications WHERE user_id = 'u' ORDER BY at DESC LIMIT 200")).toContain('notifications_user_at');
    expect(plan("SELECT id FROM watches WHERE done_at IS NULL AND due_date <= '2026-12-07'")).toContain('watches_open_due');
    expect(plan("SELECT user_id FROM subscriptions WHERE case_id = 'c1'")).toContain('subscriptions_case');
    expect(plan("SELECT id FROM watches WHERE user_id = 'u'")).toContain('watches_user');
  });
});
