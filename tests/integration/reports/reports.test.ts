import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, Document, Flow } from '../../../shared/src';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import type { ReportKind } from '../../../shared/src/protocol/reports';
import { sampleAttendance as at, sampleBody, sampleBodyMember as member, sampleMeeting } from '../../../shared/src/testing/meeting-samples';
import {
  sampleCase,
  sampleDocument,
  sampleDocumentType,
  sampleFlow,
  sampleFlowStep,
  sampleMeetingItem,
} from '../../../shared/src/testing/samples';
import { fetchReport } from '../../../renderer/src/lib/reports/fetch-report';
import { GROUND } from '../adversarial/attacks';
import { RawClient, startTestServer, type TestServer } from '../harness';
import { plant } from '../search-client';
import { checkedReport, report as reportOf, run, squashed } from './report-tools';

/*
 * The reports on a real server, read by tools nobody here wrote (verification.md): pdftotext has
 * the text in Swedish, pdffonts finds every font embedded, pdfinfo -meta the PDF/A-2
 * identification, qpdf --check a sound file. Each report holds only what the user's pulls would:
 * a restricted case's title and a shielded sender appear as "Skyddad uppgift", another
 * register's cases not at all.
 */
const SECRET_TITLE = 'zqrapporthemligrubrik';
const SECRET_SENDER = 'zqrapporthemligavsandare';
const OTHER_REGISTER_TITLE = 'zqrapportandraregistret';
const SECRET_ITEM_TITLE = 'zqrapporthemligtparagraf';
const BODY = 'rp-body';
const PERIOD = { registerId: 'reg-ks', from: '1995-01-01', to: '1995-12-31', process: '' };

let server: TestServer;
let work: string;
let reader: string;
let officer: string;

function report(token: string | null, kind: string, body: unknown) {
  return reportOf(server.url, token, kind, body);
}

async function checkedText(token: string, kind: ReportKind, body: object = PERIOD): Promise<string> {
  return (await checkedReport(server.url, work, token, kind, body)).text;
}

const kase = (o: Partial<Case>) =>
  sampleCase({
    registerId: 'reg-ks',
    year: 1995,
    responsibleUserId: 'usr-handlaggare',
    partyIds: [],
    status: 'registered',
    closedDate: '',
    ...o,
  });
const doc = (o: Partial<Document>) =>
  sampleDocument({ registerId: 'reg-ks', responsibleUserId: 'usr-handlaggare', classCode: '1.4.2.1', documentTypeId: 'rp-dt', ...o });

/** A body of three, two meetings in 1995 (one with a substitute serving), and their decided items: one reports the restricted case. */
const meetingRecords = () => [
  sampleBody(
    [
      member({ id: 'rp-chair', name: 'Åsa Ölund', party: 'S', role: 'chair' }),
      member({ id: 'rp-member', name: 'Bertil Ek', party: 'M' }),
      member({ id: 'rp-sub', name: 'Cecilia Öst', party: 'M', role: 'substitute', substituteOrder: 1 }),
    ],
    { id: BODY, title: 'Miljönämnden' },
  ),
  sampleMeeting({
    id: 'rp-m1',
    bodyId: BODY,
    title: 'Miljönämndens sammanträde 14 februari',
    date: '1995-02-14',
    status: 'closed',
    attendance: [at('rp-chair'), at('rp-member', { present: false }), at('rp-sub', { servingForMemberId: 'rp-member' })],
  }),
  sampleMeeting({
    id: 'rp-m2',
    bodyId: BODY,
    title: 'Miljönämndens sammanträde 14 mars',
    date: '1995-03-14',
    status: 'held',
    attendance: [at('rp-chair'), at('rp-member')],
  }),
  sampleMeetingItem({
    id: 'rp-i1',
    bodyId: BODY,
    meetingId: 'rp-m1',
    caseId: 'rp-2',
    caseNumber: 'KS 1995-00002',
    title: 'Motion om äldreomsorg',
    paragraph: 1,
    decision: 'Motionen bifalls. Kommunstyrelsen ger kommundirektören i uppdrag att genomföra den.',
  }),
  sampleMeetingItem({
    id: 'rp-i2',
    bodyId: BODY,
    meetingId: 'rp-m1',
    caseId: 'rp-3',
    caseNumber: 'KS 1995-00010',
    title: `Personalärende ${SECRET_ITEM_TITLE}`,
    proposal: SECRET_ITEM_TITLE,
    paragraph: 2,
    // Withheld from the reader: its assignment is not counted (it cannot be read).
    decision: `Nämnden uppdrar åt förvaltningen ${SECRET_ITEM_TITLE}`,
  }),
  sampleMeetingItem({
    id: 'rp-i3',
    bodyId: BODY,
    meetingId: 'rp-m2',
    caseId: '',
    caseNumber: '',
    itemKind: 'adjuster_election',
    title: 'Val av justerare',
    paragraph: 1,
    decision: 'Bertil Ek valdes.',
    votes: [{ memberId: 'rp-chair', vote: 'yes' }],
  }),
];

const signStep = (id: string, decidedAt: string) =>
  sampleFlowStep({ id, approverId: 'usr-handlaggare', requiresSignature: true, status: 'approved', decidedAt });

/** Approval flows of 1995: approved with a 6-hour signature, rejected, and one on the restricted case the reader does not receive. */
const flowRecords = () => [
  sampleFlow({
    id: 'rp-f1',
    registerId: 'reg-ks',
    targetCollection: 'documents',
    targetId: 'rp-d1',
    caseId: 'rp-1',
    documentId: 'rp-d1',
    mode: 'ordered',
    status: 'approved',
    startedAt: '1995-01-15T08:00:00.000Z',
    completedAt: '1995-01-16T09:00:00.000Z',
    steps: [signStep('s1', '1995-01-15T14:00:00.000Z')],
  }),
  sampleFlow({
    id: 'rp-f2',
    registerId: 'reg-ks',
    targetCollection: 'cases',
    targetId: 'rp-1',
    caseId: 'rp-1',
    documentId: '',
    status: 'rejected',
    startedAt: '1995-02-01T08:00:00.000Z',
    completedAt: '1995-02-03T08:00:00.000Z',
  }),
  sampleFlow({
    id: 'rp-f3',
    registerId: 'reg-ks',
    targetCollection: 'cases',
    targetId: 'rp-3',
    caseId: 'rp-3',
    documentId: '',
    status: 'cancelled',
    startedAt: '1995-02-01T08:00:00.000Z',
    completedAt: '1995-02-02T08:00:00.000Z',
  }),
];

/** 200 cases registered in 1994, so the register list runs over several pages. */
const manyCases = () =>
  Array.from({ length: 200 }, (_, i) =>
    kase({
      id: `rp-many-${i}`,
      caseNumber: `KS 1994-${String(i + 1).padStart(5, '0')}`,
      year: 1994,
      serial: i + 1,
      title: `Ärende nummer ${i + 1} om föreningsbidrag`,
      classCode: '1.4.2.1',
      registeredDate: '1994-06-01',
    }),
  );

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'diarium-reports-'));
  server = await startTestServer();
  await plant(server.storage, [
    [
      'cases',
      kase({
        id: 'rp-1',
        caseNumber: 'KS 1995-00001',
        serial: 1,
        title: 'Klagomål på snöröjningen i Åkersberga',
        classCode: '1.4.2.1',
        registeredDate: '1995-01-10',
        status: 'closed',
        closedDate: '1995-02-09',
      }),
    ],
    [
      'cases',
      kase({
        id: 'rp-2',
        caseNumber: 'KS 1995-00002',
        serial: 2,
        title: 'Motion om äldreomsorg',
        classCode: '1.1.3.2',
        registeredDate: '1995-03-03',
      }),
    ],
    [
      'cases',
      kase({
        id: 'rp-3',
        caseNumber: 'KS 1995-00010',
        serial: 10,
        title: `Personalärende ${SECRET_TITLE}`,
        classCode: '2.3.6.1',
        registeredDate: '1995-03-03',
        restrictionKind: 'secrecy',
        legalGround: GROUND,
      }),
    ],
    [
      'cases',
      sampleCase({
        id: 'rp-sn',
        registerId: 'reg-sn',
        caseNumber: 'SN 1995-00001',
        year: 1995,
        serial: 1,
        title: OTHER_REGISTER_TITLE,
        classCode: '1.4.2.1',
        registeredDate: '1995-01-10',
        partyIds: [],
      }),
    ],
    [
      'documents',
      doc({
        id: 'rp-d1',
        caseId: 'rp-1',
        documentNumber: 'KS 1995-00001-1',
        serial: 1,
        title: 'Synpunkt från Örjan',
        sender: 'Örjan Åkesson',
        registeredDate: '1995-01-10',
        receivedDate: '1995-01-09',
      }),
    ],
    [
      'documents',
      doc({
        id: 'rp-d2',
        caseId: 'rp-1',
        documentNumber: 'KS 1995-00001-2',
        serial: 2,
        title: 'Anmälan om halka',
        sender: SECRET_SENDER,
        shields: [{ field: 'sender', kind: 'privacy', legalGround: GROUND }],
        registeredDate: '1995-01-12',
        receivedDate: '1995-01-12',
      }),
    ],
    ['doctypes', sampleDocumentType({ id: 'rp-dt', registerId: 'reg-ks', name: 'Yttrande (rapporttest)' })],
    ...meetingRecords().map((r) => ['meetings', r] as [string, MeetingRecord]),
    ...flowRecords().map((r) => ['flows', r] as [string, Flow]),
    ...manyCases().map((r) => ['cases', r] as [string, Case]),
  ]);
  reader = (await RawClient.token(server.url, 'lasare')).token;
  officer = (await RawClient.token(server.url, 'handlaggare')).token;
});

afterAll(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('register list of cases', () => {
  it('lists the period’s cases in Swedish, a restricted title as withheld, no other register', async () => {
    const text = await checkedText(reader, 'case-register');
    expect(text).toContain('Diarieförteckning – ärenden');
    expect(text).toContain('Period: 1 januari 1995 – 31 december 1995');
    expect(text).toContain('Skapad');
    expect(text).toContain('Olle Ström');
    expect(text).toContain('Klagomål på snöröjningen i Åkersberga');
    expect(text).toContain('Motion om äldreomsorg');
    expect(text).toContain('KS 1995-00010 Skyddad uppgift 1995-03-03');
    expect(text).toContain('Antal ärenden: 3');
    expect(squashed(text)).not.toContain(SECRET_TITLE);
    expect(squashed(text)).not.toContain(OTHER_REGISTER_TITLE);
    // By date, then number.
    expect(text.indexOf('KS 1995-00001')).toBeLessThan(text.indexOf('KS 1995-00002'));
    expect(text.indexOf('KS 1995-00002')).toBeLessThan(text.indexOf('KS 1995-00010'));
  });

  it('narrows to a process and everything under it', async () => {
    const text = await checkedText(reader, 'case-register', { ...PERIOD, process: '1.4' });
    expect(text).toContain('Process: 1.4');
    expect(text).toContain('KS 1995-00001');
    expect(text).not.toContain('KS 1995-00002');
    expect(text).toContain('Antal ärenden: 1');
  });
});

describe('register list of documents', () => {
  it('lists documents with their counterpart, a shielded sender as withheld', async () => {
    const text = await checkedText(reader, 'document-register');
    expect(text).toContain('Diarieförteckning – handlingar');
    expect(text).toContain('Synpunkt från Örjan');
    expect(text).toContain('Örjan Åkesson');
    expect(text).toContain('Anmälan om halka 1995-01-12 Inkommen Skyddad uppgift');
    expect(squashed(text)).not.toContain(SECRET_SENDER);
    expect(text).toContain('Antal handlingar: 2');
  });
});

describe('case statistics', () => {
  it('counts registered and closed per process and month, with the time to close', async () => {
    const text = await checkedText(officer, 'case-statistics');
    expect(text).toContain('Ärendestatistik');
    expect(text).toContain('1.4.2.1 Synpunkter och klagomål');
    expect(text).toContain('1.1.3.2 Motioner');
    expect(text).toContain('januari 1995 1 0');
    expect(text).toContain('februari 1995 0 1');
    expect(text).toContain('Tid till avslut: median 30 dagar, medelvärde 30 dagar.');
    expect(text).toContain('Alla processer 3 1');
    // Processes in order: 1.1.3.2 before 1.4.2.1 before 2.3.6.1.
    expect(text.indexOf('1.1.3.2 Motioner')).toBeLessThan(text.indexOf('1.4.2.1 Synpunkter'));
    expect(text.indexOf('1.4.2.1 Synpunkter')).toBeLessThan(text.indexOf('2.3.6.1'));
    expect(squashed(text)).not.toContain(OTHER_REGISTER_TITLE);
  });
});

describe('repeated table headers', () => {
  it('writes the header row again at the top of page 2 of a 200-row register list', async () => {
    const { file } = await checkedReport(server.url, work, reader, 'case-register', { ...PERIOD, from: '1994-01-01', to: '1994-12-31' });
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]).stdout)?.[1]);
    expect(pages).toBeGreaterThan(2);
    for (let page = 2; page <= pages; page++) {
      const text = run('pdftotext', ['-raw', '-f', String(page), '-l', String(page), file, '-']).stdout;
      // The header is the page's first line; rows follow it.
      expect(text.split('\n')[0]).toBe('Diarienummer Ärendemening Registrerat Process Status');
      expect(text).toMatch(/KS 1994-\d{5} Ärende nummer/);
    }
  });
});

describe('elected officials', () => {
  it('lists a body’s members with roles and attendance, and each meeting held in the period', async () => {
    const text = await checkedText(reader, 'official-statistics', { ...PERIOD, bodyId: BODY });
    expect(text).toContain('Förtroendevalda – ledamöter och närvaro');
    expect(text).toContain('Organ: Miljönämnden');
    expect(text).toContain('Sammanträden under perioden: 2');
    // Name, party, role, meetings, present, served for another.
    expect(text).toContain('Åsa Ölund S Ordförande 2 2 0');
    expect(text).toContain('Bertil Ek M Ledamot 2 1 0');
    expect(text).toContain('Cecilia Öst M Ersättare 2 1 1');
    // Date, meeting, present, members, serving substitutes.
    expect(text).toContain('1995-02-14 Miljönämndens sammanträde 14 februari 2 2 1');
    expect(text).toContain('1995-03-14 Miljönämndens sammanträde 14 mars 2 2 0');
    expect(text).not.toContain('Process:');
  });
});

describe('decisions per body', () => {
  it('counts meetings and decisions per month and process, lists decisions, a restricted case’s title withheld', async () => {
    const { text } = await checkedReport(server.url, work, reader, 'decision-statistics', { ...PERIOD, bodyId: BODY });
    expect(text).toContain('Beslut per organ');
    expect(text).toContain('Sammanträden 2, beslutade ärenden 3, varav efter omröstning 1 och med uppdrag 1.');
    expect(text).toContain('februari 1995 1 2 0 1');
    expect(text).toContain('mars 1995 1 1 1 0');
    expect(text).toContain('1.1.3.2 Motioner 1');
    expect(text).toContain('2.3.6.1');
    expect(text).toMatch(/1995-02-14 § 1 KS 1995-00002 Motion om äldreomsorg .* Ja/);
    expect(text).toContain('1995-02-14 § 2 KS 1995-00010 Skyddad uppgift');
    expect(text).toContain('1995-03-14 § 1 Val av justerare');
    expect(squashed(text)).not.toContain(SECRET_ITEM_TITLE);
    expect(squashed(text)).not.toContain(SECRET_TITLE);
  });
});

describe('e-signing', () => {
  it('counts flows per month and document type over the flows the user receives, with the time to sign', async () => {
    const text = await checkedText(reader, 'signing-statistics');
    expect(text).toContain('E-underskrifter – godkännandeflöden');
    // rp-f3 is on the restricted case: the reader does not receive it, so it counts nowhere.
    expect(text).toContain('Startade 2, godkända 1, avslagna 1, avbrutna 0.');
    expect(text).toContain('januari 1995 1 1 0 0');
    expect(text).toContain('februari 1995 1 0 1 0');
    expect(text).toContain('Yttrande (rapporttest) 1 1 0 0 1 6 timmar');
    expect(text).toContain('Ärende (hela ärendet) 1 0 1 0 0 –');
  });
});

describe('refusals', () => {
  it('wants a session, a known kind, a register of the user’s, a sound period', async () => {
    expect((await report(null, 'case-register', PERIOD)).status).toBe(401);
    const codes = async (kind: string, body: unknown) => {
      const r = await report(reader, kind, body);
      return { status: r.status, body: JSON.parse(r.body.toString('utf8')) as unknown };
    };
    expect(await codes('no-such-report', PERIOD)).toEqual({ status: 404, body: { error: 'not_found' } });
    expect(await codes('case-register', { ...PERIOD, registerId: 'reg-sn' })).toEqual({ status: 404, body: { error: 'not_found' } });
    expect(await codes('case-register', { ...PERIOD, from: '1995-12-31', to: '1995-01-01' })).toEqual({
      status: 400,
      body: { error: 'bad_range' },
    });
    expect(await codes('case-register', { ...PERIOD, to: '2026-01-01' })).toEqual({ status: 400, body: { error: 'bad_range' } });
    expect(await codes('case-register', { ...PERIOD, from: '1995-02-30' })).toEqual({ status: 400, body: { error: 'bad_request' } });
    expect(await codes('case-register', { ...PERIOD, process: '1.4; drop' })).toEqual({ status: 400, body: { error: 'bad_request' } });
    expect(await codes('case-register', { ...PERIOD, extra: true })).toEqual({ status: 400, body: { error: 'bad_request' } });
  });
});

describe('the client of #/rapporter', () => {
  it('gets the PDF with its file name, and the refusals as codes the view shows in Swedish', async () => {
    const session = { serverUrl: server.url, token: reader };
    const made = await fetchReport(session, 'case-statistics', PERIOD);
    if (!made.ok) throw new Error(`report refused: ${made.reason}`);
    expect(made.fileName).toBe('arendestatistik-1995-01-01-1995-12-31.pdf');
    expect(Buffer.from(made.pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(await fetchReport(session, 'case-register', { ...PERIOD, from: '1996-01-01' })).toEqual({ ok: false, reason: 'bad_range' });
    expect(await fetchReport(session, 'case-register', { ...PERIOD, registerId: 'reg-sn' })).toEqual({ ok: false, reason: 'not_found' });
    // Port 9 (discard) has no listener here: the connection is refused, as offline.
    expect(await fetchReport({ ...session, serverUrl: 'http://127.0.0.1:9' }, 'case-register', PERIOD)).toEqual({
      ok: false,
      reason: 'unreachable',
    });
  });
});
