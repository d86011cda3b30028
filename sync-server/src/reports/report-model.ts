/**
 * The reports' content from records as the user receives them (projected): pure, so the rules
 * (which records, which values, in which order) are tested with literal inputs. A withheld value
 * is shown as "Skyddad uppgift", never read.
 */
import type { Case, ClassNode, Document, Flow } from '../../../shared/src';
import type { DecisionsOfBody } from '../../../shared/src/rules/body-statistics';
import { parseIsoDate } from '../../../shared/src/rules/dates';
import { median, type TypedFlow } from '../../../shared/src/rules/flow-statistics';
import type { ReportRequest } from '../../../shared/src/protocol/reports';

export const WITHHELD_TEXT = 'Skyddad uppgift';

const CASE_STATUS_SV: Record<Case['status'], string> = {
  registered_unchecked: 'Registrerat – ej kvalitetssäkrat',
  registered: 'Registrerat',
  closed: 'Avslutat',
  annulled: 'Makulerat',
  disposed: 'Gallrat',
  archived: 'Arkiverat',
};

const DOCUMENT_STATUS_SV: Record<Document['status'], string> = {
  draft: 'Utkast',
  registered_unchecked: 'Registrerad – ej kvalitetssäkrad',
  registered: 'Registrerad',
  annulled: 'Makulerad',
  disposed: 'Gallrad',
  archived: 'Arkiverad',
};

const DIRECTION_SV: Record<Document['direction'], string> = { incoming: 'Inkommen', outgoing: 'Utgående', created: 'Upprättad' };

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** Swedish order for titles and numbers alike (`KS 2026-00010` after `KS 2026-00009`). */
const collator = new Intl.Collator('sv', { numeric: true });

/** `2026-03-05` → `5 mars 2026`. */
export function swedishLongDate(iso: string): string {
  const { y, m, d } = parseIsoDate(iso);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** `2026-03` → `mars 2026`. */
export function swedishMonth(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** The process filter: '' for all, else the class itself and everything under it (`1.1` holds `1.1.3`, not `1.10`). */
export function inProcess(classCode: string, process: string): boolean {
  return process === '' || classCode === process || classCode.startsWith(`${process}.`);
}

function inPeriod(date: string, r: Pick<ReportRequest, 'from' | 'to'>): boolean {
  return date !== '' && date >= r.from && date <= r.to;
}

const shown = (rec: { withheld: readonly string[] }, field: string, value: string) =>
  rec.withheld.includes(field) ? WITHHELD_TEXT : value;

/** The process's name: `1.1.3 Hantera synpunkter`, or the bare code when the plan has no such class. */
export function processName(classCode: string, classes: ReadonlyMap<string, ClassNode>): string {
  const node = classes.get(classCode);
  return node ? `${classCode} ${node.title}` : classCode;
}

export interface CaseRow {
  number: string;
  title: string;
  registeredDate: string;
  process: string;
  status: string;
  closedDate: string;
}

/** Cases registered in the period under the process, by date and then number. */
export function caseRegisterRows(cases: readonly Case[], r: ReportRequest, classes: ReadonlyMap<string, ClassNode>): CaseRow[] {
  return cases
    .filter((c) => inPeriod(c.registeredDate, r) && inProcess(c.classCode, r.process))
    .sort((a, b) => a.registeredDate.localeCompare(b.registeredDate) || collator.compare(a.caseNumber, b.caseNumber))
    .map((c) => ({
      number: c.caseNumber,
      title: shown(c, 'title', c.title),
      registeredDate: c.registeredDate,
      process: processName(c.classCode, classes),
      status: CASE_STATUS_SV[c.status],
      closedDate: c.closedDate,
    }));
}

export interface DocumentRow {
  number: string;
  title: string;
  registeredDate: string;
  direction: string;
  /** The sender of an incoming document, the recipient of an outgoing one. */
  counterpart: string;
  status: string;
}

/** Documents registered in the period under the process (their own class), by date and then number. */
export function documentRegisterRows(docs: readonly Document[], r: ReportRequest): DocumentRow[] {
  return docs
    .filter((d) => inPeriod(d.registeredDate, r) && inProcess(d.classCode, r.process))
    .sort((a, b) => a.registeredDate.localeCompare(b.registeredDate) || collator.compare(a.documentNumber, b.documentNumber))
    .map((d) => ({
      number: d.documentNumber,
      title: shown(d, 'title', d.title),
      registeredDate: d.registeredDate,
      direction: DIRECTION_SV[d.direction],
      counterpart:
        d.direction === 'incoming' ? shown(d, 'sender', d.sender) : d.direction === 'outgoing' ? shown(d, 'recipient', d.recipient) : '',
      status: DOCUMENT_STATUS_SV[d.status],
    }));
}

export interface MonthCount {
  month: string;
  registered: number;
  closed: number;
}

export interface ProcessStatistics {
  process: string;
  months: MonthCount[];
  registered: number;
  closed: number;
  /** Days from registration to closing of the cases closed in the period; null when none closed. */
  medianDaysToClose: number | null;
  meanDaysToClose: number | null;
}

export interface CaseStatistics {
  processes: ProcessStatistics[];
  total: Omit<ProcessStatistics, 'process' | 'months'>;
}

function days(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

function mean(values: readonly number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/**
 * Per process (the case's class), sorted by name in Swedish order: cases registered and closed in
 * each month of the period, and the time to close of those closed in it. Annulled cases count as
 * registered, never as closed.
 */
export function caseStatistics(cases: readonly Case[], r: ReportRequest, classes: ReadonlyMap<string, ClassNode>): CaseStatistics {
  const byProcess = new Map<string, { months: Map<string, MonthCount>; times: number[] }>();
  const entry = (c: Case) => {
    const name = processName(c.classCode, classes);
    let e = byProcess.get(name);
    if (!e) byProcess.set(name, (e = { months: new Map(), times: [] }));
    return e;
  };
  const month = (e: { months: Map<string, MonthCount> }, date: string) => {
    const key = date.slice(0, 7);
    let m = e.months.get(key);
    if (!m) e.months.set(key, (m = { month: key, registered: 0, closed: 0 }));
    return m;
  };
  for (const c of cases) {
    if (!inProcess(c.classCode, r.process)) continue;
    if (inPeriod(c.registeredDate, r)) month(entry(c), c.registeredDate).registered++;
    if (c.status !== 'annulled' && inPeriod(c.closedDate, r)) {
      const e = entry(c);
      month(e, c.closedDate).closed++;
      if (c.registeredDate) e.times.push(Math.max(0, days(c.registeredDate, c.closedDate)));
    }
  }
  const processes = [...byProcess.entries()]
    .sort(([a], [b]) => collator.compare(a, b))
    .map(([process, e]) => {
      const months = [...e.months.values()].sort((a, b) => a.month.localeCompare(b.month));
      return {
        process,
        months,
        registered: months.reduce((n, m) => n + m.registered, 0),
        closed: months.reduce((n, m) => n + m.closed, 0),
        medianDaysToClose: median(e.times),
        meanDaysToClose: mean(e.times),
      };
    });
  const allTimes = [...byProcess.values()].flatMap((e) => e.times);
  return {
    processes,
    total: {
      registered: processes.reduce((n, p) => n + p.registered, 0),
      closed: processes.reduce((n, p) => n + p.closed, 0),
      medianDaysToClose: median(allTimes),
      meanDaysToClose: mean(allTimes),
    },
  };
}

/** What the e-signing report names a flow on a whole case (it has no document type). */
export const CASE_FLOW_TYPE = 'Ärende (hela ärendet)';
/** A flow whose document the user receives without its type's record. */
export const UNKNOWN_TYPE = 'Okänd handlingstyp';

/**
 * The flows of the e-signing report with their document type's name, narrowed to the process
 * (the class of the document, or of the case for a flow on a case). Flows whose target the user
 * does not receive never arrive here (a flow is projected with its target).
 */
export function typedFlows(
  flows: readonly Flow[],
  documents: ReadonlyMap<string, Pick<Document, 'documentTypeId' | 'classCode'>>,
  cases: ReadonlyMap<string, Pick<Case, 'classCode'>>,
  typeNames: ReadonlyMap<string, string>,
  process: string,
): TypedFlow[] {
  return flows.flatMap((flow): TypedFlow[] => {
    if (flow.targetCollection === 'cases') {
      const c = cases.get(flow.targetId);
      return inProcess(c?.classCode ?? '', process) ? [{ flow, documentType: CASE_FLOW_TYPE }] : [];
    }
    const d = documents.get(flow.targetId);
    if (!inProcess(d?.classCode ?? '', process)) return [];
    return [{ flow, documentType: (d && typeNames.get(d.documentTypeId)) ?? UNKNOWN_TYPE }];
  });
}

/** What the decisions report shows of an item without a case. */
export const NO_CASE = 'Utan ärende (t.ex. val av justerare)';

export interface DecisionReportBody extends Pick<DecisionsOfBody, 'bodyId' | 'title' | 'months' | 'total'> {
  processes: { process: string; decided: number }[];
  decisions: { date: string; paragraph: string; caseNumber: string; title: string; process: string; assignment: string }[];
}

/** The decisions per body with process names and withheld titles as "Skyddad uppgift". */
export function decisionReport(bodies: readonly DecisionsOfBody[], classes: ReadonlyMap<string, ClassNode>): DecisionReportBody[] {
  const name = (code: string) => (code ? processName(code, classes) : NO_CASE);
  return bodies.map((b) => ({
    bodyId: b.bodyId,
    title: b.title,
    months: b.months,
    total: b.total,
    processes: b.processes.map((p) => ({ process: name(p.classCode), decided: p.decided })),
    decisions: b.decisions.map((d) => ({
      date: d.meetingDate,
      paragraph: `§ ${d.paragraph}`,
      caseNumber: d.caseNumber,
      title: d.withheld ? WITHHELD_TEXT : d.title,
      process: name(d.classCode),
      assignment: d.assignment ? 'Ja' : '',
    })),
  }));
}
