/**
 * E-signing statistics over approval flows (the report "E-underskrifter"): flows started,
 * approved, rejected and cancelled per month and per document type in a period, and the time an
 * approver took to sign. Pure: the caller passes the flows the user receives and names each
 * flow's document type.
 *
 * A flow counts as started in the month of `startedAt` and as approved, rejected or cancelled in
 * the month of `completedAt` (Swedish calendar days). Time to sign: for each approved step that
 * required a signature and was decided in the period, from the moment the step became active (the
 * flow's start for a parallel flow or the first step, else the previous step's decision) to its
 * decision. A flow sent back and restarted keeps its `startedAt`, so its first step's time runs
 * from the first start: an upper bound.
 */
import type { Flow } from '../model/flow';
import { swedishDate } from './dates';

export interface FlowCounts {
  started: number;
  approved: number;
  rejected: number;
  cancelled: number;
}

export interface FlowMonth extends FlowCounts {
  /** `YYYY-MM`. */
  month: string;
}

export interface FlowTypeStatistics extends FlowCounts {
  documentType: string;
  /** Signatures given in approved steps decided in the period. */
  signatures: number;
  /** Median hours from a signing step's activation to its decision; null without signatures. */
  medianHoursToSign: number | null;
}

export interface FlowStatistics {
  months: FlowMonth[];
  types: FlowTypeStatistics[];
  total: FlowCounts & { signatures: number; medianHoursToSign: number | null };
}

/** A flow with the name of its document type as the report shows it (a case flow: the caller's word for case). */
export interface TypedFlow {
  flow: Flow;
  documentType: string;
}

const FINAL = { approved: 'approved', rejected: 'rejected', cancelled: 'cancelled' } as const;
const swedish = new Intl.Collator('sv', { numeric: true });

/** The Swedish calendar day of a server instant, or '' when there is none. */
function dayOf(instant: string): string {
  const t = Date.parse(instant);
  return instant === '' || Number.isNaN(t) ? '' : swedishDate(t);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Hours each signing step of the flow took, for steps decided within the period. */
export function hoursToSign(flow: Flow, period: { from: string; to: string }): number[] {
  const out: number[] = [];
  flow.steps.forEach((step, i) => {
    if (!step.requiresSignature || step.status !== 'approved' || !step.decidedAt) return;
    const day = dayOf(step.decidedAt);
    if (day < period.from || day > period.to) return;
    const activated = flow.mode === 'parallel' || i === 0 ? flow.startedAt : flow.steps[i - 1]!.decidedAt || flow.startedAt;
    const ms = Date.parse(step.decidedAt) - Date.parse(activated);
    if (!Number.isNaN(ms)) out.push(Math.max(0, ms) / 3_600_000);
  });
  return out;
}

const zero = (): FlowCounts => ({ started: 0, approved: 0, rejected: 0, cancelled: 0 });

export function flowStatistics(flows: readonly TypedFlow[], period: { from: string; to: string }): FlowStatistics {
  const inPeriod = (day: string) => day !== '' && day >= period.from && day <= period.to;
  const months = new Map<string, FlowMonth>();
  const types = new Map<string, FlowCounts & { times: number[] }>();
  const month = (day: string) => {
    const key = day.slice(0, 7);
    let m = months.get(key);
    if (!m) months.set(key, (m = { month: key, ...zero() }));
    return m;
  };
  const type = (name: string) => {
    let t = types.get(name);
    if (!t) types.set(name, (t = { ...zero(), times: [] }));
    return t;
  };
  for (const { flow, documentType } of flows) {
    const started = dayOf(flow.startedAt);
    if (inPeriod(started)) {
      month(started).started++;
      type(documentType).started++;
    }
    const ended = dayOf(flow.completedAt);
    const outcome = FINAL[flow.status as keyof typeof FINAL];
    if (outcome && inPeriod(ended)) {
      month(ended)[outcome]++;
      type(documentType)[outcome]++;
    }
    const times = hoursToSign(flow, period);
    if (times.length) type(documentType).times.push(...times);
  }
  const typeRows = [...types.entries()]
    .sort(([a], [b]) => swedish.compare(a, b))
    .map(([documentType, { times, ...counts }]) => ({
      documentType,
      ...counts,
      signatures: times.length,
      medianHoursToSign: median(times),
    }));
  const allTimes = [...types.values()].flatMap((t) => t.times);
  const sum = (k: keyof FlowCounts) => typeRows.reduce((n, t) => n + t[k], 0);
  return {
    months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    types: typeRows,
    total: {
      started: sum('started'),
      approved: sum('approved'),
      rejected: sum('rejected'),
      cancelled: sum('cancelled'),
      signatures: allTimes.length,
      medianHoursToSign: median(allTimes),
    },
  };
}
