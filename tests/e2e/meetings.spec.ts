/**
 * Meeting administration end to end, as the meeting coordinator (Karin Sjö, `mote`):
 * 1. with the browser offline: create a meeting, report two cases to it from the cases, reorder the
 *    agenda by keyboard, write the notice text and a proposal, and make the notice PDF; online
 *    again, the notice is registered in the meeting's case with its file (pdftotext checks it) and
 *    is sent;
 * 2. the meeting is held with a substitute serving for an absent member and one vote; one § is
 *    adjusted at once (its own minutes part, signed, its extract registered); the minutes are made,
 *    adjusted by the chair's and the adjuster's signatures (two users, the development test key),
 *    the other extract is registered, and the minutes are posted (also on /anslagstavla) and closed;
 * 3. members imported from a CSV with a preview; an agenda reordered by mouse; an item withdrawn.
 * The body, its members (two of them with user accounts: the chair and the adjuster) and the two
 * cases are planted over the raw protocol. On a server of its own: a meeting planned today with its
 * notice sent is the coming meeting every "Anmäl till sammanträde" form preselects, and another
 * spec's meetings would be preselected here.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { swedishDate, type Case, type Document, type FileRecord } from '../../shared/src';
import { emptyMeetingRecord, type BodyMember, type MeetingRecord } from '../../shared/src/model/meeting';
import { appealPeriod } from '../../shared/src/rules/meetings';
import { newCase, newIncoming } from '../integration/fixtures';
import { pdftotext } from '../integration/redaction/masked-copy-checks';
import { expect, login, ownServer, signInSynced, test, type TestServer } from './fixtures';
import { eventually, RawRegister } from './raw-register';
import { SyncLine } from './sync-line';

test.use(ownServer(import.meta.url));

const stamp = Date.now().toString(36);
const BODY = `Tekniska nämnden ${stamp}`;
const CASE_A = `Motion om laddstolpar ${stamp}`;
const CASE_B = `Budget för gatuunderhåll ${stamp}`;
const NOTICE_TEXT = 'Ledamöterna kallas till sammanträde i Stadshuset, sal Linnéa.';
const PROPOSAL_A = 'Tekniska nämnden föreslås bifalla motionen om laddstolpar.';
const PROPOSAL_B = 'Nämnden fastställer budgeten för gatuunderhåll 2027.';
/** The motion's proposal as rewritten in its room while offline; the notice prints this one. */
const PROPOSAL_A_EDITED = 'Tekniska nämnden föreslås bifalla motionen om laddstolpar vid alla skolor.';
const TODAY = swedishDate(Date.now());

const member = (id: string, name: string, party: string, role: BodyMember['role'], userId = '', substituteOrder = 0): BodyMember => ({
  id,
  name,
  party,
  role,
  from: '2026-01-01',
  to: '',
  substituteOrder,
  userId,
});
// Three seats (quorum: two). The chair and the adjuster sign in Diarium; Bo Lund is absent and
// his party's first substitute serves for him.
const MEMBERS = [
  member('mem-chair', 'Anna Lind', 'S', 'chair', 'usr-registrator'),
  member('mem-adjuster', 'Erik Berg', 'M', 'member', 'usr-handlaggare'),
  member('mem-absent', 'Bo Lund', 'C', 'member'),
  member('mem-sub', 'Cecilia Ros', 'C', 'substitute', '', 1),
];

const shared = { meetingId: '', caseA: null as Case | null, caseB: null as Case | null };

async function signedIn(browser: Browser, server: TestServer, username: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: server.url })).newPage();
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('/');
  await login(page, username);
  await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Ansluten');
  return page;
}

async function open(page: Page, hash: string): Promise<void> {
  // Offline, the app cannot be loaded again: navigate inside it.
  await page.evaluate((h) => (location.hash = h), hash);
}

async function pdfText(raw: RawRegister, documentId: string, dir: string): Promise<string> {
  const file = await eventually(`a file of ${documentId}`, async () =>
    (await raw.pullAll<FileRecord>('files')).find((f) => f.documentId === documentId),
  );
  const target = path.join(dir, `${documentId}.pdf`);
  writeFileSync(target, await raw.download(file.id));
  return pdftotext(target);
}

/** The chair signs first, then the adjuster (development test key, web mode), each in a session of their own. */
async function signByChairAndAdjuster(browser: Browser, server: TestServer, documentId: string): Promise<void> {
  for (const [username, after] of [
    ['registrator', /Pågår · 1 av 2 steg godkända/],
    ['handlaggare', /^Godkänt ·/],
  ] as const) {
    const signer = await signedIn(browser, server, username);
    await signer.goto(`/#/handling/${documentId}`);
    const flow = signer.getByRole('region', { name: 'Godkännandeflöde' });
    await flow.getByRole('button', { name: 'Signera och godkänn' }).click();
    await expect(flow.locator('p').filter({ hasText: after })).toBeVisible({ timeout: 20_000 });
    await signer.context().close();
  }
}

test.describe.serial('meeting administration', () => {
  test('prepare a meeting offline: agenda from two reported cases, notice PDF registered and sent once online', async ({
    browser,
    server,
  }) => {
    test.setTimeout(180_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'meetings-e2e-'));
    const coordinator = await RawRegister.as(server.url, 'mote');
    const registrar = await RawRegister.as(server.url, 'registrator');
    try {
      const body: MeetingRecord = {
        ...emptyMeetingRecord('body', { id: `body-${stamp}`, registerId: 'reg-ks' }),
        title: BODY,
        bodyType: 'committee',
        terms: [{ id: `term-${stamp}`, from: '2026-01-01', to: '2030-12-31' }],
        members: MEMBERS,
      };
      await coordinator.register(['meetings', body]);
      const p = await registrar.openProcess();
      const caseA = newCase(registrar.user.id, p, CASE_A);
      const caseB = newCase(registrar.user.id, p, CASE_B);
      const docA: Document = newIncoming(registrar.user.id, p, caseA.id, 'Motion från Miljöpartiet');
      await registrar.register(['cases', caseA], ['cases', caseB], ['documents', docA]);

      const context = await browser.newContext({ baseURL: server.url });
      const line = await SyncLine.route(context);
      const page = await context.newPage();
      await page.setViewportSize({ width: 1400, height: 1000 });
      const status = await signInSynced(page, 'mote');
      const numbered = await registrar.pullAll<Case>('cases');
      shared.caseA = numbered.find((c) => c.id === caseA.id)!;
      shared.caseB = numbered.find((c) => c.id === caseB.id)!;

      // The app shell, fonts included, is kept by the service worker once it is installed.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await line.cut({ offline: true });
      await expect(status).toContainText('Frånkopplad');

      // A new meeting, offline: in the body's case for the year, with the standard items.
      await page.getByRole('link', { name: 'Sammanträden', exact: true }).click();
      await page.getByRole('button', { name: 'Nytt sammanträde' }).click();
      const form = page.getByRole('form', { name: 'Nytt sammanträde' });
      await form.getByLabel('Organ').selectOption({ label: BODY });
      await form.getByLabel('Datum').fill(TODAY);
      await form.getByLabel('Starttid').fill('13:00');
      await form.getByLabel('Plats').fill('Stadshuset, sal Linnéa');
      await form.getByRole('button', { name: 'Skapa sammanträde' }).click();
      await expect(page.getByRole('heading', { level: 1, name: `${BODY} ${TODAY}` })).toBeVisible();
      shared.meetingId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);

      // Both cases reported from the case view, with a proposal; the first with its document.
      for (const [kase, proposal, attach] of [
        [caseA, PROPOSAL_A, true],
        [caseB, PROPOSAL_B, false],
      ] as const) {
        await open(page, `#/arende/${kase.id}`);
        // This case's view, not the previous case's still on screen (its button is there too).
        await expect(page.getByRole('heading', { level: 1 })).toContainText(kase.title);
        await page.getByRole('button', { name: 'Anmäl till sammanträde' }).click();
        const report = page.getByRole('form', { name: 'Anmäl till sammanträde' });
        // Choose ours: the demo's coming meeting of Kommunstyrelsen is planned too.
        await report.getByLabel('Sammanträde').selectOption(shared.meetingId);
        await expect(report.getByLabel('Sammanträde')).toHaveValue(shared.meetingId);
        await report.getByLabel('Förslag till beslut').fill(proposal);
        if (attach) await report.getByRole('checkbox', { name: /Motion från Miljöpartiet/ }).check();
        await report.getByRole('button', { name: 'Anmäl' }).click();
        // This case's own list of meetings shows it (the message alone may be the previous case's).
        await expect(
          page.getByRole('region', { name: 'Sammanträden' }).getByRole('link', { name: `${BODY} ${TODAY}`, exact: true }),
        ).toBeVisible();
      }

      // The agenda: standard items around the cases; the budget moved before the motion by keyboard.
      await open(page, `#/sammantrade/${shared.meetingId}`);
      const agenda = page.getByRole('list', { name: 'Föredragningslista' });
      await expect(agenda.getByRole('listitem')).toHaveText([
        /^1\s+Sammanträdets öppnande/,
        /^2\s+Val av justerare/,
        /^3\s+Godkännande av föredragningslistan/,
        new RegExp(`^4\\s+.*${CASE_A}`),
        new RegExp(`^5\\s+.*${CASE_B}`),
        /^6\s+Anmälningsärenden/,
        /^7\s+Anmälan av delegationsbeslut/,
      ]);
      await agenda.getByRole('listitem').nth(4).getByRole('button', { name: 'Förslag' }).focus();
      await page.keyboard.press('Alt+ArrowUp');
      await expect(agenda.getByRole('listitem').nth(3)).toContainText(CASE_B);
      await expect(agenda.getByRole('listitem').nth(4)).toContainText(CASE_A);

      // The motion's proposal rewritten in its room, offline.
      await agenda.getByRole('listitem').nth(4).getByRole('button', { name: 'Förslag' }).click();
      const proposalField = page.getByRole('textbox', { name: `Förslag till beslut: ${CASE_A}` });
      await expect(proposalField).toHaveAttribute('placeholder', PROPOSAL_A);
      await proposalField.fill(PROPOSAL_A_EDITED);

      // The notice text, written offline in the meeting's room.
      await page.getByRole('textbox', { name: 'Kallelsens text' }).fill(NOTICE_TEXT);
      await page.getByRole('button', { name: 'Skapa kallelse' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Kallelsen är sparad på den här datorn' })).toBeVisible({ timeout: 30_000 });
      await expect(page.getByRole('status', { name: 'Ändringar som väntar' })).toContainText('väntar');

      // Online again: everything arrives; the notice gets its number in the meeting's case.
      await line.restore();
      await expect(status).toContainText('Ansluten', { timeout: 30_000 });
      const noticePanel = page.getByRole('region', { name: 'Kallelse', exact: true });
      await expect(noticePanel.getByRole('link', { name: /^KS \d{4}-\d{5}-\d+$/ })).toBeVisible({ timeout: 30_000 });

      const meeting = await eventually('the meeting on the server', async () =>
        (await coordinator.pullAll<MeetingRecord>('meetings')).find((m) => m.id === shared.meetingId && m.noticeDocumentId),
      );
      const text = await pdfText(coordinator, meeting.noticeDocumentId, dir);
      for (const expected of [
        'Kallelse',
        BODY,
        NOTICE_TEXT,
        CASE_A,
        CASE_B,
        PROPOSAL_A_EDITED,
        PROPOSAL_B,
        shared.caseA.caseNumber,
        shared.caseB.caseNumber,
        'Motion från Miljöpartiet',
      ])
        expect(text.replace(/\s+/g, ' ')).toContain(expected);
      // The budget comes before the motion, as reordered.
      expect(text.indexOf(CASE_B)).toBeLessThan(text.indexOf(CASE_A));
      const notice = (await coordinator.pullAll<Document>('documents')).find((d) => d.id === meeting.noticeDocumentId)!;
      expect(notice).toMatchObject({ caseId: meeting.caseId, direction: 'outgoing', title: `Kallelse ${BODY} ${TODAY}` });

      // Sent: the server records to whom (all four) and when.
      await noticePanel.getByRole('button', { name: 'Skicka kallelse' }).click();
      await expect(page.getByLabel('Status', { exact: true })).toHaveText('Kallelse skickad');
      await expect(noticePanel).toContainText('Kallelsen skickades till 4 ledamöter och ersättare', { timeout: 15_000 });
      await context.close();
    } finally {
      coordinator.close();
      registrar.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('hold the meeting with a substitute serving and a vote; § 4 adjusted at once; minutes signed by chair and adjuster; extracts in both cases; posted', async ({
    browser,
    server,
  }) => {
    test.setTimeout(240_000);
    expect(shared.meetingId, 'the meeting prepared by the first test').not.toBe('');
    const dir = mkdtempSync(path.join(tmpdir(), 'meetings-e2e-'));
    const coordinator = await RawRegister.as(server.url, 'mote');
    try {
      const page = await signedIn(browser, server, 'mote');
      await page.goto(`/#/sammantrade/${shared.meetingId}`);
      await page.getByRole('tab', { name: 'Sammanträdet' }).click();
      await page.getByRole('button', { name: 'Starta sammanträdet' }).click();
      await expect(page.getByLabel('Status', { exact: true })).toHaveText('Genomfört');

      // Nobody is marked present yet: no quorum, so no decision (the reason is shown).
      await page
        .getByRole('region', { name: `§ 4 ${CASE_B}` })
        .getByLabel('Beslut § 4')
        .fill('För tidigt.');
      await page
        .getByRole('region', { name: `§ 4 ${CASE_B}` })
        .getByRole('button', { name: 'Spara beslut' })
        .click();
      await expect(page.getByRole('alert')).toHaveText(
        'Beslut kan inte fattas: nämnden är inte beslutför vid punkten (0 av 3 ledamöter tjänstgör, minst 2 behövs).',
      );

      // Attendance: Bo Lund is absent; his party's substitute is proposed to serve for him.
      for (const name of ['Anna Lind', 'Erik Berg', 'Cecilia Ros']) {
        await page.getByRole('checkbox', { name: `${name} närvarande` }).check();
        await expect(page.getByRole('checkbox', { name: `${name} närvarande` })).toBeChecked();
      }
      await page.getByRole('button', { name: 'Föreslå tjänstgörande ersättare' }).click();
      await expect(page.getByLabel('Cecilia Ros tjänstgör för')).toHaveValue('mem-absent');

      // § numbers were fixed when the meeting started: the budget is § 4, the motion § 5.
      const budget = page.getByRole('region', { name: `§ 4 ${CASE_B}` });
      const motion = page.getByRole('region', { name: `§ 5 ${CASE_A}` });
      await expect(motion.getByLabel('Beslutförhet')).toHaveText('Beslutför: 3 av 3 ledamöter tjänstgör');
      await budget.getByLabel('Beslut § 4').fill('Nämnden fastställer budgeten enligt förslaget.');
      await budget.getByRole('button', { name: 'Spara beslut' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Beslutet i § 4 är sparat.' })).toBeVisible();
      await budget.getByRole('checkbox', { name: 'Omedelbar justering' }).check();

      // One vote on the motion: two yes (one of them the serving substitute), one no.
      await motion.getByRole('button', { name: 'Votering' }).click();
      for (const [name, vote] of [
        ['Anna Lind', 'Ja'],
        ['Erik Berg', 'Nej'],
        ['Cecilia Ros', 'Ja'],
      ] as const)
        await motion
          .getByRole('radiogroup', { name: `Röst från ${name}` })
          .getByRole('radio', { name: vote })
          .check();
      await expect(motion.getByRole('status', { name: 'Voteringens resultat' })).toContainText(
        '2 ja, 1 nej, 0 avstår. Förslaget är bifallet.',
      );
      await motion.getByRole('button', { name: 'Spara votering' }).click();
      await expect(motion).toContainText('2 ja, 1 nej, 0 avstår. Förslaget är bifallet.');
      await motion.getByLabel('Beslut § 5').fill('Nämnden bifaller motionen.');
      await motion.getByRole('button', { name: 'Spara beslut' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Beslutet i § 5 är sparat.' })).toBeVisible();

      // The minutes: the adjuster, where they are kept, made and registered, sent for adjustment.
      await page.getByRole('tab', { name: 'Protokoll' }).click();
      await page.getByLabel('Justerare 1').selectOption({ label: 'Erik Berg (M)' });
      await page.getByLabel('Protokollet förvaras').fill('Kommunkansliet, Stadshuset');
      await page.getByRole('button', { name: 'Spara justerare' }).click();

      // § 4 is adjusted at once: its own minutes part, signed, and its extract in its case.
      const immediate = page.getByRole('region', { name: 'Omedelbart justerade paragrafer' });
      await immediate.getByRole('button', { name: 'Skapa protokoll för omedelbar justering' }).click();
      await expect(immediate.getByRole('link', { name: /^KS \d{4}-\d{5}-\d+$/ })).toBeVisible({ timeout: 30_000 });
      await immediate.getByRole('button', { name: 'Skicka för justering' }).click();
      const immediateDoc = await eventually('the immediate part on the server', async () =>
        (await coordinator.pullAll<Document>('documents')).find((d) => d.title === `Protokoll ${BODY} ${TODAY} (omedelbar justering)`),
      );
      const immediateText = (await pdfText(coordinator, immediateDoc.id, dir)).replace(/\s+/g, ' ');
      expect(immediateText).toContain('Nämnden fastställer budgeten enligt förslaget.');
      expect(immediateText).not.toContain('Nämnden bifaller motionen.');
      await eventually('the flow of the immediate part', async () =>
        (await coordinator.pullAll<{ targetId: string }>('flows')).find((f) => f.targetId === immediateDoc.id),
      );
      await signByChairAndAdjuster(browser, server, immediateDoc.id);
      await immediate.getByRole('button', { name: 'Omedelbart justerat' }).click({ timeout: 30_000 });
      await expect(immediate.getByRole('status')).toContainText(`Justerades omedelbart ${TODAY}`, { timeout: 30_000 });
      await immediate
        .getByRole('button', { name: 'Skapa protokollsutdrag för de omedelbart justerade paragraferna' })
        .click({ timeout: 30_000 });
      await expect(page.getByRole('status').filter({ hasText: '1 protokollsutdrag registrerade i ärendena.' })).toBeVisible({
        timeout: 30_000,
      });

      // The ordinary minutes hold the rest.
      await page.getByRole('button', { name: 'Skapa protokoll', exact: true }).click();
      const minutesPanel = page.getByRole('region', { name: 'Protokoll', exact: true });
      await expect(minutesPanel.getByRole('link', { name: /^KS \d{4}-\d{5}-\d+$/ })).toBeVisible({ timeout: 30_000 });
      await minutesPanel.getByRole('button', { name: 'Skicka för justering' }).click();
      // Two flows on the page now: the immediate part's, approved, and the minutes', running.
      await expect(page.getByRole('region', { name: 'Godkännandeflöde' }).filter({ hasText: 'Pågår' })).toBeVisible({ timeout: 15_000 });
      const meeting = await eventually('the minutes on the server', async () =>
        (await coordinator.pullAll<MeetingRecord>('meetings')).find((m) => m.id === shared.meetingId && m.minutesDocumentId),
      );
      const minutesText = (await pdfText(coordinator, meeting.minutesDocumentId, dir)).replace(/\s+/g, ' ');
      for (const expected of [
        'Protokoll',
        BODY,
        'Cecilia Ros',
        'Bo Lund',
        'Nämnden bifaller motionen.',
        'Erik Berg',
        'Kommunkansliet, Stadshuset',
      ])
        expect(minutesText).toContain(expected);
      expect(minutesText).not.toContain('Nämnden fastställer budgeten enligt förslaget.');

      await signByChairAndAdjuster(browser, server, meeting.minutesDocumentId);

      // Adjusted: the remaining extract goes to its case, then the minutes are posted.
      await minutesPanel.getByRole('button', { name: 'Justerat' }).click({ timeout: 30_000 });
      await expect(page.getByLabel('Status', { exact: true })).toHaveText('Protokoll justerat', { timeout: 15_000 });
      await minutesPanel.getByRole('button', { name: 'Skapa protokollsutdrag' }).click();
      await expect(page.getByRole('status').filter({ hasText: '1 protokollsutdrag registrerade i ärendena.' })).toBeVisible({
        timeout: 30_000,
      });
      const extracts = await eventually('both extracts on the server', async () => {
        const docs = (await coordinator.pullAll<Document>('documents')).filter(
          (d) => d.title.startsWith('Protokollsutdrag') && d.documentNumber,
        );
        const inA = docs.find((d) => d.caseId === shared.caseA!.id);
        const inB = docs.find((d) => d.caseId === shared.caseB!.id);
        return inA && inB ? { inA, inB } : null;
      });
      expect(extracts.inA.title).toBe(`Protokollsutdrag § 5 ${BODY} ${TODAY}`);
      expect((await pdfText(coordinator, extracts.inA.id, dir)).replace(/\s+/g, ' ')).toContain('Nämnden bifaller motionen.');
      expect((await pdfText(coordinator, extracts.inB.id, dir)).replace(/\s+/g, ' ')).toContain(
        'Nämnden fastställer budgeten enligt förslaget.',
      );

      await minutesPanel.getByRole('button', { name: 'Anslå' }).click();
      await expect(page.getByLabel('Status', { exact: true })).toHaveText('Anslaget', { timeout: 15_000 });
      const { lastAppealDay } = appealPeriod(TODAY);
      await expect(page.getByRole('region', { name: 'Anslag' })).toContainText(lastAppealDay, { timeout: 15_000 });
      await minutesPanel.getByRole('button', { name: 'Avsluta sammanträdet' }).click();
      await expect(page.getByLabel('Status', { exact: true })).toHaveText('Avslutat', { timeout: 15_000 });

      // The public notice board, without sign-in, shows the posting with the same last day of appeal.
      const board = await fetch(`${server.url}/anslagstavla`);
      expect(board.status).toBe(200);
      const boardText = (await board.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      expect(boardText).toContain(BODY);
      expect(boardText).toContain(`Sista dag för överklagande ${lastAppealDay}`);

      // The body's statistics count the meeting, its items, decisions and the vote.
      await page.getByRole('link', { name: 'Sammanträden', exact: true }).click();
      const bodyPanel = page.getByRole('region', { name: BODY });
      await bodyPanel.getByText('Statistik').click();
      await expect(bodyPanel).toContainText('1 sammanträden, 7 ärenden, 2 beslut, 1 omröstningar.');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        bodyPanel.getByRole('button', { name: 'Exportera (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`Statistik ${BODY} Alla år.csv`);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFFOrgan;År;Sammanträden;Ärenden;Beslut;Omröstningar')).toBe(true);
      expect(csv).toContain('Cecilia Ros;C;Ersättare;2026-01-01;;1;1;1;100');
      // The same in Excel: numbers as numbers, the assignment's start as a date.
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        bodyPanel.getByRole('button', { name: 'Exportera till Excel: Statistik' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toBe(`statistik-${BODY}-Alla år-${TODAY}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile((await xlsx.path())!);
      const sheet = workbook.worksheets[0]!;
      const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'Cecilia Ros')!;
      expect(Array.from({ length: 9 }, (_, i) => row.getCell(i + 1).value)).toEqual([
        'Cecilia Ros',
        'C',
        'Ersättare',
        new Date(Date.UTC(2026, 0, 1)),
        null,
        1,
        1,
        1,
        100,
      ]);
      await page.context().close();
    } finally {
      coordinator.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('import members from a CSV with a preview, written only on confirmation; reorder the agenda by mouse and withdraw an item', async ({
    browser,
    server,
  }) => {
    test.setTimeout(120_000);
    const coordinator = await RawRegister.as(server.url, 'mote');
    try {
      const title = `Byggnadsnämnden ${stamp}`;
      const body: MeetingRecord = {
        ...emptyMeetingRecord('body', { id: `body2-${stamp}`, registerId: 'reg-ks' }),
        title,
        bodyType: 'committee',
        terms: [{ id: `term2-${stamp}`, from: '2027-01-01', to: '2030-12-31' }],
      };
      await coordinator.register(['meetings', body]);
      const page = await signedIn(browser, server, 'mote');
      await page.goto(`/#/organ/${body.id}`);
      await page.getByRole('button', { name: 'Importera ledamöter' }).click();
      const csv = [
        'namn;personnummer;parti;organ;roll;från;till',
        `Gun Ek;;S;${title};ordförande;2027-01-01;2030-12-31`,
        `Hans Berg;;M;${title};ledamot;2027-01-01;2030-12-31`,
        `Ida Lund;;S;${title};ersättare;2027-01-01;2030-12-31`,
        `Jan Sten;19811218-9875;V;${title};ledamot;2027-01-01;2030-12-31`,
        `Kim Ros;;C;${title};ledamot;2027-13-01;2030-12-31`,
      ].join('\r\n');
      await page.getByLabel('CSV-fil').setInputFiles({ name: 'ledamoter.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await expect(page.getByRole('list', { name: `${title}: Läggs till` }).getByRole('listitem')).toHaveText([
        /^Gun Ek \(S\), Ordförande/,
        /^Hans Berg \(M\), Ledamot/,
        /^Ida Lund \(S\), Ersättare/,
      ]);
      await expect(page.getByRole('list', { name: 'Rader som inte kan importeras' }).getByRole('listitem')).toHaveText([
        /^Rad 5: ogiltigt personnummer/,
        /^Rad 6: ogiltigt datum/,
      ]);
      // Nothing is written before the confirmation.
      const stored = async () => (await coordinator.pullAll<MeetingRecord>('meetings')).find((r) => r.id === body.id)!;
      expect((await stored()).members).toEqual([]);
      await page.getByRole('button', { name: 'Bekräfta' }).click();
      await expect(page.getByRole('table', { name: 'Ledamöter och ersättare för S' })).toContainText('Gun Ek');
      const saved = await eventually('the imported members on the server', async () => {
        const b = await stored();
        return b.members.length === 3 ? b : null;
      });
      expect(saved.members.map((m) => [m.name, m.role, m.substituteOrder])).toEqual([
        ['Gun Ek', 'chair', 0],
        ['Hans Berg', 'member', 0],
        ['Ida Lund', 'substitute', 1],
      ]);

      // A meeting of the body; the agenda reordered with the mouse, and an item withdrawn.
      await page.getByRole('link', { name: 'Sammanträden', exact: true }).click();
      await page.getByRole('button', { name: 'Nytt sammanträde' }).click();
      const form = page.getByRole('form', { name: 'Nytt sammanträde' });
      await form.getByLabel('Organ').selectOption({ label: title });
      await form.getByLabel('Datum').fill('2027-02-10');
      await form.getByLabel('Starttid').fill('09:00');
      await form.getByLabel('Hålls på distans').check();
      await form.getByRole('button', { name: 'Skapa sammanträde' }).click();
      const agenda = page.getByRole('list', { name: 'Föredragningslista' });
      await expect(agenda.getByRole('listitem')).toHaveCount(5);
      // The new meeting and its standard items are sent first: a drag during their write-back re-renders under the mouse.
      await expect(page.getByRole('status', { name: 'Synkronisering' })).toContainText('Alla ändringar är skickade');
      await agenda.getByRole('listitem').nth(4).dragTo(agenda.getByRole('listitem').nth(0));
      await expect(agenda.getByRole('listitem')).toHaveText([
        /^1\s+Anmälan av delegationsbeslut/,
        /^2\s+Sammanträdets öppnande/,
        /^3\s+Val av justerare/,
        /^4\s+Godkännande av föredragningslistan/,
        /^5\s+Anmälningsärenden/,
      ]);
      page.once('dialog', (d) => void d.accept());
      await agenda.getByRole('listitem').nth(0).getByRole('button', { name: 'Ta bort' }).click();
      await expect(agenda.getByRole('listitem')).toHaveCount(4);
      const meetingId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
      await eventually('the withdrawn item gone from the server', async () => {
        const items = (await coordinator.pullAll<MeetingRecord & { _deleted?: boolean }>('meetings')).filter(
          (r) => r.meetingId === meetingId && r.kind === 'item' && !r._deleted,
        );
        return items.length === 4 && !items.some((i) => i.itemKind === 'delegation_decisions');
      });
      await page.context().close();
    } finally {
      coordinator.close();
    }
  });

  test('a case officer reports their own case to the coming meeting of Kommunstyrelsen from the case', async ({ browser, server }) => {
    test.setTimeout(90_000);
    const registrar = await RawRegister.as(server.url, 'registrator');
    const coordinator = await RawRegister.as(server.url, 'mote');
    try {
      const p = await registrar.openProcess();
      const kase: Case = {
        ...newCase(registrar.user.id, p, `Medborgarförslag om parkbänkar ${stamp}`),
        responsibleUserId: 'usr-handlaggare',
      };
      await registrar.register(['cases', kase]);
      // The demo's coming meeting of Kommunstyrelsen (the first test's meeting was closed by the second).
      const records = await coordinator.pullAll<MeetingRecord>('meetings');
      const ks = records.find((m) => m.kind === 'body' && m.title === 'Kommunstyrelsen');
      const coming = records.find((m) => m.kind === 'meeting' && m.bodyId === ks?.id && m.status === 'notice_sent');
      expect(coming, 'the demo has a coming meeting of Kommunstyrelsen with its notice sent').toBeDefined();

      const page = await signedIn(browser, server, 'handlaggare');
      // Meetings are the coordinator's work list; the case officer reports from the case.
      await expect(page.getByRole('link', { name: 'Sammanträden', exact: true })).toHaveCount(0);
      await page.goto(`/#/arende/${kase.id}`);
      await page.getByRole('button', { name: 'Anmäl till sammanträde' }).click();
      const form = page.getByRole('form', { name: 'Anmäl till sammanträde' });
      await form.getByLabel('Sammanträde').selectOption(coming!.id);
      await form.getByLabel('Förslag till beslut').fill('Förslaget bifalls.');
      await form.getByRole('button', { name: 'Anmäl' }).click();
      await expect(
        page.getByRole('region', { name: 'Sammanträden' }).getByRole('link', { name: /^Kommunstyrelsen \d{4}-\d{2}-\d{2}$/ }),
      ).toBeVisible();
      const item = await eventually('the reported item on the server, stamped', async () =>
        (await coordinator.pullAll<MeetingRecord>('meetings')).find((r) => r.kind === 'item' && r.caseId === kase.id && r.caseNumber),
      );
      expect(item).toMatchObject({
        meetingId: coming!.id,
        itemKind: 'case',
        reportedBy: 'usr-handlaggare',
        proposal: 'Förslaget bifalls.',
      });
      await page.context().close();
    } finally {
      registrar.close();
      coordinator.close();
    }
  });
});
