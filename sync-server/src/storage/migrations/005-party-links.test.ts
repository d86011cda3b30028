import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { partyLinks } from './005-party-links';
import { testDatabase } from './test-database';

const t = testDatabase('mig-005', (db) => initial.up(db));

const put = (collection: string, id: string, seq: number, data: Record<string, unknown>) =>
  t.db
    .prepare('INSERT INTO records VALUES (?, ?, ?, ?, 1, 0, ?)')
    .run(collection, id, 'reg-ks', seq, JSON.stringify({ id, registerId: 'reg-ks', ...data }));

describe('005 party links', () => {
  it('fills the links from the cases and documents already stored', () => {
    put('cases', 'c1', 1, { partyIds: ['p1', 'p2'] });
    put('cases', 'c2', 2, { partyIds: [] });
    put('documents', 'd1', 3, { senderPartyId: 'p1', recipientPartyId: '' });
    put('documents', 'd2', 4, { senderPartyId: '', recipientPartyId: 'p3' });
    put('parties', 'p1', 5, { name: 'Anna' });
    partyLinks.up(t.db);
    expect(t.db.prepare('SELECT party_id, collection, record_id, field FROM party_links ORDER BY party_id, record_id').all()).toEqual([
      { party_id: 'p1', collection: 'cases', record_id: 'c1', field: 'partyIds' },
      { party_id: 'p1', collection: 'documents', record_id: 'd1', field: 'senderPartyId' },
      { party_id: 'p2', collection: 'cases', record_id: 'c1', field: 'partyIds' },
      { party_id: 'p3', collection: 'documents', record_id: 'd2', field: 'recipientPartyId' },
    ]);
  });

  it('runs again without duplicating anything', () => {
    put('documents', 'd1', 1, { senderPartyId: 'p1', recipientPartyId: '' });
    partyLinks.up(t.db);
    partyLinks.up(t.db);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM party_links').get()).toEqual({ n: 1 });
  });
});
