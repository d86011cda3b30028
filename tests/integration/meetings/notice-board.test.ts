import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { appealPeriod, type Case } from '../../../shared/src';
import { emptyMeetingRecord, type MeetingRecord } from '../../../shared/src/model/meeting';
import { findSensitiveData } from '../../../shared/src/rules/sensitive-data';
import { MeetingWorld, REGISTER, testBody, testItem, testMeeting } from './world';

/*
 * The public notice board, fetched as anyone on the net would: no session, plain HTTP. It shows
 * the postings and nothing else of the register, escaped, and takes a notice down by itself when
 * the server's day passes its appeal period.
 */

const IDENTITY_NUMBER = '19800101-2387';
const SECRET_TITLE = 'SECRET-ITEM-TITLE-k3Jd8';
const SECRET_PROPOSAL = 'SECRET-ITEM-PROPOSAL-p0Lm2';
const SCRIPT_TITLE = '<script>alert("anslag")</script> Kungörelse & granskning';

let w: MeetingWorld;
let body: MeetingRecord;
let meetingCase: Case;
let minutesNotice: MeetingRecord;

async function board(): Promise<{ html: string; json: string; notices: Record<string, unknown>[] }> {
  const htmlRes = await fetch(`${w.server.url}/anslagstavla`);
  expect(htmlRes.status).toBe(200);
  expect(htmlRes.headers.get('content-type')).toContain('text/html');
  const jsonRes = await fetch(`${w.server.url}/anslagstavla.json`);
  expect(jsonRes.status).toBe(200);
  const json = await jsonRes.text();
  return { html: await htmlRes.text(), json, notices: (JSON.parse(json) as { notices: Record<string, unknown>[] }).notices };
}

beforeAll(async () => {
  w = await MeetingWorld.start('2027-09-01');
  const b = testBody();
  b.memberIdentities = [{ memberId: 'm3', identityNumber: IDENTITY_NUMBER }];
  body = await w.accepted('mote', 'meetings', b);
  meetingCase = await w.newCase('mote', { title: 'Kommunstyrelsens sammanträden 2027' });
  // A restricted case reported to a coming meeting: its item carries the case's secrets.
  const secretCase = await w.newCase('handlaggare', { restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
  const coming = await w.accepted('mote', 'meetings', testMeeting(body.id, '2027-10-13', meetingCase.id));
  // Reporting it needs a fresh second factor; planted straight into the storage instead.
  const item = testItem(coming, { itemKind: 'case', caseId: secretCase.id, title: SECRET_TITLE, proposal: SECRET_PROPOSAL });
  await w.server.storage.transaction(async (tx) => {
    await tx.putRecord('meetings', item);
  });
  minutesNotice = await w.posted(body.id, meetingCase.id, '2027-08-25');
  const notice: MeetingRecord = {
    ...emptyMeetingRecord('posting', { id: randomUUID(), registerId: REGISTER }),
    bodyId: body.id,
    postingKind: 'public_notice',
    title: SCRIPT_TITLE,
    text: 'Planförslaget finns i Stadshuset.\n<img src=x onerror=alert(1)>',
  };
  await w.accepted('mote', 'meetings', notice);
});

afterAll(async () => {
  await w?.stop();
});

describe('/anslagstavla, without sign-in', () => {
  it('shows the notice of adjusted minutes with body, meeting date, posting day, last day of appeal, where the minutes are kept and how to appeal', async () => {
    const { lastAppealDay } = appealPeriod('2027-09-01');
    expect(minutesNotice).toMatchObject({ postedOn: '2027-09-01', lastAppealDay, date: '2027-08-25' });
    const { html, notices } = await board();
    for (const text of [
      'Kommunstyrelsen',
      '2027-08-25',
      '2027-09-01',
      lastAppealDay,
      'Kommunkansliet, Stadshuset',
      'laglighetsprövning',
      'förvaltningsrätten',
      '13 kap. kommunallagen',
    ])
      expect(html, text).toContain(text);
    expect(notices.find((n) => n.id === minutesNotice.id)).toMatchObject({
      body: 'Kommunstyrelsen',
      meetingDate: '2027-08-25',
      postedOn: '2027-09-01',
      lastAppealDay,
      minutesKeptAt: 'Kommunkansliet, Stadshuset',
      takenDown: false,
    });
  });

  it('escapes everything a coordinator wrote', async () => {
    const { html, notices } = await board();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;anslag&quot;)&lt;/script&gt; Kungörelse &amp; granskning');
    expect(notices.map((n) => n.title)).toContain(SCRIPT_TITLE);
  });

  it('carries nothing but the postings: no planted secret, no personal identity number', async () => {
    const { html, json } = await board();
    for (const text of [html, json]) {
      for (const secret of [SECRET_TITLE, SECRET_PROPOSAL, IDENTITY_NUMBER, IDENTITY_NUMBER.replace('-', '')])
        expect(text).not.toContain(secret);
      const numbers = findSensitiveData(text).filter((m) => m.kind === 'personal-identity-number' || m.kind === 'coordination-number');
      expect(numbers).toEqual([]);
    }
  });

  it('takes the notice down by itself after the last day of appeal, shows it as taken down for a year, then no more', async () => {
    const { lastAppealDay, takeDownOn } = appealPeriod('2027-09-01');
    w.setToday(lastAppealDay);
    expect((await board()).notices.find((n) => n.id === minutesNotice.id)).toMatchObject({ takenDown: false });
    w.setToday(takeDownOn);
    const { html, notices } = await board();
    expect(notices.find((n) => n.id === minutesNotice.id)).toMatchObject({ takenDown: true });
    expect(html).toContain('Nedtagen');
    // Current ones first: the public notice (up until its own take-down day) precedes it.
    expect(notices.map((n) => n.takenDown)).toEqual([...notices.map((n) => n.takenDown)].sort());
    w.setToday(`${Number(takeDownOn.slice(0, 4)) + 1}${takeDownOn.slice(4)}`);
    w.addDays(1);
    expect((await board()).notices.find((n) => n.id === minutesNotice.id)).toBeUndefined();
  });
});
