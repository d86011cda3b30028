import {
  formatCaseNumber,
  formatDocumentNumber,
  newestKey,
  documentListKey,
  type Case,
  type CaseStatus,
  type ClassNode,
  type Document,
  type DocumentType,
  type Register,
  type User,
  unrestricted,
  NO_CORRECTION,
} from '../../shared/src';
import { buildClassNodes } from '../../sync-server/src/demo/classification';
import { swedishDateCache } from '../../sync-server/src/demo/dates';
import {
  CASE_TEMPLATES,
  KS_REGISTER_ID,
  createRng,
  doctypeId,
  fillTemplate,
  userId,
  type CaseTemplate,
  type DocStep,
} from '../../sync-server/src/demo/demo-data';
import { buildDocumentTypes } from '../../sync-server/src/demo/doctypes';
import { MOTION_AUTHORS, buildParties } from '../../sync-server/src/demo/people';

/**
 * A large synthetic register for the benchmark, streamed in batches so memory stays flat.
 *
 * Cases and documents of Kommunstyrelsen ('reg-ks') reuse the demo register's class codes,
 * document type ids, user ids and party ids, so the benchmark loads the demo's configuration
 * (registers, classes, doctypes, users, groups, parties; not its cases) and then these records.
 * A share of the cases, with their documents, belongs to another register ('reg-other', see
 * `otherRegisterConfig`) that the benchmark user is not a member of: the server must filter them
 * out. Ids start with `syn-` so they never collide with the demo's own records.
 */
export interface SyntheticOptions {
  seed: number;
  /** "Now": cases lie in the `spanYears` years before it. */
  nowMs: number;
  /** Number of cases (default 100 000). */
  cases?: number;
  /** Documents in every case (default 3, giving 300 000 documents). */
  documentsPerCase?: number;
  /** Share of cases (and their documents) in 'reg-other', 0–1 (default 0.1). */
  foreignShare?: number;
  /** Records per yielded batch (default 5000). */
  batchSize?: number;
  /** Years the cases are spread over (default 10; at most 99 999 cases per register and year). */
  spanYears?: number;
  /**
   * Share of the cases older than 60 days that are closed, 0–1 (default 0.9): a register's cases
   * are mostly closed once handled, so the open ones are the recent work and a backlog. Before
   * session 14 it was 0.45, which left 55 % of ten-year-old cases open and every one of them in
   * the working set.
   */
  closedShare?: number;
}

export type SyntheticBatch = { collection: 'cases'; records: Case[] } | { collection: 'documents'; records: Document[] };

export const SYNTHETIC_DEFAULTS = {
  cases: 100_000,
  documentsPerCase: 3,
  foreignShare: 0.1,
  batchSize: 5000,
  spanYears: 10,
  closedShare: 0.9,
} as const;

export const OTHER_REGISTER_ID = 'reg-other';
const OTHER_KEY = 'other';
const OTHER_PREFIX = 'BUN';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The registrar of the foreign register only (a user of a small register, for the search bench). */
export const OTHER_REGISTRAR = 'bun.registrator';

/** The foreign register's own configuration, for benchmarks that want it stored too, with its registrar. */
export function otherRegisterConfig(nowMs: number): {
  register: Register;
  classes: ClassNode[];
  doctypes: DocumentType[];
  registrar: User;
} {
  const updatedAt = new Date(nowMs).toISOString();
  return {
    registrar: {
      id: userId(OTHER_REGISTRAR),
      registerId: OTHER_REGISTER_ID,
      syncVersion: 1,
      updatedAt,
      username: OTHER_REGISTRAR,
      displayName: 'Berit Ung',
      roles: ['registrar'],
      registerIds: [OTHER_REGISTER_ID],
      groupIds: [],
      active: true,
    },
    register: {
      id: OTHER_REGISTER_ID,
      registerId: OTHER_REGISTER_ID,
      syncVersion: 1,
      updatedAt,
      authorityName: 'Exempelkommun',
      name: 'Barn- och utbildningsnämnden',
      casePrefix: OTHER_PREFIX,
      freeDocumentPrefix: `${OTHER_PREFIX}H`,
      classificationCredit: 'KLASSA 2.1, Samrådsgruppen för kommunala arkivfrågor / SKR',
      legalGrounds: [],
    },
    classes: buildClassNodes(OTHER_REGISTER_ID, OTHER_KEY, updatedAt),
    doctypes: buildDocumentTypes(OTHER_REGISTER_ID, OTHER_KEY, updatedAt),
  };
}

interface Who {
  name: string;
  partyId: string;
}

interface PreparedTemplate {
  template: CaseTemplate;
  /** Counterparts for 'reg-ks' (with demo party ids) and for 'reg-other' (names only). */
  ks: readonly Who[];
  other: readonly Who[];
  /** Topic patterns with their fixed counterpart, if any. */
  topics: readonly { pattern: string; who: Who | null; whoOther: Who | null }[];
  /** Fixed correspondents per step: null means the case's counterpart. */
  stepWho: readonly ({ ks: readonly Who[]; other: readonly Who[] } | null)[];
}

function prepare(nowIso: string): { templates: PreparedTemplate[]; cumulative: number[] } {
  const parties = buildParties(nowIso).filter((p) => p.registerId === KS_REGISTER_ID);
  const ksWho = (name: string): Who => ({ name, partyId: parties.find((p) => p.name === name)?.id ?? '' });
  const otherWho = (name: string): Who => ({ name, partyId: '' });
  const templates = CASE_TEMPLATES.filter((t) => t.registerKey === 'ks').map((template): PreparedTemplate => {
    let names: readonly string[];
    if (template.counterparts) names = template.counterparts;
    else if (template.counterpart === 'politician') names = MOTION_AUTHORS;
    else if (template.counterpart === 'person' || template.counterpart === 'organisation')
      names = parties.filter((p) => p.kind === template.counterpart).map((p) => p.name);
    else names = [];
    return {
      template,
      ks: names.map(ksWho),
      other: names.map(otherWho),
      topics: template.topics.map((t) =>
        typeof t === 'string' ? { pattern: t, who: null, whoOther: null } : { pattern: t[0], who: ksWho(t[1]), whoOther: otherWho(t[1]) },
      ),
      stepWho: template.steps.map((s: DocStep) => {
        if (s.correspondent === undefined) return null;
        const list = typeof s.correspondent === 'string' ? [s.correspondent] : s.correspondent;
        return { ks: list.map(ksWho), other: list.map(otherWho) };
      }),
    };
  });
  const cumulative: number[] = [];
  let sum = 0;
  for (const t of templates) cumulative.push((sum += t.template.weight));
  return { templates, cumulative };
}

const OFFICE_DAY = 9 * HOUR;
const OFFICE_START = 6 * HOUR;

/** Day number (days since 1970-01-01 UTC) of the first Monday on or after the instant. */
function mondayOnOrAfter(ms: number): number {
  const day = Math.ceil(ms / DAY);
  const dow = (day + 3) % 7; // 0 = Monday; 1970-01-01 was a Thursday
  return dow === 0 ? day : day + 7 - dow;
}

/** The instant `offset` ms into the office hours of weekdays counted from `firstMonday`. */
function officeInstant(offset: number, firstMonday: number): number {
  const weekday = Math.floor(offset / OFFICE_DAY);
  const day = firstMonday + Math.floor(weekday / 5) * 7 + (weekday % 5);
  return day * DAY + OFFICE_START + Math.floor(offset - weekday * OFFICE_DAY);
}

/** Moves a Saturday or Sunday to the following Monday, same time of day. */
function skipWeekend(ms: number): number {
  const dow = (Math.floor(ms / DAY) + 3) % 7;
  return dow === 5 ? ms + 2 * DAY : dow === 6 ? ms + DAY : ms;
}

const RESPONSIBLE_KS = [userId('handlaggare'), userId('handlaggare'), userId('registrator'), userId('registrator2')];
const REGISTRARS_KS = [userId('registrator'), userId('registrator2')];
const OTHER_USER = 'usr-bun-registrator';

/**
 * Yields `{ collection, records }` batches: each batch of cases is followed by the batches of
 * their documents, so a consumer that stores in order never sees a document before its case.
 */
export function* syntheticRegister(opts: SyntheticOptions): Generator<SyntheticBatch, void, undefined> {
  const caseCount = opts.cases ?? SYNTHETIC_DEFAULTS.cases;
  const perCase = opts.documentsPerCase ?? SYNTHETIC_DEFAULTS.documentsPerCase;
  const share = opts.foreignShare ?? SYNTHETIC_DEFAULTS.foreignShare;
  const batchSize = opts.batchSize ?? SYNTHETIC_DEFAULTS.batchSize;
  const spanYears = opts.spanYears ?? SYNTHETIC_DEFAULTS.spanYears;
  const closedShare = opts.closedShare ?? SYNTHETIC_DEFAULTS.closedShare;
  if (!Number.isInteger(perCase) || perCase < 1) throw new RangeError('documentsPerCase must be a whole number ≥ 1');
  if (!(share >= 0 && share <= 1)) throw new RangeError('foreignShare must lie in [0, 1]');
  if (!(closedShare >= 0 && closedShare <= 1)) throw new RangeError('closedShare must lie in [0, 1]');

  const rng = createRng(opts.seed);
  const now = opts.nowMs;
  const date = swedishDateCache();
  const { templates, cumulative } = prepare(new Date(now).toISOString());
  const totalWeight = cumulative[cumulative.length - 1]!;
  // Cases are registered on weekdays between 06 and 15 UTC (office hours in Sweden): position p
  // on a line of office time maps to weekday p / OFFICE_DAY, counted from a Monday.
  const firstMonday = mondayOnOrAfter(now - spanYears * 365 * DAY);
  const weekdays = Math.floor((Math.floor(now / DAY) - firstMonday) / 7) * 5;
  const step = (weekdays * OFFICE_DAY) / Math.max(1, caseCount);
  const serials = new Map<string, number>();

  let cases: Case[] = [];
  let documents: Document[] = [];
  const flush = function* (): Generator<SyntheticBatch, void, undefined> {
    if (cases.length > 0) yield { collection: 'cases', records: cases };
    for (let i = 0; i < documents.length; i += batchSize) yield { collection: 'documents', records: documents.slice(i, i + batchSize) };
    cases = [];
    documents = [];
  };

  for (let i = 0; i < caseCount; i++) {
    // Exactly floor(caseCount × share) foreign cases, spread evenly.
    const foreign = Math.floor((i + 1) * share) > Math.floor(i * share);
    const registerId = foreign ? OTHER_REGISTER_ID : KS_REGISTER_ID;
    const regKey = foreign ? OTHER_KEY : 'ks';
    const prefix = foreign ? OTHER_PREFIX : 'KS';

    // Monotonic in i, so serials follow registration order without sorting.
    const ms = officeInstant((i + rng.next() * 0.999) * step, firstMonday);
    const registeredDate = date(ms);
    const year = Number(registeredDate.slice(0, 4));
    const serialKey = `${registerId}|${year}`;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    const caseNumber = formatCaseNumber(prefix, year, serial);

    const r = rng.next() * totalWeight;
    let ti = 0;
    while (cumulative[ti]! <= r) ti++;
    const prepared = templates[ti]!;
    const template = prepared.template;
    const topicSpec = prepared.topics[Math.floor(rng.next() * prepared.topics.length)]!;
    const pool = foreign ? prepared.other : prepared.ks;
    const counterpart =
      (foreign ? topicSpec.whoOther : topicSpec.who) ?? (pool.length > 0 ? pool[Math.floor(rng.next() * pool.length)]! : null);
    const fill = { year, counterpart: counterpart?.name };
    const topic = fillTemplate(topicSpec.pattern, rng, fill);
    const prefixText =
      template.prefixes.length === 1 ? template.prefixes[0]! : template.prefixes[Math.floor(rng.next() * template.prefixes.length)]!;
    const title = (prefixText.includes('{') ? fillTemplate(prefixText, rng, fill) : prefixText) + topic;

    const responsibleUserId = foreign ? OTHER_USER : RESPONSIBLE_KS[Math.floor(rng.next() * RESPONSIBLE_KS.length)]!;
    const createdBy = foreign ? OTHER_USER : REGISTRARS_KS[Math.floor(rng.next() * REGISTRARS_KS.length)]!;
    const caseId = `syn-case-${regKey}-${year}-${String(serial).padStart(5, '0')}`;
    const createdAt = new Date(ms).toISOString();

    // Documents follow the case at intervals of one to fifteen days, never after now.
    let docMs = ms;
    const age = now - ms;
    const docsStart = documents.length;
    const steps = template.steps;
    const whoSteps = prepared.stepWho;
    const unchecked = age < 10 * DAY && rng.next() < 0.5;
    for (let k = 0; k < perCase; k++) {
      if (k > 0) docMs = Math.min(now - 1000, skipWeekend(docMs + (1 + Math.floor(rng.next() * 15)) * DAY));
      const s = steps[k % steps.length]!;
      const who = whoSteps[k % steps.length];
      const direction = s.direction;
      let corr: Who | null = null;
      if (direction !== 'created') {
        if (who) {
          const list = foreign ? who.other : who.ks;
          corr = list.length === 1 ? list[0]! : list[Math.floor(rng.next() * list.length)]!;
        } else corr = counterpart;
        if (!corr) corr = { name: 'Exempelkommun', partyId: '' };
      }
      const docDate = date(docMs);
      const docAt = new Date(docMs).toISOString();
      const documentSerial = k + 1;
      const docStatus = unchecked ? 'registered_unchecked' : 'registered';
      documents.push({
        id: `syn-doc-${regKey}-${year}-${String(serial).padStart(5, '0')}-${documentSerial}`,
        registerId,
        syncVersion: 1,
        updatedAt: docAt,
        caseId,
        documentNumber: formatDocumentNumber(caseNumber, documentSerial),
        serial: documentSerial,
        direction,
        status: docStatus,
        title: fillTemplate(s.title, rng, { year, counterpart: counterpart?.name, caseTitle: title, topic }),
        documentTypeId: doctypeId(regKey, s.type),
        classCode: template.classCode,
        receivedDate: direction === 'incoming' ? docDate : '',
        dispatchedDate: direction === 'outgoing' ? docDate : '',
        createdDate: direction === 'created' ? docDate : '',
        sender: direction === 'incoming' ? corr!.name : '',
        recipient: direction === 'outgoing' ? corr!.name : '',
        senderPartyId: direction === 'incoming' ? corr!.partyId : '',
        recipientPartyId: direction === 'outgoing' ? corr!.partyId : '',
        responsibleUserId,
        description: '',
        registeredDate: docDate,
        createdBy: direction === 'created' ? responsibleUserId : createdBy,
        createdAt: docAt,
        newestKey: newestKey(docMs),
        // Every date here is the registration day.
        listKey: documentListKey({
          direction,
          receivedDate: docDate,
          dispatchedDate: docDate,
          createdDate: docDate,
          registeredDate: docDate,
          newestKey: newestKey(docMs),
        }),
        qualityAssuredBy: docStatus === 'registered' ? (foreign ? OTHER_USER : userId('kvalitet')) : '',
        messageId: '',
        mailReferences: [],
        ...NO_CORRECTION,
        ...unrestricted(),
        fileRestrictions: [],
        inheritedRestriction: 'none',
        maskedCopyOf: '',
        redactionDrafts: [],
      });
    }

    let status: CaseStatus = unchecked ? 'registered_unchecked' : 'registered';
    let closedDate = '';
    let updatedMs = docMs;
    // Both drawn for every case, so registers of different shares differ in their statuses only.
    const closes = rng.next() < closedShare;
    const closedMs = docMs + (1 + Math.floor(rng.next() * 20)) * DAY;
    if (!unchecked && age > 60 * DAY && closes) {
      if (closedMs < now) {
        status = 'closed';
        closedDate = date(closedMs);
        updatedMs = closedMs;
      }
    }
    cases.push({
      id: caseId,
      registerId,
      syncVersion: 1,
      updatedAt: updatedMs === ms ? createdAt : new Date(updatedMs).toISOString(),
      caseNumber,
      year,
      serial,
      title,
      classCode: template.classCode,
      status,
      responsibleUserId,
      unit: template.unit,
      partyIds: counterpart?.partyId ? [counterpart.partyId] : [],
      description: '',
      registeredDate,
      closedDate,
      createdBy,
      createdAt,
      newestKey: newestKey(ms),
      nextDocumentSerial: documents.length - docsStart + 1,
      ...NO_CORRECTION,
      ...unrestricted(),
    });

    if (cases.length >= batchSize) yield* flush();
  }
  yield* flush();
}
