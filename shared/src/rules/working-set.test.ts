import { describe, expect, test } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../model/case';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../model/document';
import { SYSTEM_ROLES } from '../model/role';
import { newestKey } from './numbering';
import {
  WINDOW_MONTHS,
  casesHeldByDocuments,
  firstDownloadOrder,
  downloadTier,
  inWindow,
  leavesWindow,
  parseWindowMonths,
  prefetchesRegisterFiles,
  swedishDayStartMs,
  windowChange,
  windowReason,
  windowStart,
  type WindowCase,
  type WindowContext,
  type WindowDocument,
  type WindowReason,
  type WindowSubject,
} from './working-set';

const me = { id: 'u-me' };
const TODAY = '2026-12-07';
// 12 months: the window starts 2025-12-07 (Swedish date).
const IN = '2026-06-01T10:00:00.000Z';
const OUT = '2025-12-06T12:00:00.000Z';
/** 23:30 UTC on 6 December is 00:30 on 7 December in Stockholm: inside. */
const EDGE_IN = '2025-12-06T23:30:00.000Z';
/** 22:30 UTC on 6 December is 23:30 on 6 December in Stockholm: outside. */
const EDGE_OUT = '2025-12-06T22:30:00.000Z';

const aCase = (over: Partial<WindowCase> = {}): WindowCase => ({
  id: 'c1',
  status: 'closed',
  responsibleUserId: 'u-other',
  createdBy: 'u-other',
  createdAt: OUT,
  updatedAt: OUT,
  newestKey: newestKey(Date.parse(OUT)),
  ...over,
});
const aDoc = (over: Partial<WindowDocument> = {}): WindowDocument => ({
  id: 'd1',
  caseId: 'c1',
  status: 'registered',
  responsibleUserId: 'u-other',
  createdBy: 'u-other',
  createdAt: OUT,
  updatedAt: OUT,
  registeredDate: '2025-01-10',
  newestKey: newestKey(Date.parse(OUT)),
  ...over,
});
const ctx = (over: Partial<WindowContext> = {}): WindowContext => ({
  today: TODAY,
  months: 12,
  mayRead: () => true,
  pins: new Set(),
  touchedIds: new Set(),
  pendingIds: new Set(),
  meetingDocumentIds: new Set(),
  heldCaseIds: new Set(),
  ...over,
});
const caseOf = (record: WindowCase): WindowSubject => ({ kind: 'case', record });
const docOf = (record: WindowDocument, parentCase: WindowCase | null = null): WindowSubject => ({ kind: 'document', record, parentCase });
const noRead = () => false;

describe('parseWindowMonths', () => {
  test.each([
    [1, 1],
    [12, 12],
    [120, 120],
    ['12', 12],
    [' 6 ', 6],
    ['120', 120],
  ])('%j is %d months', (value, months) => {
    expect(parseWindowMonths(value)).toEqual({ ok: true, months });
  });
  test.each([0, -1, 121, 1000, '0', '121', '-3'])('%j is out of range', (value) => {
    expect(parseWindowMonths(value)).toEqual({ ok: false, error: 'out_of_range' });
  });
  test.each([1.5, NaN, Infinity, -Infinity, 'abc', '', ' ', '1e1', '12 months', '1.5', '0x10', null, undefined, true, {}, [12]])(
    '%j is not a number',
    (value) => {
      expect(parseWindowMonths(value)).toEqual({ ok: false, error: 'not_a_number' });
    },
  );
  test('the default is a valid setting', () => {
    expect(parseWindowMonths(WINDOW_MONTHS.default)).toEqual({ ok: true, months: 12 });
  });
});

describe('windowStart', () => {
  test.each([
    ['2026-12-07', 12, '2025-12-07'],
    ['2026-03-31', 1, '2026-02-28'],
    ['2024-03-31', 1, '2024-02-29'],
    ['2028-02-29', 12, '2027-02-28'],
    ['2028-02-29', 48, '2024-02-29'],
    ['2026-05-31', 1, '2026-04-30'],
    ['2026-01-15', 1, '2025-12-15'],
    ['2026-12-07', 120, '2016-12-07'],
    ['2026-08-31', 6, '2026-02-28'],
  ])('%s minus %d months starts on %s', (today, months, start) => {
    expect(windowStart(today, months)).toBe(start);
  });
});

describe('cases', () => {
  const open: ReadonlySet<CaseStatus> = new Set(['registered_unchecked', 'registered']);

  test.each(CASE_STATUSES)('status %s of someone else, untouched and old: in the window only when open', (status) => {
    expect(windowReason(me, caseOf(aCase({ status })), ctx())).toBe(open.has(status) ? 'open' : null);
  });

  test.each(CASE_STATUSES)('status %s, the user responsible, changed in the window: in', (status) => {
    const c = aCase({ status, responsibleUserId: me.id, updatedAt: IN });
    expect(windowReason(me, caseOf(c), ctx())).toBe(open.has(status) ? 'open' : 'responsible');
  });

  test.each(CASE_STATUSES.filter((s) => !open.has(s)))('status %s, the user responsible, changed before the window: out', (status) => {
    expect(inWindow(me, caseOf(aCase({ status, responsibleUserId: me.id })), ctx())).toBe(false);
  });

  test('someone else responsible and a change in the window is not enough', () => {
    expect(inWindow(me, caseOf(aCase({ updatedAt: IN })), ctx())).toBe(false);
  });

  test('the day boundary is the Swedish date, not the UTC one', () => {
    expect(windowReason(me, caseOf(aCase({ responsibleUserId: me.id, updatedAt: EDGE_IN })), ctx())).toBe('responsible');
    expect(windowReason(me, caseOf(aCase({ responsibleUserId: me.id, updatedAt: EDGE_OUT })), ctx())).toBe(null);
  });

  test('a provisional timestamp (not a date) is not within any window', () => {
    expect(windowReason(me, caseOf(aCase({ responsibleUserId: me.id, updatedAt: '' })), ctx())).toBe(null);
  });

  test('touched: named by the actor register (touchedIds)', () => {
    expect(windowReason(me, caseOf(aCase()), ctx({ touchedIds: new Set(['c1']) }))).toBe('touched');
  });

  test('touched: created by the user in the window; created by them before it is not', () => {
    expect(windowReason(me, caseOf(aCase({ createdBy: me.id, createdAt: IN })), ctx())).toBe('touched');
    expect(windowReason(me, caseOf(aCase({ createdBy: me.id, createdAt: OUT, updatedAt: IN })), ctx())).toBe(null);
  });

  test.each(CASE_STATUSES)('pinned case in status %s stays', (status) => {
    const reason = windowReason(me, caseOf(aCase({ status })), ctx({ pins: new Set(['c1']) }));
    expect(reason).toBe(open.has(status) ? 'open' : 'pinned');
  });

  test('a pin on a case the user lost access to is ignored, not an error', () => {
    expect(windowReason(me, caseOf(aCase()), ctx({ pins: new Set(['c1']), mayRead: noRead }))).toBe(null);
  });

  test('what the user may not read is never in the window, whatever the reason', () => {
    const c = aCase({ status: 'registered', responsibleUserId: me.id, updatedAt: IN, createdBy: me.id, createdAt: IN });
    const all = ctx({ mayRead: noRead, pins: new Set(['c1']), touchedIds: new Set(['c1']), heldCaseIds: new Set(['c1']) });
    expect(windowReason(me, caseOf(c), all)).toBe(null);
  });

  test.each(CASE_STATUSES)('a case in status %s with unsent changes stays', (status) => {
    expect(windowReason(me, caseOf(aCase({ status })), ctx({ pendingIds: new Set(['c1']) }))).toBe('pending');
  });

  test('a case holding a document that is in the window for its own sake stays', () => {
    expect(windowReason(me, caseOf(aCase()), ctx({ heldCaseIds: new Set(['c1']) }))).toBe('holds_document');
  });

  describe('window of 1 month (starts 2026-11-07)', () => {
    const one = ctx({ months: 1 });
    test('changed on the first day: in; the day before: out', () => {
      expect(inWindow(me, caseOf(aCase({ responsibleUserId: me.id, updatedAt: '2026-11-07T08:00:00.000Z' })), one)).toBe(true);
      expect(inWindow(me, caseOf(aCase({ responsibleUserId: me.id, updatedAt: '2026-11-06T08:00:00.000Z' })), one)).toBe(false);
    });
  });

  describe('window of 120 months (starts 2016-12-07)', () => {
    const ten = ctx({ months: 120 });
    test('changed on the first day: in; the day before: out', () => {
      expect(inWindow(me, caseOf(aCase({ responsibleUserId: me.id, updatedAt: '2016-12-07T08:00:00.000Z' })), ten)).toBe(true);
      expect(inWindow(me, caseOf(aCase({ responsibleUserId: me.id, updatedAt: '2016-12-06T08:00:00.000Z' })), ten)).toBe(false);
    });
  });

  test('end of March minus one month: the window starts on the last day of February', () => {
    const march = ctx({ today: '2026-03-31', months: 1 });
    expect(inWindow(me, caseOf(aCase({ createdBy: me.id, createdAt: '2026-02-28T08:00:00.000Z' })), march)).toBe(true);
    expect(inWindow(me, caseOf(aCase({ createdBy: me.id, createdAt: '2026-02-27T08:00:00.000Z' })), march)).toBe(false);
    const leap = ctx({ today: '2024-03-31', months: 1 });
    expect(inWindow(me, caseOf(aCase({ createdBy: me.id, createdAt: '2024-02-29T08:00:00.000Z' })), leap)).toBe(true);
    expect(inWindow(me, caseOf(aCase({ createdBy: me.id, createdAt: '2024-02-28T08:00:00.000Z' })), leap)).toBe(false);
  });
});

describe('swedishDayStartMs', () => {
  test('a Swedish day begins at 23:00 UTC the day before in winter, 22:00 in summer, also on the days the clocks change', () => {
    const iso = (day: string) => new Date(swedishDayStartMs(day)).toISOString();
    expect(iso('2026-01-15')).toBe('2026-01-14T23:00:00.000Z');
    expect(iso('2026-07-15')).toBe('2026-07-14T22:00:00.000Z');
    expect(iso('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(iso('2026-10-25')).toBe('2026-10-24T22:00:00.000Z');
  });

  test('a summer window start: its first millisecond is in, the one before out; a timestamp that is none is out', () => {
    // Six months before 2026-12-07: the window starts 2026-06-07, 22:00 UTC on the 6th.
    const six = ctx({ months: 6 });
    const mine = (updatedAt: string) => inWindow(me, caseOf(aCase({ responsibleUserId: me.id, updatedAt })), six);
    expect(mine('2026-06-06T22:00:00.000Z')).toBe(true);
    expect(mine('2026-06-06T21:59:59.999Z')).toBe(false);
    expect(mine('')).toBe(false);
  });
});

describe('documents in a case', () => {
  test.each(CASE_STATUSES)('a document follows its case in status %s', (status) => {
    const parent = aCase({ status });
    const expected: WindowReason | null = status === 'registered' || status === 'registered_unchecked' ? 'follows_case' : null;
    expect(windowReason(me, docOf(aDoc(), parent), ctx())).toBe(expected);
  });

  const pairs = CASE_STATUSES.flatMap((c) => DOCUMENT_STATUSES.map((d) => [c, d] as const));
  test.each(pairs)('case %s, document %s: the document follows the case, not its own status', (caseStatus, status) => {
    const caseIn = windowReason(me, caseOf(aCase({ status: caseStatus })), ctx()) !== null;
    expect(windowReason(me, docOf(aDoc({ status }), aCase({ status: caseStatus })), ctx())).toBe(caseIn ? 'follows_case' : null);
  });

  test.each(DOCUMENT_STATUSES)('in a closed case out of the window, a document in status %s does not stay by its status', (status) => {
    expect(windowReason(me, docOf(aDoc({ status }), aCase()), ctx())).toBe(null);
  });

  test('a document of a case pinned, responsible or touched follows it', () => {
    expect(windowReason(me, docOf(aDoc(), aCase()), ctx({ pins: new Set(['c1']) }))).toBe('follows_case');
    expect(windowReason(me, docOf(aDoc(), aCase({ responsibleUserId: me.id, updatedAt: IN })), ctx())).toBe('follows_case');
    expect(windowReason(me, docOf(aDoc(), aCase()), ctx({ touchedIds: new Set(['c1']) }))).toBe('follows_case');
  });

  test('a document the user may not read does not follow its open case', () => {
    const c = ctx({ mayRead: (r) => r.id !== 'd1' });
    expect(windowReason(me, docOf(aDoc(), aCase({ status: 'registered' })), c)).toBe(null);
  });

  test('a document whose case the user may not read does not follow it', () => {
    const c = ctx({ mayRead: (r) => r.id !== 'c1' });
    expect(windowReason(me, docOf(aDoc(), aCase({ status: 'registered' })), c)).toBe(null);
  });

  test('a document with an unknown case (not given) has only its own reasons', () => {
    expect(windowReason(me, docOf(aDoc(), null), ctx())).toBe(null);
    expect(windowReason(me, docOf(aDoc(), null), ctx({ pins: new Set(['d1']) }))).toBe('pinned');
  });

  test('own reasons of a document in a closed case: pinned, pending, touched, responsible, meeting', () => {
    const parent = aCase();
    expect(windowReason(me, docOf(aDoc(), parent), ctx({ pins: new Set(['d1']) }))).toBe('pinned');
    expect(windowReason(me, docOf(aDoc(), parent), ctx({ pendingIds: new Set(['d1']) }))).toBe('pending');
    expect(windowReason(me, docOf(aDoc(), parent), ctx({ touchedIds: new Set(['d1']) }))).toBe('touched');
    expect(windowReason(me, docOf(aDoc({ responsibleUserId: me.id, updatedAt: IN }), parent), ctx())).toBe('responsible');
    expect(windowReason(me, docOf(aDoc(), parent), ctx({ meetingDocumentIds: new Set(['d1']) }))).toBe('meeting');
  });

  test('a pinned document the user lost access to is ignored', () => {
    expect(windowReason(me, docOf(aDoc(), aCase()), ctx({ pins: new Set(['d1']), mayRead: noRead }))).toBe(null);
  });
});

describe('free-standing documents follow their own status and dates', () => {
  const expected: Record<DocumentStatus, WindowReason | null> = {
    draft: 'open',
    registered_unchecked: 'open',
    registered: null,
    annulled: null,
    disposed: null,
    archived: null,
  };
  test.each(DOCUMENT_STATUSES)('status %s, registered before the window, someone else: %s', (status) => {
    expect(windowReason(me, docOf(aDoc({ caseId: '', status })), ctx())).toBe(expected[status]);
  });

  test.each(DOCUMENT_STATUSES)('status %s, registered in the window', (status) => {
    const d = aDoc({ caseId: '', status, registeredDate: '2026-01-02' });
    expect(windowReason(me, docOf(d), ctx())).toBe(status === 'registered' ? 'registered_in_window' : expected[status]);
  });

  test('registered on the first day of the window: in; the day before: out', () => {
    expect(inWindow(me, docOf(aDoc({ caseId: '', registeredDate: '2025-12-07' })), ctx())).toBe(true);
    expect(inWindow(me, docOf(aDoc({ caseId: '', registeredDate: '2025-12-06' })), ctx())).toBe(false);
  });

  test.each(['annulled', 'disposed', 'archived'] as const)('status %s: pinned or responsible keeps it', (status) => {
    expect(windowReason(me, docOf(aDoc({ caseId: '', status })), ctx({ pins: new Set(['d1']) }))).toBe('pinned');
    expect(windowReason(me, docOf(aDoc({ caseId: '', status, responsibleUserId: me.id, updatedAt: IN })), ctx())).toBe('responsible');
  });
});

describe('casesHeldByDocuments', () => {
  const { heldCaseIds: _unused, ...base } = ctx();
  test('a document pinned, pending, touched or in a meeting package holds its case', () => {
    const docs = [
      aDoc({ id: 'd1', caseId: 'c1' }),
      aDoc({ id: 'd2', caseId: 'c2' }),
      aDoc({ id: 'd3', caseId: 'c3' }),
      aDoc({ id: 'd4', caseId: 'c4' }),
      aDoc({ id: 'd5', caseId: 'c5' }),
    ];
    const held = casesHeldByDocuments(me, docs, {
      ...base,
      pins: new Set(['d1']),
      pendingIds: new Set(['d2']),
      touchedIds: new Set(['d3']),
      meetingDocumentIds: new Set(['d4']),
    });
    expect([...held].sort()).toEqual(['c1', 'c2', 'c3', 'c4']);
  });
  test('an unreadable document holds nothing; a free-standing one has no case to hold', () => {
    const held = casesHeldByDocuments(me, [aDoc({ id: 'd1', caseId: 'c1' }), aDoc({ id: 'd2', caseId: '', status: 'draft' })], {
      ...base,
      pins: new Set(['d1', 'd2']),
      mayRead: (r) => r.id !== 'd1',
    });
    expect([...held]).toEqual([]);
  });
  test('its result keeps the closed case in the window', () => {
    const held = casesHeldByDocuments(me, [aDoc()], { ...base, pins: new Set(['d1']) });
    expect(windowReason(me, caseOf(aCase()), ctx({ pins: new Set(['d1']), heldCaseIds: held }))).toBe('holds_document');
  });
});

describe('leavesWindow', () => {
  test.each([
    ['open', null, true],
    ['pinned', null, true],
    [null, null, false],
    [null, 'open', false],
    ['open', 'responsible', false],
    ['pending', 'pending', false],
  ] as const)('%s → %s: leaves %s', (before, after, leaves) => {
    expect(leavesWindow(before, after)).toBe(leaves);
  });
  test('a case that closed and aged out leaves; with unsent changes it stays until they are sent', () => {
    const before = windowReason(me, caseOf(aCase({ status: 'registered' })), ctx());
    const pending = windowReason(me, caseOf(aCase()), ctx({ pendingIds: new Set(['c1']) }));
    const sent = windowReason(me, caseOf(aCase()), ctx());
    expect(leavesWindow(before, pending)).toBe(false);
    expect(leavesWindow(pending, sent)).toBe(true);
  });
});

describe('windowChange', () => {
  test.each([
    [{ today: TODAY, months: 12 }, { today: TODAY, months: 24 }, 'grows'],
    [{ today: TODAY, months: 24 }, { today: TODAY, months: 12 }, 'shrinks'],
    [{ today: TODAY, months: 12 }, { today: '2026-12-08', months: 12 }, 'shrinks'],
    [{ today: TODAY, months: 12 }, { today: TODAY, months: 12 }, 'same'],
    // Month ends clamp: from 29 and from 31 March, a one-month window starts on 28 February.
    [{ today: '2026-03-29', months: 1 }, { today: '2026-03-31', months: 1 }, 'same'],
  ] as const)('%j → %j: %s', (before, after, change) => {
    expect(windowChange(before, after)).toBe(change);
  });
});

describe('first download order', () => {
  const cutoff = newestKey(Date.parse('2026-11-01T00:00:00.000Z'));
  const at = (iso: string) => newestKey(Date.parse(iso));
  const mineOpenOld = aCase({ id: 'mine-old', status: 'registered', responsibleUserId: me.id, newestKey: at('2020-01-01T00:00:00Z') });
  const mineOpenNew = aCase({ id: 'mine-new', status: 'registered', responsibleUserId: me.id, newestKey: at('2026-11-20T00:00:00Z') });
  const mineClosedNew = aCase({ id: 'mine-closed', status: 'closed', responsibleUserId: me.id, newestKey: at('2026-11-25T00:00:00Z') });
  const newest = aCase({ id: 'newest', status: 'registered', newestKey: at('2026-12-01T00:00:00Z') });
  const older = aCase({ id: 'older', status: 'registered', newestKey: at('2025-03-01T00:00:00Z') });
  const oldest = aCase({ id: 'oldest', status: 'registered', newestKey: at('2019-03-01T00:00:00Z') });
  const freeMine = aDoc({ id: 'free-mine', caseId: '', status: 'draft', responsibleUserId: me.id, newestKey: at('2024-01-01T00:00:00Z') });
  const freeNew = aDoc({ id: 'free-new', caseId: '', status: 'registered', newestKey: at('2026-11-30T00:00:00Z') });

  test('tiers: own open work, the newest rows, the rest', () => {
    const order = { newestCutoff: cutoff };
    expect(downloadTier(me, caseOf(mineOpenOld), order)).toBe(0);
    expect(downloadTier(me, docOf(freeMine), order)).toBe(0);
    expect(downloadTier(me, caseOf(mineClosedNew), order)).toBe(1);
    expect(downloadTier(me, caseOf(newest), order)).toBe(1);
    expect(downloadTier(me, docOf(freeNew), order)).toBe(1);
    expect(downloadTier(me, caseOf(older), order)).toBe(2);
    // A document is listed under its case: it takes the case's tier whatever its own key.
    expect(downloadTier(me, docOf(aDoc({ newestKey: at('2026-12-02T00:00:00Z') }), older), order)).toBe(2);
    expect(downloadTier(me, docOf(aDoc(), mineOpenOld), order)).toBe(0);
  });

  test('only open work is own work: a registered free-standing document of mine is listed by its key', () => {
    const order = { newestCutoff: cutoff };
    const settled = aDoc({ caseId: '', status: 'registered', responsibleUserId: me.id, newestKey: at('2024-01-01T00:00:00Z') });
    expect(downloadTier(me, docOf(settled), order)).toBe(2);
    expect(downloadTier(me, docOf({ ...settled, status: 'registered_unchecked' }), order)).toBe(0);
  });

  test('sorted: by tier, newest first, a case before its documents, then by id', () => {
    const subjects: WindowSubject[] = [
      caseOf(oldest),
      docOf(aDoc({ id: 'd-older-b', caseId: 'older' }), older),
      caseOf(older),
      docOf(aDoc({ id: 'd-older-a', caseId: 'older' }), older),
      caseOf(newest),
      docOf(freeNew),
      caseOf(mineClosedNew),
      docOf(aDoc({ id: 'd-mine', caseId: 'mine-old' }), mineOpenOld),
      caseOf(mineOpenOld),
      docOf(freeMine),
      caseOf(mineOpenNew),
    ];
    const sorted = [...subjects].sort(firstDownloadOrder(me, { newestCutoff: cutoff })).map((s) => s.record.id);
    expect(sorted).toEqual([
      'mine-new',
      'free-mine',
      'mine-old',
      'd-mine',
      'newest',
      'free-new',
      'mine-closed',
      'older',
      'd-older-a',
      'd-older-b',
      'oldest',
    ]);
  });
});

describe('prefetchesRegisterFiles', () => {
  test.each(SYSTEM_ROLES)('%s alone: %s', (role) => {
    expect(prefetchesRegisterFiles({ roles: [role] })).toBe(role !== 'elected_official');
  });
  test('an elected official who also works in the register prefetches; no role at all does not', () => {
    expect(prefetchesRegisterFiles({ roles: ['elected_official', 'registrar'] })).toBe(true);
    expect(prefetchesRegisterFiles({ roles: [] })).toBe(false);
  });
});
