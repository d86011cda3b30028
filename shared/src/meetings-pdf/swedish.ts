/** Swedish wording of the meeting documents (the documents' own text, not UI strings). */
import { parseIsoDate } from '../rules/dates';
import type { ItemKind, MemberRole } from '../model/meeting';

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const WEEKDAYS = ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'];

/** `2026-12-15` → `tisdag 15 december 2026`; '' stays ''. */
export function longSwedishDate(isoDate: string): string {
  if (!isoDate) return '';
  const { y, m, d } = parseIsoDate(isoDate);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return `${WEEKDAYS[t.getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}

export const ROLE_LABELS: Record<MemberRole, string> = {
  chair: 'ordförande',
  vice_chair: '1:e vice ordförande',
  second_vice_chair: '2:e vice ordförande',
  member: 'ledamot',
  substitute: 'ersättare',
};

/** Titles of standard items when the coordinator gave none. */
export const STANDARD_ITEM_TITLES: Record<Exclude<ItemKind, ''>, string> = {
  case: 'Ärende',
  opening: 'Sammanträdets öppnande',
  adjuster_election: 'Val av justerare',
  agenda_approval: 'Godkännande av föredragningslistan',
  notifications: 'Anmälningsärenden',
  delegation_decisions: 'Redovisning av delegationsbeslut',
  other: 'Övrigt',
};

export const RESTRICTED_ITEM = 'Sekretessbelagt ärende';

export function restrictedDocumentText(legalGround: string): string {
  return legalGround ? `Handling omfattas av sekretess (${legalGround})` : 'Handling omfattas av sekretess';
}

/** Where the meeting is held: the place, remote, or both. */
export function placeText(place: string, remote: boolean): string {
  if (!remote) return place;
  return place ? `${place} och på distans` : 'På distans';
}

/** The line a notice made again after a disposal carries, naming the decision and the day. */
export function replacedAfterDisposal(decisionReference: string, date: string): string {
  return `Kallelsen är ersatt ${date} efter gallring enligt ${decisionReference}: uppgifter ur gallrade ärenden och handlingar är borttagna.`;
}
