import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case, Document } from '../../../shared/src';
import { reportPath, type ReportKind } from '../../../shared/src/protocol/reports';
import { sampleCase, sampleDocument } from '../../../shared/src/testing/samples';
import { fetchReport } from '../../../renderer/src/lib/reports/fetch-report';
import { GROUND } from '../adversarial/attacks';
import { RawClient, startTestServer, type TestServer } from '../harness';
import { plant } from '../search-client';

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
const PERIOD = { registerId: 'reg-ks', from: '1995-01-01', to: '1995-12-31', process: '' };

/** The text without line-break hyphens and white space: a secret wrapped in a narrow column is still found. */
const squashed = (text: string) => text.replace(/-\n/g, '').replace(/\s+/g, '');

let server: TestServer;
let work: string;
let reader: string;
let officer: string;

function tool(name: 'pdftotext' | 'pdffonts' | 'pdfinfo' | 'qpdf'): string {
  const file = `/usr/bin/${name}`;
  if (!existsSync(file))
    throw new Error(`${name} is required by this test but ${file} does not exist (apt-get install poppler-utils qpdf)`);
  return file;
}

function run(name: 'pdftotext' | 'pdffonts' | 'pdfinfo' | 'qpdf', args: string[]): { status: number; stdout: string } {
  const r = spawnSync(tool(name), args, { encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout };
}

async function report(token: string | null, kind: string, body: unknown): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await fetch(`${server.url}${reportPath(kind as ReportKind)}`, {
    method: 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

/** The report as a file, checked by qpdf, pdffonts and pdfinfo; returns its text (pdftotext, raw order so cells stay whole). */
async function checkedText(token: string, kind: ReportKind, body: object = PERIOD): Promise<string> {
  const r = await report(token, kind, body);
  expect(r.status).toBe(200);
  expect(r.type).toBe('application/pdf');
  const file = path.join(work, `${kind}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, r.body);
  expect(run('qpdf', ['--check', file]).status).toBe(0);
  const fonts = run('pdffonts', [file]).stdout.trimEnd().split('\n').slice(2);
  expect(fonts.length).toBeGreaterThan(0);
  for (const row of fonts) expect(row).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
  const meta = run('pdfinfo', ['-meta', file]).stdout;
  expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
  expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
  return run('pdftotext', ['-raw', file, '-']).stdout;
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
  sampleDocument({ registerId: 'reg-ks', responsibleUserId: 'usr-handlaggare', classCode: '1.4.2.1', ...o });

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
