import { describe, expect, it } from 'vitest';
import { sampleCase, sampleDocument } from '../../shared/src/testing/samples';
import { connectClient, eventually, startTestServer } from './harness';
import { plant } from './search-client';

/*
 * A new day moves the window's start without any record changing: the server evaluates the
 * connected users' windows now and then (here every 100 ms), so a replica that stays connected
 * over midnight loses what aged out without a reconnect. Its own file: RxDB allows only so many
 * open collections per realm.
 */
const ME = 'usr-registrator2';

describe('a new day while connected', () => {
  it('what ages out at midnight leaves a replica that stays connected', async () => {
    let shift = Date.parse('2026-12-07T22:58:00Z') - Date.now();
    const srv = await startTestServer({ now: () => Date.now() + shift, windowTickMs: 100 });
    const c = await (async () => {
      await plant(srv.storage, [
        [
          'cases',
          sampleCase({
            id: 'ws-midnight',
            registerId: 'reg-ks',
            caseNumber: '',
            serial: 0,
            status: 'closed',
            responsibleUserId: ME,
            updatedAt: '2025-12-07T12:00:00.000Z',
            partyIds: [],
          }),
        ],
        [
          'documents',
          sampleDocument({
            id: 'ws-midnight-doc',
            registerId: 'reg-ks',
            caseId: 'ws-midnight',
            status: 'registered',
            responsibleUserId: 'usr-handlaggare',
            createdBy: 'usr-handlaggare',
            updatedAt: '2020-01-01T09:00:00.000Z',
            createdAt: '2020-01-01T09:00:00.000Z',
          }),
        ],
      ]);
      return connectClient(srv, 'registrator2');
    })();
    try {
      await c.replica.awaitInitialSync();
      expect(await c.replica.db.cases.findOne('ws-midnight').exec()).not.toBeNull();
      shift += 5 * 60 * 1000;
      await eventually(async () => (await c.replica.db.cases.findOne('ws-midnight').exec()) === null, 20_000, 'aged out at midnight');
      await eventually(async () => (await c.replica.db.documents.findOne('ws-midnight-doc').exec()) === null, 20_000, 'its document too');
    } finally {
      await c.close();
      await srv.stop();
    }
  });
});
