import type { BodyMember, MeetingRecord } from '../../../../shared/src/model/meeting';
import type { ImportPlan } from '../../../../shared/src/rules/meetings';
import { t } from '../i18n/sv';

/** What the import preview shows per body: who is added, changed and ended. */
export interface BodyPreview {
  bodyId: string;
  title: string;
  added: BodyMember[];
  changed: { name: string; what: string }[];
  ended: BodyMember[];
}

const ROLE_AND_DATES: readonly (keyof BodyMember)[] = ['role', 'party', 'from', 'to', 'substituteOrder'];

/** "roll: ledamot → ersättare, till: – → 2026-12-31": the fields a change touches, in Swedish. */
function changeText(before: BodyMember, after: BodyMember): string {
  return ROLE_AND_DATES.filter((f) => before[f] !== after[f])
    .map((f) => {
      const show = (v: unknown) => (f === 'role' ? t(`meetings.role.${v as BodyMember['role']}`) : String(v) || '–');
      return `${t(`meetings.import.field.${f}` as 'meetings.import.field.role')}: ${show(before[f])} → ${show(after[f])}`;
    })
    .join(', ');
}

export function importPreview(plan: ImportPlan, bodies: readonly MeetingRecord[]): BodyPreview[] {
  const ids = new Set([...Object.keys(plan.added), ...Object.keys(plan.changed), ...Object.keys(plan.ended)]);
  return bodies
    .filter((b) => ids.has(b.id))
    .map((b) => ({
      bodyId: b.id,
      title: b.title,
      added: plan.added[b.id] ?? [],
      changed: (plan.changed[b.id] ?? []).map((c) => ({ name: c.after.name, what: changeText(c.before, c.after) })),
      ended: plan.ended[b.id] ?? [],
    }))
    .filter((p) => p.added.length + p.changed.length + p.ended.length > 0);
}

/** A rejected row in Swedish: "Rad 4: ogiltigt personnummer (19811218-9875)". */
export function rejectionText(r: ImportPlan['rejected'][number]): string {
  const reason = t(`meetings.import.reason.${r.reason}`);
  const where = r.line > 0 ? t('meetings.import.line', { line: r.line }) : t('meetings.import.file');
  return `${where}: ${reason}${r.detail ? ` (${r.detail})` : ''}`;
}
