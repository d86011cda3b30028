import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderAgenda, type Case } from '../../../shared/src';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import { openRoom, type CollabRoom } from '../../../renderer/src/lib/collab';
import { SwitchableNetwork, eventually } from '../harness';
import { RemoteClient } from '../remote-client';
import { MeetingWorld, SEATS, allPresent, testBody, testItem, testMeeting } from './world';

/*
 * Two meeting coordinators prepare the same agenda and notice on their own devices with the
 * network cut, then come back online: every edit of both arrives (records through their real
 * replicas, texts through the meeting's and the items' Yjs rooms), and holding the meeting gives
 * each item its own § number in agenda order.
 */

let w: MeetingWorld;
let meeting: MeetingRecord;
let opening: MeetingRecord;
let election: MeetingRecord;
let meetingCase: Case;
let budget: Case;
let bikes: Case;
const clients: RemoteClient[] = [];
const rooms: CollabRoom[] = [];

beforeAll(async () => {
  w = await MeetingWorld.start('2027-03-01');
  const body = await w.accepted('mote', 'meetings', testBody());
  meetingCase = await w.newCase('mote', { title: 'Kommunstyrelsens sammanträden 2027' });
  budget = await w.newCase('mote', { title: 'Budget 2028' });
  bikes = await w.newCase('mote', { title: 'Motion om fler cykelbanor' });
  meeting = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-03-10', meetingCase.id));
  opening = await w.accepted('mote', 'meetings', testItem(meeting, { itemKind: 'opening', title: 'Öppnande', ordinal: 1 }));
  election = await w.accepted('mote', 'meetings', testItem(meeting, { ordinal: 2 }));
});

afterAll(async () => {
  for (const r of rooms) await r.destroy();
  await Promise.all(clients.map((c) => c.close()));
  await w?.stop();
});

async function coordinator(username: string): Promise<RemoteClient> {
  const c = await RemoteClient.start(w.server.url, username);
  clients.push(c);
  await c.awaitInitialSync();
  await c.waitFor('meetings', election.id, 'id');
  return c;
}

function room(c: RemoteClient, net: SwitchableNetwork, id: string): CollabRoom {
  const r = openRoom({ serverUrl: w.server.url, token: c.session.token, user: c.user }, { collection: 'meetings', id }, net);
  rooms.push(r);
  return r;
}

async function synced(r: CollabRoom): Promise<void> {
  await eventually(() => {
    let ok = false;
    r.status.subscribe((s) => (ok = s.synced && s.state === 'online' && !s.readOnly))();
    return ok;
  }, 20_000);
}

const storedItems = async () =>
  (await w.server.storage.listWhere('meetings', 'meetingId', meeting.id))
    .filter((r) => !r.deleted && r.data.kind === 'item')
    .map((r) => r.data as unknown as MeetingRecord);

describe('two coordinators prepare one meeting offline', () => {
  it('keeps every edit of both, records and texts, and gives unique § numbers in agenda order when held', async () => {
    const karin = await coordinator('mote');
    const lena = await coordinator('mote2');
    const karinNet = new SwitchableNetwork();
    const lenaNet = new SwitchableNetwork();
    const karinNotice = room(karin, karinNet, meeting.id);
    const lenaNotice = room(lena, lenaNet, meeting.id);
    const karinProposal = room(karin, karinNet, opening.id);
    const lenaProposal = room(lena, lenaNet, opening.id);
    await Promise.all([karinNotice, lenaNotice, karinProposal, lenaProposal].map(synced));
    karinNotice.text('notice').insert(0, 'Kallelse till sammanträde.');
    await eventually(() => lenaNotice.text('notice').toString() === 'Kallelse till sammanträde.');

    await Promise.all([karin.netDown(), lena.netDown()]);
    karinNet.down();
    lenaNet.down();

    // Karin: reports the budget after the election, moves the meeting to another room, renames the opening.
    const karinsItem = testItem(meeting, { itemKind: 'case', caseId: budget.id, title: 'Budget 2028', ordinal: 3 });
    await karin.insert('meetings', karinsItem);
    await karin.patch('meetings', meeting.id, { place: 'Stora salen' });
    await karin.patch('meetings', opening.id, { title: 'Mötets öppnande' });
    karinNotice.text('notice').insert(0, 'Välkomna! ');
    karinProposal.text('proposal').insert(0, 'Ordföranden öppnar mötet.');
    // Lena, at the same time: reports the motion at the same place, moves the meeting to the afternoon
    // and the election to the top of the agenda.
    const lenasItem = testItem(meeting, { itemKind: 'case', caseId: bikes.id, title: 'Motion om fler cykelbanor', ordinal: 3 });
    await lena.insert('meetings', lenasItem);
    await lena.patch('meetings', meeting.id, { startTime: '13:00' });
    await lena.patch('meetings', election.id, { ordinal: 0.5 });
    lenaNotice.text('notice').insert(lenaNotice.text('notice').length, ' Kaffe serveras.');
    lenaProposal.text('proposal').insert(0, 'Upprop. ');

    // Nothing reached the server while offline.
    expect(await storedItems()).toHaveLength(2);

    await Promise.all([karin.netUp(), lena.netUp()]);
    karinNet.restore();
    lenaNet.restore();

    await eventually(async () => (await storedItems()).length === 4, 30_000, 'both reported cases on the server');
    await eventually(
      async () => {
        const m = await w.stored(meeting.id);
        return m?.place === 'Stora salen' && m.startTime === '13:00';
      },
      30_000,
      "both coordinators' changes of the meeting on the server",
    );
    const items = await storedItems();
    expect(items.find((i) => i.id === opening.id)!.title).toBe('Mötets öppnande');
    expect(items.find((i) => i.id === election.id)!.ordinal).toBe(0.5);
    expect(items.find((i) => i.id === karinsItem.id)!.caseNumber).toBe(budget.caseNumber);
    expect(items.find((i) => i.id === lenasItem.id)!.caseNumber).toBe(bikes.caseNumber);

    // Both replicas end with the same agenda and the same meeting.
    for (const c of [karin, lena]) {
      await eventually(async () => (await c.find<MeetingRecord>('meetings', { meetingId: meeting.id, kind: 'item' })).length === 4, 30_000);
      await eventually(async () => (await c.findOne<MeetingRecord>('meetings', meeting.id))?.startTime === '13:00', 30_000);
      expect((await c.findOne<MeetingRecord>('meetings', meeting.id))!.place).toBe('Stora salen');
    }
    expect(await karin.conflicts()).toEqual([]);
    expect(await lena.conflicts()).toEqual([]);

    // The texts merged: both rooms hold both coordinators' words.
    await eventually(
      () =>
        karinNotice.text('notice').toString() === lenaNotice.text('notice').toString() &&
        karinProposal.text('proposal').toString() === lenaProposal.text('proposal').toString(),
      30_000,
      'the rooms converge',
    );
    expect(karinNotice.text('notice').toString()).toBe('Välkomna! Kallelse till sammanträde. Kaffe serveras.');
    expect(karinProposal.text('proposal').toString()).toContain('Ordföranden öppnar mötet.');
    expect(karinProposal.text('proposal').toString()).toContain('Upprop. ');

    // Held: § numbers 1…4, one per item, in the agenda order both devices show.
    const notice = await w.newDocument('mote', meetingCase.id, { title: 'Kallelse 2027-03-10' });
    await w.acceptedUpdate('mote', meeting.id, { status: 'notice_sent', noticeDocumentId: notice.id });
    await w.acceptedUpdate('mote', meeting.id, { status: 'held', attendance: allPresent(SEATS) });
    const numbered = orderAgenda(await storedItems());
    expect(numbered.map((i) => i.paragraph)).toEqual([1, 2, 3, 4]);
    expect(numbered[0]!.id).toBe(election.id);
    expect(numbered[1]!.id).toBe(opening.id);
    expect(new Set(numbered.slice(2).map((i) => i.id))).toEqual(new Set([karinsItem.id, lenasItem.id]));
  });
});
