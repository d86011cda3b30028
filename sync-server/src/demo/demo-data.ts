import {
  canRegisterCase,
  canRegisterDocument,
  formatCaseNumber,
  formatDocumentNumber,
  formatFreeDocumentNumber,
  newestKey,
  documentListKey,
  type Case,
  type CaseStatus,
  type ClassNode,
  type Document,
  type DocumentStatus,
  type DocumentType,
  type Group,
  type Party,
  type Register,
  type User,
  unrestricted,
  NO_CORRECTION,
} from '../../../shared/src';
import type { MeetingRecord } from '../../../shared/src/model/meeting';
import { LEGAL_GROUNDS } from './data/legal-grounds.data';
import { buildDemoMeetings, type MeetingDocumentDraft } from './meetings';
import { buildClassNodes } from './classification';
import { swedishDateCache } from './dates';
import { KLASSA_CREDIT } from './data/klassa.data';
import { buildDocumentTypes, doctypeId } from './doctypes';
import { DEMO_PASSWORD, KS_REGISTER_ID, MOTION_AUTHORS, SN_REGISTER_ID, buildGroups, buildParties, buildUsers, userId } from './people';
import { createRng, type Rng } from './prng';
import { FREE_DOCUMENT_TEMPLATES, fillTemplate, templatesFor, type CaseTemplate, type DocStep, type Topic } from './templates';
import type { Flow } from '../../../shared/src/model/flow';
import type { InformationRequest } from '../../../shared/src/model/request';
import {
  REQUESTER,
  buildShowcase,
  findShowcasePicks,
  noticeShowcase,
  requestReceivedDate,
  restrictSecretLetter,
  type DemoFileDraft,
  type DemoRoomText,
  type ShowcasePicks,
} from './showcase';

export { CASE_TEMPLATES, FREE_DOCUMENT_TEMPLATES, SLOTS, fillTemplate, templatesFor } from './templates';
export type { CaseTemplate, DocStep, FreeDocumentTemplate, Topic } from './templates';
export { DOCTYPE_KEYS, DOCTYPE_SPECS, doctypeAllowsClass, doctypeId } from './doctypes';
export { LOCAL_PROCESSES, classId, municipalPlan } from './classification';
export { DEMO_PASSWORD, DEMO_USER_SPECS, KS_REGISTER_ID, SN_REGISTER_ID, userId } from './people';
export { createRng, mulberry32, type Rng } from './prng';
export { swedishDateCache } from './dates';
export { KLASSA_2_1, KLASSA_CREDIT } from './data/klassa.data';
export { LEGAL_GROUNDS, type LegalGroundRow } from './data/legal-grounds.data';
export { POLITICAL_DOCUMENT_TYPES } from './data/document-types-political.data';
export { INVENTED_RETENTION, SOURCED_RETENTION, type RetentionRow } from './data/retention.data';

export interface DemoUser {
  user: User;
  password: string;
}

export interface DemoData {
  registers: Register[];
  classes: ClassNode[];
  doctypes: DocumentType[];
  users: DemoUser[];
  groups: Group[];
  parties: Party[];
  cases: Case[];
  documents: Document[];
  /** Kommunstyrelsen as a decision body, a held and a coming meeting (demo/meetings.ts). */
  meetings: MeetingRecord[];
  /** The PDFs the seed makes and stores (demo/showcase.ts): letters, a memorandum, the notices. */
  files: DemoFileDraft[];
  /** An open information request on documents with personal data. */
  requests: InformationRequest[];
  /** An approval flow waiting for its signature. */
  flows: Flow[];
  /** The meetings' notice texts (collaborative rooms). */
  roomTexts: DemoRoomText[];
  /** What the showcase is built around; null in a register too small to have it (tests' tiny ones). */
  picks: ShowcasePicks | null;
}

/** A demo user by user name, as tests and tools refer to them. */
export function demoUserNamed(demo: Pick<DemoData, 'users'>, username: string): User {
  const u = demo.users.find((x) => x.user.username === username);
  if (!u) throw new Error(`no demo user ${username}`);
  return u.user;
}

export interface DemoOptions {
  seed: number;
  /** "Now" for the generated register: cases lie in the two years before it. */
  nowMs: number;
  /** Cases in Kommunstyrelsen's register (default 300). */
  caseCount?: number;
}

export const DEFAULT_CASE_COUNT = 300;
/** Socialnämnden's register is small: enough to see that membership filters. */
export const SN_CASE_COUNT = 36;
export const KS_FREE_DOCUMENTS = 20;
export const SN_FREE_DOCUMENTS = 5;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far back the demo register reaches. */
export const DEMO_SPAN_MS = 730 * DAY;

interface RegisterSpec {
  id: string;
  key: 'ks' | 'sn';
  name: string;
  casePrefix: string;
  freeDocumentPrefix: string;
}

const REGISTER_SPECS: readonly RegisterSpec[] = [
  { id: KS_REGISTER_ID, key: 'ks', name: 'Kommunstyrelsen', casePrefix: 'KS', freeDocumentPrefix: 'KSH' },
  { id: SN_REGISTER_ID, key: 'sn', name: 'Socialnämnden', casePrefix: 'SN', freeDocumentPrefix: 'SNH' },
];

export const AUTHORITY_NAME = 'Exempelkommun';

/** Builds the demo register. Pure: the same options always give the same records. */
export function buildDemoData(opts: DemoOptions): DemoData {
  const rng = createRng(opts.seed);
  const now = opts.nowMs;
  const nowIso = new Date(now).toISOString();

  const registers: Register[] = REGISTER_SPECS.map((r) => ({
    id: r.id,
    registerId: r.id,
    syncVersion: 1,
    updatedAt: nowIso,
    authorityName: AUTHORITY_NAME,
    name: r.name,
    casePrefix: r.casePrefix,
    freeDocumentPrefix: r.freeDocumentPrefix,
    classificationCredit: `${KLASSA_CREDIT}. Processer på nivå 4 är ${AUTHORITY_NAME}s egna.`,
    legalGrounds: LEGAL_GROUNDS.map((g) => ({ code: g.reference, text: g.title })),
  }));
  const classes = REGISTER_SPECS.flatMap((r) => buildClassNodes(r.id, r.key, nowIso));
  const doctypes = REGISTER_SPECS.flatMap((r) => buildDocumentTypes(r.id, r.key, nowIso));
  const users = buildUsers(nowIso);
  const groups = buildGroups(nowIso);
  const parties = buildParties(nowIso);

  const world: World = { rng, now, users, parties, classes, date: swedishDateCache() };
  const cases: Case[] = [];
  const documents: Document[] = [];
  const counts: Record<RegisterSpec['key'], [cases: number, free: number]> = {
    ks: [opts.caseCount ?? DEFAULT_CASE_COUNT, KS_FREE_DOCUMENTS],
    sn: [SN_CASE_COUNT, SN_FREE_DOCUMENTS],
  };
  for (const spec of REGISTER_SPECS) {
    const [caseCount, freeCount] = counts[spec.key];
    generateCases(world, spec, caseCount, cases, documents);
    generateFreeDocuments(world, spec, freeCount, documents);
  }

  const meetings = buildDemoMeetings(now, world.date, cases);
  registerMeetingDocuments(world, meetings.documents, cases, documents);
  const showcaseWorld = { now, date: world.date, cases, documents, parties, users };
  const found = findShowcasePicks(showcaseWorld);
  const showcase = found ? buildShowcase(showcaseWorld, found, registerRequestCase(world, cases, documents)) : null;
  if (showcase) {
    const secretAt = documents.indexOf(showcase.picks.secretLetter);
    documents[secretAt] = restrictSecretLetter(showcase.picks.secretLetter);
    showcase.picks.secretLetter = documents[secretAt]!;
  }
  const notices = noticeShowcase(meetings.meetings, documents);
  // Last, so the random draws of everything above stay as they were.
  registerDisposalDue(world, cases, documents);

  return {
    registers,
    classes,
    doctypes,
    users: users.map((user) => ({ user, password: DEMO_PASSWORD })),
    groups,
    parties,
    cases,
    documents,
    meetings: meetings.meetings,
    files: [...(showcase?.files ?? []), ...notices.files],
    requests: showcase?.requests ?? [],
    flows: showcase?.flows ?? [],
    roomTexts: notices.roomTexts,
    picks: showcase?.picks ?? null,
  };
}

/**
 * The case the demo's open information request is handled in, registered the working day before
 * "now" after the year's generated cases, with the request e-mail as its first document.
 */
function registerRequestCase(world: World, cases: Case[], documents: Document[]): { requestCase: Case; requestMail: Document } {
  const spec = REGISTER_SPECS.find((r) => r.key === 'ks')!;
  const received = requestReceivedDate(world.now, world.date);
  const ms = Math.min(world.now - HOUR, Date.parse(`${received}T08:15:00Z`));
  const year = Number(received.slice(0, 4));
  const serial = 1 + Math.max(0, ...cases.filter((c) => c.registerId === spec.id && c.year === year).map((c) => c.serial));
  const caseNumber = formatCaseNumber(spec.casePrefix, year, serial);
  const requestCase: Case = {
    id: `case-ks-${year}-${String(serial).padStart(5, '0')}`,
    registerId: spec.id,
    syncVersion: 1,
    updatedAt: iso(ms),
    caseNumber,
    year,
    serial,
    // As the app titles a request's case (renderer/src/lib/requests/build.ts): no requester named.
    title: `Begäran om att ta del av allmän handling, inkommen ${received}`,
    classCode: '1.4.1.1',
    status: 'registered_unchecked',
    responsibleUserId: userId('handlaggare'),
    unit: 'Kansliavdelningen',
    partyIds: [],
    description: '',
    registeredDate: world.date(ms),
    closedDate: '',
    createdBy: userId('registrator'),
    createdAt: iso(ms),
    newestKey: newestKey(ms),
    nextDocumentSerial: 2,
    ...NO_CORRECTION,
    ...unrestricted(),
  };
  cases.push(requestCase);
  const requestMail: Document = {
    ...buildDocument(world, spec, {
      id: `doc-ks-${year}-${String(serial).padStart(5, '0')}-1`,
      caseId: requestCase.id,
      documentNumber: formatDocumentNumber(caseNumber, 1),
      serial: 1,
      ms,
      step: { type: 'epost', direction: 'incoming', correspondent: REQUESTER.name },
      title: `Begäran om allmän handling från ${REQUESTER.outlet}`,
      classCode: requestCase.classCode,
      status: 'registered_unchecked',
      counterpart: null,
      responsibleUserId: requestCase.responsibleUserId,
      parentCase: requestCase,
    }),
    receivedDate: world.date(ms),
    createdBy: userId('registrator'),
  };
  // The received date was set after the list key was derived from the built one: derive it again.
  requestMail.listKey = documentListKey(requestMail);
  documents.push(requestMail);
  return { requestCase, requestMail };
}

/**
 * Records older than the demo's span whose retention period has run out, so the archivist's
 * disposal workspace (#/gallring) has proposals: a complaint case closed three years ago (its
 * Synpunkt documents are disposed two years after the closing) and free-standing e-mails
 * registered three years ago (E-post: two years after registration).
 */
export const DISPOSAL_DUE_FREE_EMAILS = 4;

function registerDisposalDue(world: World, cases: Case[], documents: Document[]): void {
  const spec = REGISTER_SPECS.find((r) => r.key === 'ks')!;
  const start = world.now - 3 * 365 * DAY;
  const ms = officeTime(world.rng, start, start + 5 * DAY);
  const year = Number(world.date(ms).slice(0, 4));
  const serial = 1 + Math.max(0, ...cases.filter((c) => c.registerId === spec.id && c.year === year).map((c) => c.serial));
  const caseNumber = formatCaseNumber(spec.casePrefix, year, serial);
  const closedMs = officeTime(world.rng, ms + 20 * DAY, ms + 30 * DAY);
  const c: Case = {
    id: `case-ks-${year}-${String(serial).padStart(5, '0')}`,
    registerId: spec.id,
    syncVersion: 1,
    updatedAt: iso(closedMs),
    caseNumber,
    year,
    serial,
    title: 'Synpunkt på snöröjningen vid Kvarngatan',
    classCode: '1.4.2.1',
    status: 'closed',
    responsibleUserId: userId('handlaggare'),
    unit: 'Kontaktcenter',
    partyIds: [],
    description: 'Synpunkten inkom via kommunens e-tjänst för synpunkter och klagomål.',
    registeredDate: world.date(ms),
    closedDate: world.date(closedMs),
    createdBy: userId('registrator'),
    createdAt: iso(ms),
    newestKey: newestKey(ms),
    nextDocumentSerial: 3,
    ...NO_CORRECTION,
    ...unrestricted(),
  };
  cases.push(c);
  const complaints = ['Synpunkt på snöröjningen vid Kvarngatan', 'Kompletterande synpunkt om plogvallarna vid Kvarngatan'];
  complaints.forEach((title, i) => {
    documents.push(
      buildDocument(world, spec, {
        id: `${c.id}-${i + 1}`,
        caseId: c.id,
        documentNumber: formatDocumentNumber(caseNumber, i + 1),
        serial: i + 1,
        ms: ms + i * 2 * DAY,
        step: { type: 'synpunkt', direction: 'incoming', correspondent: 'Elin Lundqvist' },
        title,
        classCode: c.classCode,
        status: 'registered',
        counterpart: null,
        responsibleUserId: c.responsibleUserId,
        parentCase: c,
      }),
    );
  });
  const questions = ['parkeringstillstånd', 'gatubelysningen på Åsvägen', 'sophämtningen i Norrby', 'bygglov för en friggebod'];
  const freeSerial =
    1 +
    Math.max(
      0,
      ...documents
        .filter((d) => d.caseId === '' && d.registerId === spec.id && d.documentNumber.includes(` ${year}-`))
        .map((d) => d.serial),
    );
  for (let i = 0; i < DISPOSAL_DUE_FREE_EMAILS; i++) {
    const serialI = freeSerial + i;
    documents.push(
      buildDocument(world, spec, {
        id: `doc-ksh-${year}-${String(serialI).padStart(5, '0')}`,
        caseId: '',
        documentNumber: formatFreeDocumentNumber(spec.freeDocumentPrefix, year, serialI),
        serial: serialI,
        ms: ms + (i + 1) * 3 * DAY,
        step: { type: 'epost', direction: 'incoming', correspondent: ['Ingrid Johansson', 'Mats Karlsson', 'Jonas Pettersson'] },
        title: `Fråga om ${questions[i % questions.length]!}`,
        classCode: '1.4.2.1',
        status: 'registered',
        counterpart: null,
        responsibleUserId: userId('registrator'),
        parentCase: null,
      }),
    );
  }
}

/** The meetings' notices and minutes, registered in their case after its own documents. */
function registerMeetingDocuments(world: World, drafts: readonly MeetingDocumentDraft[], cases: Case[], documents: Document[]): void {
  const spec = REGISTER_SPECS.find((r) => r.key === 'ks')!;
  for (const d of drafts) {
    const c = cases.find((x) => x.id === d.caseId)!;
    const serial = c.nextDocumentSerial;
    documents.push(
      buildDocument(world, spec, {
        id: d.id,
        caseId: c.id,
        documentNumber: formatDocumentNumber(c.caseNumber, serial),
        serial,
        ms: d.ms,
        step: { type: d.type, direction: 'created' },
        title: d.title,
        classCode: c.classCode,
        status: 'registered',
        counterpart: null,
        responsibleUserId: c.responsibleUserId,
        parentCase: c,
      }),
    );
    c.nextDocumentSerial = serial + 1;
  }
}

interface World {
  rng: Rng;
  now: number;
  users: User[];
  parties: Party[];
  classes: ClassNode[];
  /** swedishDate, memoised. */
  date: (epochMs: number) => string;
}

/** A time on a weekday during office hours (06–15 UTC, 07/08–16/17 in Sweden) between the bounds. */
export function officeTime(rng: Rng, fromMs: number, toMs: number): number {
  const t = fromMs + Math.floor(rng.next() * Math.max(1, toMs - fromMs));
  const d = new Date(t);
  const dow = d.getUTCDay();
  const shift = dow === 6 ? -1 : dow === 0 ? -2 : 0;
  const dayStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + shift);
  const at = dayStart + (6 * 60 + rng.int(0, 9 * 60 - 1)) * 60_000 + rng.int(0, 59_999);
  return Math.min(toMs, Math.max(fromMs, at));
}

interface Counterpart {
  name: string;
  partyId: string;
}

function pickTopic(rng: Rng, template: CaseTemplate): { topic: string; named: string | undefined } {
  const t: Topic = rng.pick(template.topics);
  return typeof t === 'string' ? { topic: t, named: undefined } : { topic: t[0], named: t[1] };
}

function partyByName(world: World, registerId: string, name: string): Party | undefined {
  return world.parties.find((p) => p.registerId === registerId && p.name === name);
}

function resolveCounterpart(world: World, registerId: string, template: CaseTemplate, named: string | undefined): Counterpart | null {
  const { rng } = world;
  const asCounterpart = (p: Party | undefined, name: string): Counterpart => ({ name: p?.name ?? name, partyId: p?.id ?? '' });
  if (named) return asCounterpart(partyByName(world, registerId, named), named);
  if (template.counterparts) {
    const name = rng.pick(template.counterparts);
    return asCounterpart(partyByName(world, registerId, name), name);
  }
  switch (template.counterpart) {
    case 'politician':
      return { name: rng.pick(MOTION_AUTHORS), partyId: '' };
    case 'person':
    case 'organisation': {
      const pool = world.parties.filter((p) => p.registerId === registerId && p.kind === template.counterpart);
      const p = rng.pick(pool);
      return { name: p.name, partyId: p.id };
    }
    case 'none':
      return null;
  }
}

function correspondentFor(
  world: World,
  registerId: string,
  step: Pick<DocStep, 'correspondent'>,
  counterpart: Counterpart | null,
): Counterpart {
  const fixed = step.correspondent;
  if (fixed !== undefined) {
    const name = typeof fixed === 'string' ? fixed : world.rng.pick(fixed);
    const p = partyByName(world, registerId, name);
    return { name, partyId: p?.id ?? '' };
  }
  if (!counterpart) throw new Error('template step needs a correspondent but the case has no counterpart');
  return counterpart;
}

const RESPONSIBLE_KS: readonly [string, number][] = [
  [userId('handlaggare'), 5],
  [userId('registrator'), 2],
  [userId('registrator2'), 2],
  [userId('kvalitet'), 1],
];

function pickResponsible(world: World, spec: RegisterSpec): string {
  if (spec.key === 'sn') return userId('sn.registrator');
  return world.rng.weighted(
    RESPONSIBLE_KS.map((r) => r[0]),
    RESPONSIBLE_KS.map((r) => r[1]),
  );
}

function qualityAssurer(spec: RegisterSpec): string {
  return spec.key === 'sn' ? userId('sn.registrator') : userId('kvalitet');
}

/** Who registers: registrars where the policy allows it, else the responsible case officer. */
function pickRegistrant(world: World, allowed: (u: User) => boolean, responsibleId: string): string {
  const candidates = world.users.filter(allowed);
  const registrars = candidates.filter((u) => u.roles.includes('registrar'));
  const responsible = candidates.find((u) => u.id === responsibleId);
  if (responsible && !responsible.roles.includes('registrar') && world.rng.chance(0.3)) return responsible.id;
  const pool = registrars.length > 0 ? registrars : candidates;
  if (pool.length === 0) throw new Error('nobody may register here');
  return world.rng.pick(pool).id;
}

function classNode(world: World, registerId: string, code: string): ClassNode {
  const node = world.classes.find((c) => c.registerId === registerId && c.code === code);
  if (!node) throw new Error(`no class ${code} in ${registerId}`);
  return node;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

interface DocDraft {
  ms: number;
  step: DocStep;
}

function generateCases(world: World, spec: RegisterSpec, count: number, cases: Case[], documents: Document[]): void {
  const { rng, now } = world;
  const templates = templatesFor(spec.key);
  const weights = templates.map((t) => t.weight);
  const planned = Array.from({ length: count }, () => ({
    ms: officeTime(rng, now - DEMO_SPAN_MS, now - 2 * HOUR),
    template: rng.weighted(templates, weights),
  })).sort((a, b) => a.ms - b.ms);

  const serialByYear = new Map<number, number>();
  for (const { ms, template } of planned) {
    const year = Number(world.date(ms).slice(0, 4));
    const serial = (serialByYear.get(year) ?? 0) + 1;
    serialByYear.set(year, serial);
    const caseNumber = formatCaseNumber(spec.casePrefix, year, serial);

    const { topic: topicPattern, named } = pickTopic(rng, template);
    const counterpart = resolveCounterpart(world, spec.id, template, named);
    const fill = { year, counterpart: counterpart?.name };
    const topic = fillTemplate(topicPattern, rng, fill);
    const title = fillTemplate(rng.pick(template.prefixes), rng, fill) + topic;
    const responsibleUserId = pickResponsible(world, spec);
    const node = classNode(world, spec.id, template.classCode);
    const caseStub = { registerId: spec.id, responsibleUserId };
    const createdBy = pickRegistrant(world, (u) => canRegisterCase(u, caseStub, node), responsibleUserId);

    // Older cases are more often closed (about a third overall); closed cases usually have all
    // their documents.
    const age = now - ms;
    const wantClosed = age > 20 * DAY && rng.chance(Math.min(0.55, (age / (365 * DAY)) * 0.45));
    const steps = template.steps;
    const target = wantClosed ? Math.max(1, steps.length - (rng.chance(0.25) ? 1 : 0)) : rng.int(1, steps.length);
    const drafts: DocDraft[] = [{ ms: ms + rng.int(0, 10) * 60_000, step: steps[0]! }];
    for (let i = 1; i < target; i++) {
      const prev = drafts[i - 1]!.ms;
      const next = officeTime(rng, prev + HOUR, prev + rng.int(1, 40) * DAY);
      if (next > now - HOUR) break;
      drafts.push({ ms: next, step: steps[i]! });
    }
    const lastMs = drafts[drafts.length - 1]!.ms;

    let status: CaseStatus;
    let closedMs = 0;
    if (wantClosed) {
      closedMs = officeTime(rng, lastMs + HOUR, lastMs + rng.int(1, 20) * DAY);
      status = closedMs <= now - HOUR ? 'closed' : 'registered';
    } else if (age < 10 * DAY) {
      status = rng.chance(0.6) ? 'registered_unchecked' : 'registered';
    } else {
      status = rng.chance(0.05) ? 'registered_unchecked' : 'registered';
    }

    const caseId = `case-${spec.key}-${year}-${String(serial).padStart(5, '0')}`;
    const c: Case = {
      id: caseId,
      registerId: spec.id,
      syncVersion: 1,
      updatedAt: iso(status === 'closed' ? closedMs : lastMs),
      caseNumber,
      year,
      serial,
      title,
      classCode: template.classCode,
      status,
      responsibleUserId,
      unit: template.unit,
      partyIds: counterpart?.partyId ? [counterpart.partyId] : [],
      description: template.description ? fillTemplate(template.description, rng, fill) : '',
      registeredDate: world.date(ms),
      closedDate: status === 'closed' ? world.date(closedMs) : '',
      createdBy,
      createdAt: iso(ms),
      newestKey: newestKey(ms),
      nextDocumentSerial: drafts.length + 1,
      ...NO_CORRECTION,
      ...unrestricted(),
    };
    cases.push(c);

    drafts.forEach((d, i) => {
      const docStatus: DocumentStatus =
        status === 'registered_unchecked' || (status === 'registered' && now - d.ms < 14 * DAY && rng.chance(0.5))
          ? 'registered_unchecked'
          : 'registered';
      const docTitle = fillTemplate(d.step.title, rng, { year, counterpart: counterpart?.name, caseTitle: title, topic });
      const doc = buildDocument(world, spec, {
        id: `doc-${spec.key}-${year}-${String(serial).padStart(5, '0')}-${i + 1}`,
        caseId,
        documentNumber: formatDocumentNumber(caseNumber, i + 1),
        serial: i + 1,
        ms: d.ms,
        step: d.step,
        title: docTitle,
        classCode: template.classCode,
        status: docStatus,
        counterpart,
        responsibleUserId,
        parentCase: c,
      });
      documents.push(doc);
    });
  }
}

interface DocInput {
  id: string;
  caseId: string;
  documentNumber: string;
  serial: number;
  ms: number;
  step: Pick<DocStep, 'type' | 'direction' | 'correspondent'>;
  title: string;
  classCode: string;
  status: DocumentStatus;
  counterpart: Counterpart | null;
  responsibleUserId: string;
  parentCase: Case | null;
}

function buildDocument(world: World, spec: RegisterSpec, input: DocInput): Document {
  const doc = documentOf(world, spec, input);
  return { ...doc, listKey: documentListKey(doc) };
}

/** The document with its list key still empty (in its place, so the record keeps the schema's key order). */
function documentOf(world: World, spec: RegisterSpec, input: DocInput): Document {
  const { rng } = world;
  const { ms, step } = input;
  const registeredDate = world.date(ms);
  const direction = step.direction;
  const who = direction === 'created' ? null : correspondentFor(world, spec.id, step, input.counterpart);
  const node = classNode(world, spec.id, input.classCode);
  const docStub = { registerId: spec.id, responsibleUserId: input.responsibleUserId };
  const createdBy =
    direction === 'created' &&
    canRegisterDocument(
      world.users.find((u) => u.id === input.responsibleUserId)!,
      docStub,
      input.parentCase,
      node,
    )
      ? input.responsibleUserId
      : pickRegistrant(world, (u) => canRegisterDocument(u, docStub, input.parentCase, node), input.responsibleUserId);
  const earlier = (maxDays: number) => world.date(ms - (rng.chance(0.3) ? rng.int(1, maxDays) * DAY : 0));
  return {
    id: input.id,
    registerId: spec.id,
    syncVersion: 1,
    updatedAt: iso(ms),
    caseId: input.caseId,
    documentNumber: input.documentNumber,
    serial: input.serial,
    direction,
    status: input.status,
    title: input.title,
    documentTypeId: doctypeId(spec.key, step.type),
    classCode: input.classCode,
    receivedDate: direction === 'incoming' ? earlier(3) : '',
    dispatchedDate: direction === 'outgoing' ? registeredDate : '',
    createdDate: direction === 'created' ? earlier(5) : '',
    sender: direction === 'incoming' ? who!.name : '',
    recipient: direction === 'outgoing' ? who!.name : '',
    senderPartyId: direction === 'incoming' ? who!.partyId : '',
    recipientPartyId: direction === 'outgoing' ? who!.partyId : '',
    responsibleUserId: input.responsibleUserId,
    description: '',
    registeredDate,
    createdBy,
    createdAt: iso(ms),
    newestKey: newestKey(ms),
    listKey: '',
    qualityAssuredBy: input.status === 'registered' ? qualityAssurer(spec) : '',
    messageId: '',
    mailReferences: [],
    ...NO_CORRECTION,
    ...unrestricted(),
    fileRestrictions: [],
    inheritedRestriction: 'none',
    maskedCopyOf: '',
    redactionDrafts: [],
  };
}

function generateFreeDocuments(world: World, spec: RegisterSpec, count: number, documents: Document[]): void {
  const { rng, now } = world;
  const templates = FREE_DOCUMENT_TEMPLATES.filter((t) => t.registerKey === spec.key);
  const planned = Array.from({ length: count }, () => ({
    ms: officeTime(rng, now - DEMO_SPAN_MS, now - 2 * HOUR),
    template: rng.pick(templates),
  })).sort((a, b) => a.ms - b.ms);
  const serialByYear = new Map<number, number>();
  const registrars = spec.key === 'sn' ? [userId('sn.registrator')] : [userId('registrator'), userId('registrator2')];
  for (const { ms, template } of planned) {
    const year = Number(world.date(ms).slice(0, 4));
    const serial = (serialByYear.get(year) ?? 0) + 1;
    serialByYear.set(year, serial);
    const title = fillTemplate(template.title, rng, { year, date: world.date(ms) });
    const status: DocumentStatus = now - ms < 14 * DAY && rng.chance(0.5) ? 'registered_unchecked' : 'registered';
    documents.push(
      buildDocument(world, spec, {
        id: `doc-${spec.freeDocumentPrefix.toLowerCase()}-${year}-${String(serial).padStart(5, '0')}`,
        caseId: '',
        documentNumber: formatFreeDocumentNumber(spec.freeDocumentPrefix, year, serial),
        serial,
        ms,
        step: template,
        title,
        classCode: template.classCode,
        status,
        counterpart: null,
        responsibleUserId: rng.pick(registrars),
        parentCase: null,
      }),
    );
  }
}
