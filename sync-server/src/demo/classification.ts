import type { ClassNode } from '../../../shared/src';
import { KLASSA_2_1 } from './data/klassa.data';

/** A process of our own below a KLASSA processgrupp (level 4, `local: true`). */
export interface LocalProcess {
  code: string;
  title: string;
  /** Groups that may register in the process; empty means every registering role. */
  registrationGroupIds: readonly string[];
}

/** Group that alone may register personnel matters (see LOCAL_PROCESSES, 2.3.6.1). */
export const HR_GROUP_ID = 'grp-hr';

/**
 * Exempelkommun's local processes: the municipal board's most used groups (nämndadministration,
 * styrdokument, synpunkter, avtal, personal, ekonomi …). Not part of KLASSA.
 */
export const LOCAL_PROCESSES: readonly LocalProcess[] = [
  { code: '1.1.1.1', title: 'Val och entlediganden av förtroendevalda', registrationGroupIds: [] },
  { code: '1.1.3.1', title: 'Beredning av politiska ärenden', registrationGroupIds: [] },
  { code: '1.1.3.2', title: 'Motioner', registrationGroupIds: [] },
  { code: '1.1.3.3', title: 'Medborgarförslag', registrationGroupIds: [] },
  { code: '1.1.3.4', title: 'Sammanträdesadministration', registrationGroupIds: [] },
  { code: '1.1.3.5', title: 'Delegationsbeslut och anmälningar', registrationGroupIds: [] },
  { code: '1.1.6.1', title: 'Remisser och yttranden', registrationGroupIds: [] },
  { code: '1.1.6.2', title: 'Omvärldsbevakning och samverkan', registrationGroupIds: [] },
  { code: '1.2.2.1', title: 'Framtagande och revidering av styrdokument', registrationGroupIds: [] },
  { code: '1.2.4.1', title: 'Budget och verksamhetsplan', registrationGroupIds: [] },
  { code: '1.2.4.2', title: 'Uppföljning, delårsrapport och årsredovisning', registrationGroupIds: [] },
  { code: '1.4.1.1', title: 'Begäran om utlämnande av allmän handling', registrationGroupIds: [] },
  { code: '1.4.2.1', title: 'Synpunkter och klagomål', registrationGroupIds: [] },
  { code: '2.3.1.1', title: 'Samverkan och MBL-förhandlingar', registrationGroupIds: [] },
  { code: '2.3.6.1', title: 'Personalärenden', registrationGroupIds: [HR_GROUP_ID] },
  { code: '2.4.1.1', title: 'Attest och fakturahantering', registrationGroupIds: [] },
  { code: '2.4.3.1', title: 'Föreningsbidrag och andra bidrag', registrationGroupIds: [] },
  { code: '2.5.1.1', title: 'Upphandling', registrationGroupIds: [] },
  { code: '2.5.1.2', title: 'Avtal och avtalsuppföljning', registrationGroupIds: [] },
];

/** Record id of a class node: ids allow no dots, so `1.1.3` becomes `cls-ks-1-1-3`. */
export function classId(registerKey: string, code: string): string {
  return `cls-${registerKey}-${code.replaceAll('.', '-')}`;
}

export interface PlanRow {
  code: string;
  title: string;
  level: number;
  parentCode: string;
  selectable: boolean;
  registrationGroupIds: readonly string[];
  local: boolean;
}

/** The municipal plan: KLASSA 2.1 levels 1–3 without the regional areas, plus the local processes. */
export function municipalPlan(): PlanRow[] {
  const klassa = KLASSA_2_1.filter((r) => !r.region);
  const parents = new Set<string>([...klassa.map((r) => r.parentCode), ...LOCAL_PROCESSES.map((p) => parentOf(p.code))]);
  const rows: PlanRow[] = klassa.map((r) => ({
    code: r.code,
    title: r.title,
    level: r.level,
    parentCode: r.parentCode,
    // Leaves take cases: local processes, and process groups that have none.
    selectable: r.level === 3 && !parents.has(r.code),
    registrationGroupIds: [],
    local: false,
  }));
  for (const p of LOCAL_PROCESSES) {
    rows.push({
      code: p.code,
      title: p.title,
      level: 4,
      parentCode: parentOf(p.code),
      selectable: true,
      registrationGroupIds: p.registrationGroupIds,
      local: true,
    });
  }
  return rows.sort((a, b) => compareCodes(a.code, b.code));
}

export function parentOf(code: string): string {
  const i = code.lastIndexOf('.');
  return i < 0 ? '' : code.slice(0, i);
}

/** Numeric order of classification codes: 2.10 after 2.9. */
export function compareCodes(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export function buildClassNodes(registerId: string, registerKey: string, updatedAt: string): ClassNode[] {
  return municipalPlan().map((r) => ({
    id: classId(registerKey, r.code),
    registerId,
    syncVersion: 1,
    updatedAt,
    code: r.code,
    title: r.title,
    level: r.level,
    parentCode: r.parentCode,
    selectable: r.selectable,
    registrationGroupIds: [...r.registrationGroupIds],
    local: r.local,
  }));
}
