/**
 * Statistics per decision body over a period, for the reports "Förtroendevalda" and "Beslut per
 * organ". Pure: the caller passes the meeting records the user receives (bodies, meetings, items)
 * and, for the process of each decision, the class code of each item's case.
 *
 * A meeting counts when it took place (held or later, as `bodyStatistics` counts) on a day in the
 * period. An item is decided when it has a § number and a decision: a decision text, or one the
 * server withheld from this user (an item reporting a restricted case still reaches every reader
 * of the register, with its title and decision withheld, so it is counted and listed without them).
 * The model has no separate record for assignments (uppdrag) a body gives; a decision is the unit.
 */
import type { MeetingRecord } from '../model/meeting';
import { bodyStatistics, type MemberAttendance } from './meetings/meeting-stats';

export interface Period {
  from: string;
  to: string;
}

const inPeriod = (date: string, p: Period) => date !== '' && date >= p.from && date <= p.to;
const swedish = new Intl.Collator('sv', { numeric: true });

/** The bodies asked for ('' for every body), in Swedish order of their names. */
export function bodiesOf(records: readonly MeetingRecord[], bodyId: string): MeetingRecord[] {
  return records.filter((r) => r.kind === 'body' && (bodyId === '' || r.id === bodyId)).sort((a, b) => swedish.compare(a.title, b.title));
}

/** One meeting held in the period and who attended it. */
export interface MeetingAttendance {
  meetingId: string;
  date: string;
  title: string;
  /** Members and substitutes present (late arrivals and early leavers included). */
  present: number;
  /** Ordinary members (not substitutes) whose assignment ran on the day. */
  members: number;
  /** Substitutes serving for an absent member. */
  substitutesServing: number;
}

export interface OfficialsOfBody {
  bodyId: string;
  title: string;
  bodyType: MeetingRecord['bodyType'];
  meetingsHeld: number;
  /** Assignments that ran at some time in the period, in the body's list order. */
  members: MemberAttendance[];
  meetings: MeetingAttendance[];
}

/** Per body: its members and their roles, attendance per member and per meeting held in the period. */
export function officialStatistics(bodies: readonly MeetingRecord[], meetings: readonly MeetingRecord[], p: Period): OfficialsOfBody[] {
  return bodies.map((body) => {
    const inRange = meetings
      .filter((m) => m.kind === 'meeting' && m.bodyId === body.id && inPeriod(m.date, p))
      .sort((a, b) => a.date.localeCompare(b.date) || a.startTime.localeCompare(b.startTime));
    const overall = bodyStatistics(body, inRange, []);
    const perMeeting = inRange.flatMap((m): MeetingAttendance[] => {
      const one = bodyStatistics(body, [m], []);
      if (one.meetingsHeld === 0) return [];
      const running = one.members.filter((x) => x.meetings === 1);
      return [
        {
          meetingId: m.id,
          date: m.date,
          title: m.title,
          present: running.reduce((n, x) => n + x.attended, 0),
          members: running.filter((x) => x.role !== 'substitute').length,
          substitutesServing: running.reduce((n, x) => n + x.servedAsSubstitute, 0),
        },
      ];
    });
    return {
      bodyId: body.id,
      title: body.title,
      bodyType: body.bodyType,
      meetingsHeld: overall.meetingsHeld,
      members: overall.members.filter((x) => (x.from === '' || x.from <= p.to) && (x.to === '' || x.to >= p.from)),
      meetings: perMeeting,
    };
  });
}

export interface DecisionMonth {
  /** `YYYY-MM`. */
  month: string;
  meetings: number;
  decided: number;
  /** Decided by a vote (votes recorded). */
  votes: number;
  /** Decisions that give an assignment (`givesAssignment`). */
  assignments: number;
}

export interface DecisionEntry {
  meetingDate: string;
  paragraph: number;
  caseNumber: string;
  /** The item's title, '' when `withheld`. */
  title: string;
  withheld: boolean;
  /** The class code of the item's case; '' for an item without a case. */
  classCode: string;
  /** The decision gives an assignment (false when the decision is withheld: it cannot be read). */
  assignment: boolean;
}

export interface DecisionsOfBody {
  bodyId: string;
  title: string;
  months: DecisionMonth[];
  /** Decisions per process (class code, '' for items without a case), in code order. */
  processes: { classCode: string; decided: number }[];
  decisions: DecisionEntry[];
  total: { meetings: number; decided: number; votes: number; assignments: number };
}

/**
 * Minutes word an assignment (uppdrag) as "ger kommundirektören i uppdrag att …", "uppdrar åt
 * nämnden att …" or "förvaltningen uppdras att …". There is no assignment record: the decision's
 * wording is what says it, so a decision the user may not read counts as none.
 */
const ASSIGNMENT = /(?<![\p{L}])(?:i uppdrag|uppdrar|uppdras)(?![\p{L}])/iu;

export function givesAssignment(decision: string): boolean {
  return ASSIGNMENT.test(decision);
}

export function isDecided(item: MeetingRecord): boolean {
  return item.kind === 'item' && item.paragraph > 0 && (item.decision.trim() !== '' || item.withheld.includes('decision'));
}

/**
 * Per body and month: meetings held and items decided; per process the decisions; and the list of
 * decisions by date and §. `include` narrows the items (the report's process filter); meetings
 * are counted regardless.
 */
export function decisionStatistics(
  bodies: readonly MeetingRecord[],
  meetings: readonly MeetingRecord[],
  items: readonly MeetingRecord[],
  classOfCase: ReadonlyMap<string, string>,
  p: Period,
  include: (classCode: string) => boolean = () => true,
): DecisionsOfBody[] {
  return bodies.map((body) => {
    const held = new Map(
      meetings
        .filter((m) => m.kind === 'meeting' && m.bodyId === body.id && inPeriod(m.date, p))
        .filter((m) => bodyStatistics(body, [m], []).meetingsHeld === 1)
        .map((m) => [m.id, m] as const),
    );
    const months = new Map<string, DecisionMonth>();
    const month = (date: string) => {
      const key = date.slice(0, 7);
      let e = months.get(key);
      if (!e) months.set(key, (e = { month: key, meetings: 0, decided: 0, votes: 0, assignments: 0 }));
      return e;
    };
    for (const m of held.values()) month(m.date).meetings++;
    const decisions: (DecisionEntry & { voted: boolean })[] = [];
    for (const item of items) {
      const meeting = held.get(item.meetingId);
      if (!meeting || item.bodyId !== body.id || !isDecided(item)) continue;
      const classCode = item.caseId ? (classOfCase.get(item.caseId) ?? '') : '';
      if (!include(classCode)) continue;
      const withheld = item.withheld.includes('title');
      decisions.push({
        meetingDate: meeting.date,
        paragraph: item.paragraph,
        caseNumber: item.caseNumber,
        title: withheld ? '' : item.title,
        withheld,
        classCode,
        assignment: !item.withheld.includes('decision') && givesAssignment(item.decision),
        voted: item.votes.length > 0,
      });
    }
    decisions.sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.paragraph - b.paragraph);
    const perProcess = new Map<string, number>();
    for (const d of decisions) {
      const e = month(d.meetingDate);
      e.decided++;
      if (d.voted) e.votes++;
      if (d.assignment) e.assignments++;
      perProcess.set(d.classCode, (perProcess.get(d.classCode) ?? 0) + 1);
    }
    const monthRows = [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
    return {
      bodyId: body.id,
      title: body.title,
      months: monthRows,
      processes: [...perProcess.entries()]
        .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : swedish.compare(a, b)))
        .map(([classCode, decided]) => ({ classCode, decided })),
      decisions: decisions.map(({ voted: _voted, ...d }) => d),
      total: {
        meetings: held.size,
        decided: decisions.length,
        votes: decisions.filter((d) => d.voted).length,
        assignments: decisions.filter((d) => d.assignment).length,
      },
    };
  });
}
