import type { MeetingRecord, MeetingStatus, MemberRole } from '../../model/meeting';

/** Statistics per decision body: meetings, items, decisions, votes, attendance per member. */

/** Meetings that took place: held, and every status after it. */
const TOOK_PLACE: readonly MeetingStatus[] = ['held', 'minutes_adjusted', 'posted', 'closed'];

export interface MemberAttendance {
  memberId: string;
  name: string;
  party: string;
  role: MemberRole;
  from: string;
  to: string;
  /** Meetings held while the assignment ran. */
  meetings: number;
  /** Of those, meetings the member was present at (late or leaving early included). */
  attended: number;
  /** Of those, meetings a substitute served at for an absent member. */
  servedAsSubstitute: number;
}

export interface BodyStatistics {
  bodyId: string;
  bodyTitle: string;
  /** The calendar year counted, or null for all years. */
  year: number | null;
  meetingsHeld: number;
  items: number;
  /** Items with a decision text. */
  decisions: number;
  /** Items decided by a vote (votes recorded). */
  votes: number;
  /** One line per assignment, in the body's list order. */
  members: MemberAttendance[];
}

export function bodyStatistics(
  body: MeetingRecord,
  meetings: readonly MeetingRecord[],
  items: readonly MeetingRecord[],
  year?: number,
): BodyStatistics {
  const held = meetings.filter(
    (m) =>
      m.kind === 'meeting' &&
      m.bodyId === body.id &&
      TOOK_PLACE.includes(m.status as MeetingStatus) &&
      (year === undefined || m.date.slice(0, 4) === String(year).padStart(4, '0')),
  );
  const heldIds = new Set(held.map((m) => m.id));
  const itemsHeld = items.filter((i) => i.kind === 'item' && i.bodyId === body.id && heldIds.has(i.meetingId));

  const members = body.members.map((member): MemberAttendance => {
    const during = held.filter((m) => (member.from === '' || member.from <= m.date) && (member.to === '' || m.date <= member.to));
    const entries = during.map((m) => m.attendance.find((a) => a.memberId === member.id));
    return {
      memberId: member.id,
      name: member.name,
      party: member.party,
      role: member.role,
      from: member.from,
      to: member.to,
      meetings: during.length,
      attended: entries.filter((a) => a?.present).length,
      servedAsSubstitute: entries.filter((a) => a?.present && a.servingForMemberId !== '').length,
    };
  });

  return {
    bodyId: body.id,
    bodyTitle: body.title,
    year: year ?? null,
    meetingsHeld: held.length,
    items: itemsHeld.length,
    decisions: itemsHeld.filter((i) => i.decision.trim() !== '').length,
    votes: itemsHeld.filter((i) => i.votes.length > 0).length,
    members,
  };
}

export const ROLE_LABELS: Record<MemberRole, string> = {
  chair: 'Ordförande',
  vice_chair: '1:e vice ordförande',
  second_vice_chair: '2:e vice ordförande',
  member: 'Ledamot',
  substitute: 'Ersättare',
};

/**
 * A cell for Excel: quoted when it holds the separator, a quote or a line break; text that Excel
 * would take for a formula (=, +, -, @, tab, CR first) gets a leading apostrophe, so a name from an
 * import can never run as one.
 */
function cell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const line = (cells: (string | number)[]) => cells.map(cell).join(';');

/** The statistics as a `;`-separated CSV with Swedish headers and a UTF-8 BOM, as Excel opens it. */
export function statisticsCsv(stats: BodyStatistics): string {
  const lines = [
    line(['Organ', 'År', 'Sammanträden', 'Ärenden', 'Beslut', 'Omröstningar']),
    line([stats.bodyTitle, stats.year === null ? 'Alla' : stats.year, stats.meetingsHeld, stats.items, stats.decisions, stats.votes]),
    '',
    line(['Namn', 'Parti', 'Roll', 'Från', 'Till', 'Sammanträden', 'Närvarande', 'Tjänstgjort som ersättare', 'Närvaro (%)']),
    ...stats.members.map((m) =>
      line([
        m.name,
        m.party,
        ROLE_LABELS[m.role],
        m.from,
        m.to,
        m.meetings,
        m.attended,
        m.servedAsSubstitute,
        m.meetings === 0 ? '' : Math.round((100 * m.attended) / m.meetings),
      ]),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
