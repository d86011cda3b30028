/**
 * Reports (issue 17) against a client that lies, over raw HTTP: a report over a register the user
 * is not in, or about a decision body they do not receive, is refused with one exact code; and no
 * report of any kind carries a restricted value — not the restricted case's title quoted by an
 * agenda item of a body, not the case itself, not a shielded sender — for the register's reader or
 * for the case's own officer without a fresh second factor (pdftotext of every report, squashed,
 * and the file's bytes).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { swedishDate, type Flow } from '../../../shared/src';
import { REPORT_KINDS } from '../../../shared/src/protocol/reports';
import { sampleBody, sampleBodyMember, sampleMeeting } from '../../../shared/src/testing/meeting-samples';
import { sampleFlow, sampleFlowStep, sampleMeetingItem } from '../../../shared/src/testing/samples';
import { RawClient, startTestServer, type TestServer } from '../harness';
import { checkedReport, report } from '../reports/report-tools';
import { plant } from '../search-client';
import { ALL_SECRETS, expectNoSecret, plantSecrets, SECRETS, type Planted } from './attacks';

const KS_BODY = 'atk-body-ks';
const SN_BODY = 'atk-body-sn';

let server: TestServer;
let planted: Planted;
let work: string;
let period: { registerId: string; from: string; to: string; process: string };
const tokens: Record<'reader' | 'officer' | 'sn', string> = { reader: '', officer: '', sn: '' };

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'diarium-report-attacks-'));
  server = await startTestServer();
  planted = await plantSecrets(server);
  const today = swedishDate(Date.now());
  period = { registerId: 'reg-ks', from: `${today.slice(0, 4)}-01-01`, to: today, process: '' };
  // Flows of 1996, a year the demo register has none of: one on the restricted case, one on the open case.
  const at = '1996-05-06T08:00:00.000Z';
  // A body that decided the restricted case (its item quotes the case) and an open one; a flow on the restricted case.
  await plant(server.storage, [
    [
      'meetings',
      sampleBody([sampleBodyMember({ id: 'atk-chair', role: 'chair', name: 'Ordförande Ek' })], {
        id: KS_BODY,
        title: 'Personalutskottet',
      }),
    ],
    ['meetings', sampleMeeting({ id: 'atk-meeting', bodyId: KS_BODY, date: today, status: 'held', attendance: [] })],
    [
      'meetings',
      sampleMeetingItem({
        id: 'atk-item-secret',
        bodyId: KS_BODY,
        meetingId: 'atk-meeting',
        caseId: planted.restrictedCase.id,
        caseNumber: planted.restrictedCase.caseNumber,
        title: SECRETS.caseTitle,
        proposal: SECRETS.caseDescription,
        decision: `Beslut i ${SECRETS.caseTitle}`,
        paragraph: 1,
      }),
    ],
    [
      'meetings',
      sampleMeetingItem({
        id: 'atk-item-open',
        bodyId: KS_BODY,
        meetingId: 'atk-meeting',
        caseId: planted.openCase.id,
        caseNumber: planted.openCase.caseNumber,
        title: 'Öppet ärende',
        decision: 'Bifalls.',
        paragraph: 2,
      }),
    ],
    ['meetings', sampleBody([], { id: SN_BODY, registerId: 'reg-sn', title: 'Socialnämndens arbetsutskott' })],
    ...[planted.restrictedCase, planted.openCase].map(
      (c, i) =>
        [
          'flows',
          sampleFlow({
            id: `atk-flow-${i}`,
            registerId: 'reg-ks',
            targetCollection: 'cases',
            targetId: c.id,
            caseId: c.id,
            documentId: '',
            status: 'approved',
            startedAt: at,
            completedAt: at,
            steps: [sampleFlowStep({ status: 'approved', decidedAt: at, comment: i === 0 ? SECRETS.caseTitle : 'Godkänt' })],
          }),
        ] as [string, Flow],
    ),
  ]);
  tokens.reader = (await RawClient.token(server.url, 'lasare')).token;
  tokens.officer = (await RawClient.token(server.url, 'handlaggare')).token;
  tokens.sn = (await RawClient.token(server.url, 'sn.registrator')).token;
});

afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function refusal(token: string, kind: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const r = await report(server.url, token, kind, body);
  return { status: r.status, body: JSON.parse(r.body.toString('utf8')) as unknown };
}

describe('reports over what the user is not in', () => {
  it('refuses every kind over a register the user is not in with not_found, and serves it over their own', async () => {
    for (const kind of REPORT_KINDS) {
      expect((await report(server.url, tokens.reader, kind, period)).status, kind).toBe(200);
      expect(await refusal(tokens.reader, kind, { ...period, registerId: 'reg-sn' }), kind).toEqual({
        status: 404,
        body: { error: 'not_found' },
      });
      expect(await refusal(tokens.sn, kind, period), kind).toEqual({ status: 404, body: { error: 'not_found' } });
    }
  });

  it('refuses a body of another register, a record that is no body and an unknown body with not_found', async () => {
    expect((await report(server.url, tokens.reader, 'decision-statistics', { ...period, bodyId: KS_BODY })).status).toBe(200);
    for (const kind of ['official-statistics', 'decision-statistics'])
      for (const bodyId of [SN_BODY, 'atk-meeting', 'atk-no-such-body'])
        expect(await refusal(tokens.reader, kind, { ...period, bodyId }), `${kind} ${bodyId}`).toEqual({
          status: 404,
          body: { error: 'not_found' },
        });
  });

  it('refuses a body id that is no id with bad_request', async () => {
    expect(await refusal(tokens.reader, 'decision-statistics', { ...period, bodyId: "x' OR 1=1" })).toEqual({
      status: 400,
      body: { error: 'bad_request' },
    });
  });
});

describe('restricted values in reports', () => {
  it('never writes a restricted or shielded value into any report, for the reader or the officer without a fresh second factor', async () => {
    for (const who of ['reader', 'officer'] as const)
      for (const kind of REPORT_KINDS) {
        const body = kind === 'official-statistics' || kind === 'decision-statistics' ? { ...period, bodyId: KS_BODY } : period;
        const { file, text } = await checkedReport(server.url, work, tokens[who], kind, body);
        expectNoSecret([text, text.replace(/-\n/g, '').replace(/\s+/g, ''), readFileSync(file).toString('latin1')], ALL_SECRETS);
      }
  });

  it('lists the decision on the restricted case by its number and § with the title withheld, and counts no flow the user does not receive', async () => {
    const decisions = (await checkedReport(server.url, work, tokens.reader, 'decision-statistics', { ...period, bodyId: KS_BODY })).text;
    expect(decisions).toContain(`§ 1 ${planted.restrictedCase.caseNumber} Skyddad uppgift`);
    expect(decisions).toContain(`§ 2 ${planted.openCase.caseNumber} Öppet ärende`);
    const signing = (
      await checkedReport(server.url, work, tokens.reader, 'signing-statistics', { ...period, from: '1996-01-01', to: '1996-12-31' })
    ).text;
    // The open case's flow only: the flow on the restricted case does not reach the reader, so it is no count either.
    expect(signing).toContain('Startade 1, godkända 1, avslagna 0, avbrutna 0.');
  });
});
