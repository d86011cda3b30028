import { displayText, effectiveRestriction, type Guarded, type RecordRestrictionKind } from '../../../shared/src';
import { fieldLabel } from './i18n/labels';
import { t, type MessageKey } from './i18n/sv';

/** Records as the server sent them: `withheld` names what this user was not given. */
type Projected = { withheld: readonly string[] };

export function isWithheld(record: Projected, field: string): boolean {
  return record.withheld.includes(field);
}

/** The value to show (with hidden characters made visible), or "Skyddad uppgift" where the server withheld it. */
export function shown(record: Projected, field: string, value: string): string {
  return isWithheld(record, field) ? t('restriction.withheld') : displayText(value);
}

export function restrictionKindLabel(kind: RecordRestrictionKind): string {
  return t(`restriction.kind.${kind}` as MessageKey);
}

/** "Sekretess – OSL 26 kap. 1 §", or '' for an unrestricted record. */
export function restrictionBadge(record: Guarded, parentCase?: Guarded | null): string {
  const r = effectiveRestriction(record, parentCase);
  return r.kind === 'none' ? '' : t('restriction.badge', { kind: restrictionKindLabel(r.kind), ground: r.legalGround });
}

/** "Skyddade här: Rubrik, Avsändare." for the fields the user cannot see. */
export function withheldSummary(record: Projected, collection: 'cases' | 'documents'): string {
  const fields = record.withheld.filter((f) => f !== 'files').map((f) => fieldLabel(f, collection));
  return fields.length ? t('restriction.withheldFields', { fields: fields.join(', ') }) : '';
}
