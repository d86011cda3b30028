import { describe, expect, it } from 'vitest';
import { initial } from './001-initial';
import { partyLinks } from './005-party-links';
import { actorRegisterAccessIndexes } from './007-actor-register-access-indexes';
import { searchIndex } from './009-search-index';
import { testDatabase } from './test-database';

const t = testDatabase('mig-009', (db) => {
  initial.up(db);
  partyLinks.up(db);
  actorRegisterAccessIndexes.up(db);
});

const put = (collection: string, id: string, seq: number, data: Record<string, unknown>, deleted = 0) =>
  t.db
    .prepare('INSERT INTO records VALUES (?, ?, ?, ?, 1, ?, ?)')
    .run(collection, id, 'reg-ks', seq, deleted, JSON.stringify({ id, registerId: 'reg-ks', ...data }));

const found = (match: string) =>
  t.db
    .prepare<[string], { collection: string; record_id: string }>(
      'SELECT r.collection, r.record_id FROM search_text JOIN search_records r ON r.rowid = search_text.rowid WHERE search_text MATCH ? ORDER BY r.record_id',
    )
    .all(match);

const kase = { caseNumber: 'KS 2026-00042', title: 'Bygglovsansökan Älvgatan', description: '', unit: '', partyIds: ['p1'] };

describe('009 search index', () => {
  it('indexes the stored cases and documents with the names they show, and nothing else', () => {
    put('parties', 'p1', 1, { name: 'Karin Svensson' });
    put('users', 'u1', 2, { displayName: 'Åsa Öberg', username: 'asa' });
    put('classes', 'k1', 3, { code: '3.1', title: 'Bygglovsprocessen' });
    put('doctypes', 't1', 4, { name: 'Ansökan' });
    put('cases', 'c1', 5, { ...kase, status: 'registered', responsibleUserId: 'u1', classCode: '3.1', registeredDate: '2026-02-10' });
    put('documents', 'd1', 6, {
      documentNumber: 'KS 2026-00042-1',
      title: 'Ritningar',
      sender: '',
      senderPartyId: 'p1',
      recipient: '',
      recipientPartyId: '',
      documentTypeId: 't1',
      classCode: '3.1',
      status: 'registered',
      direction: 'incoming',
      receivedDate: '2026-02-11',
    });
    put('documents', 'gone', 7, { documentNumber: '', title: 'Borttagen' }, 1);
    searchIndex.up(t.db);
    expect(found('title : "bygglov"*')).toEqual([{ collection: 'cases', record_id: 'c1' }]);
    expect(found('"älvgatan"')).toEqual([{ collection: 'cases', record_id: 'c1' }]);
    expect(found('sender : "karin svensson"')).toEqual([{ collection: 'documents', record_id: 'd1' }]);
    expect(found('other : "karin"')).toEqual([{ collection: 'cases', record_id: 'c1' }]);
    expect(found('officer : "öberg"')).toEqual([{ collection: 'cases', record_id: 'c1' }]);
    expect(found('process : "bygglovsprocessen"')).toHaveLength(2);
    expect(found('document_type : "ansökan"')).toEqual([{ collection: 'documents', record_id: 'd1' }]);
    expect(found('"alvgatan"')).toEqual([]);
    expect(found('"borttagen"')).toEqual([]);
    expect(
      t.db
        .prepare(
          'SELECT record_id, number_prefix, number_year, number_serial, number_doc_serial, status, direction, received_date FROM search_records ORDER BY record_id',
        )
        .all(),
    ).toEqual([
      {
        record_id: 'c1',
        number_prefix: 'KS',
        number_year: 2026,
        number_serial: 42,
        number_doc_serial: 0,
        status: 'registered',
        direction: '',
        received_date: '',
      },
      {
        record_id: 'd1',
        number_prefix: 'KS',
        number_year: 2026,
        number_serial: 42,
        number_doc_serial: 1,
        status: 'registered',
        direction: 'incoming',
        received_date: '2026-02-11',
      },
    ]);
  });

  it('keeps å, ä and ö distinct and folds case', () => {
    put('cases', 'c1', 1, { ...kase, title: 'ÖRE öre ore', partyIds: [] });
    searchIndex.up(t.db);
    expect(found('"öre"')).toHaveLength(1);
    expect(found('"ore"')).toHaveLength(1);
    expect(found('"öre" AND "ore"')).toHaveLength(1);
    put('cases', 'c2', 2, { ...kase, title: 'ore', partyIds: [] });
    searchIndex.up(t.db);
    expect(found('"öre"')).toEqual([{ collection: 'cases', record_id: 'c1' }]);
  });

  it('numbers the index oldest first, as records registered later will follow', () => {
    put('cases', 'new', 1, { ...kase, partyIds: [], newestKey: '0000000000100' });
    put('cases', 'old', 2, { ...kase, partyIds: [], newestKey: '0000000000900' });
    put('documents', 'mid', 3, { title: 'x', newestKey: '0000000000500' });
    searchIndex.up(t.db);
    expect(t.db.prepare('SELECT record_id FROM search_records ORDER BY rowid').all()).toEqual([
      { record_id: 'old' },
      { record_id: 'mid' },
      { record_id: 'new' },
    ]);
  });

  it('runs again without duplicating anything', () => {
    put('cases', 'c1', 1, { ...kase, status: 'registered', partyIds: [] });
    searchIndex.up(t.db);
    searchIndex.up(t.db);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM search_records').get()).toEqual({ n: 1 });
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM search_text').get()).toEqual({ n: 1 });
  });
});
