import type { BodyMember, MeetingRecord, MemberIdentity, MemberRole } from '../../model/meeting';
import { MAX_BODY_MEMBERS } from '../../model/meeting';
import { addDays, isValidIsoDate } from '../dates';
import { parseCsv } from './csv';
import { normalizeIdentityNumber } from './identity-number';

/**
 * Planning an import of members from an elected-officials register's CSV export: what would be
 * added, changed and ended per body, and which rows are rejected and why. Pure: the plan is shown
 * to the coordinator, and only the bodies it returns are written, all or nothing, on confirmation.
 *
 * What a registrar expects, as decided here:
 * - A row is matched to an existing assignment in the same body of the same person (by identity
 *   number when both have one, else by name and party, ignoring case and spacing) whose period
 *   overlaps the row's; a match with other values is "changed", no match is "added".
 * - The file is the whole truth for each body it names: an assignment in such a body that began
 *   before `today`, is still running, and matches no row (nor a rejected row naming the same
 *   person: a typo never ends anyone) is "ended" the day before `today`. Bodies the file does not
 *   name are left alone, as are assignments not yet begun.
 * - A substitute's order of service is the column `ordning` when given, else the order of the
 *   substitute rows of the same party and body in the file.
 */

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 1_000_000;

export type ImportRejectionReason =
  | 'too_large'
  | 'too_many_rows'
  | 'malformed_csv'
  | 'missing_columns'
  | 'missing_name'
  | 'unknown_body'
  | 'ambiguous_body'
  | 'unknown_role'
  | 'bad_date'
  | 'bad_order'
  | 'invalid_identity_number'
  | 'overlapping_assignment'
  | 'too_many_members';

export interface ImportRejection {
  /** The row's line in the file; 0 for the file as a whole or a body as a whole. */
  line: number;
  reason: ImportRejectionReason;
  /** English, for logs and to show next to the Swedish reason: the value or columns at fault. */
  detail: string;
}

export interface ImportRow {
  line: number;
  name: string;
  /** Normalised YYYYMMDD-NNNN, or ''. */
  identityNumber: string;
  party: string;
  bodyId: string;
  role: MemberRole;
  from: string;
  to: string;
  substituteOrder: number;
}

export interface MemberChange {
  before: BodyMember;
  after: BodyMember;
}

export interface ImportPlan {
  rows: ImportRow[];
  rejected: ImportRejection[];
  /** Per body id. */
  added: Record<string, BodyMember[]>;
  changed: Record<string, MemberChange[]>;
  /** The assignments as they will be, with `to` set. */
  ended: Record<string, BodyMember[]>;
  /** The body records to write; bodies without a change are left out. */
  bodies: MeetingRecord[];
}

type Column = 'name' | 'identityNumber' | 'party' | 'body' | 'role' | 'from' | 'to' | 'order';

const HEADERS: Record<string, Column> = {
  namn: 'name',
  name: 'name',
  personnummer: 'identityNumber',
  pnr: 'identityNumber',
  'personal identity number': 'identityNumber',
  'identity number': 'identityNumber',
  parti: 'party',
  party: 'party',
  organ: 'body',
  body: 'body',
  roll: 'role',
  role: 'role',
  från: 'from',
  from: 'from',
  till: 'to',
  to: 'to',
  ordning: 'order',
  order: 'order',
};
const REQUIRED: readonly Column[] = ['name', 'party', 'body', 'role', 'from', 'to'];

const ROLES: Record<string, MemberRole> = {
  ordförande: 'chair',
  '1:e vice ordförande': 'vice_chair',
  'förste vice ordförande': 'vice_chair',
  'vice ordförande': 'vice_chair',
  '2:e vice ordförande': 'second_vice_chair',
  'andre vice ordförande': 'second_vice_chair',
  ledamot: 'member',
  ersättare: 'substitute',
  chair: 'chair',
  vice_chair: 'vice_chair',
  second_vice_chair: 'second_vice_chair',
  member: 'member',
  substitute: 'substitute',
};

/** Case, spacing and Unicode form do not tell two names (or headers, roles, bodies) apart. */
function key(s: string): string {
  return s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv');
}

function utf8Bytes(s: string): number {
  let bytes = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function overlaps(a: { from: string; to: string }, b: { from: string; to: string }): boolean {
  const startsBeforeEnd = (x: { from: string }, y: { to: string }) => x.from === '' || y.to === '' || x.from <= y.to;
  return startsBeforeEnd(a, b) && startsBeforeEnd(b, a);
}

const emptyPlan = (rejected: ImportRejection[]): ImportPlan => ({ rows: [], rejected, added: {}, changed: {}, ended: {}, bodies: [] });

/** How the import tells people apart: by identity number when both have one, else by name and party. */
interface Person {
  identityNumber: string;
  nameParty: string;
}
function person(identityNumber: string, name: string, party: string): Person {
  return { identityNumber, nameParty: `${key(name)}\u0000${key(party)}` };
}
function samePerson(a: Person, b: Person): boolean {
  if (a.identityNumber !== '' && b.identityNumber !== '') return a.identityNumber === b.identityNumber;
  return a.nameParty === b.nameParty;
}

/**
 * Positions in a list by person, so matching 5,000 rows against each other and against a body's
 * members stays linear: `candidates` returns, in list order, every position that may be the same
 * person (`samePerson` then decides).
 */
function personIndex() {
  const byKey = new Map<string, number[]>();
  const keysOf = (p: Person) => (p.identityNumber === '' ? [`n${p.nameParty}`] : [`n${p.nameParty}`, `i${p.identityNumber}`]);
  return {
    add(p: Person, position: number): void {
      for (const k of keysOf(p)) {
        const positions = byKey.get(k);
        if (positions) positions.push(position);
        else byKey.set(k, [position]);
      }
    },
    candidates(p: Person): number[] {
      return [...new Set(keysOf(p).flatMap((k) => byKey.get(k) ?? []))].sort((a, b) => a - b);
    },
  };
}

/** Ids for new assignments: unique in their body; `newId` (e.g. a UUID maker) when the caller has one. */
function idMaker(today: string, newId: (() => string) | undefined): (taken: Set<string>, line: number) => string {
  return (taken, line) => {
    let id = newId ? newId() : `imp-${today.replaceAll('-', '')}-${line}`;
    for (let n = 2; taken.has(id); n++) id = `imp-${today.replaceAll('-', '')}-${line}-${n}`;
    taken.add(id);
    return id;
  };
}

export function planMemberImport(csvText: string, bodies: readonly MeetingRecord[], today: string, newId?: () => string): ImportPlan {
  if (utf8Bytes(csvText) > MAX_IMPORT_BYTES)
    return emptyPlan([{ line: 0, reason: 'too_large', detail: `more than ${MAX_IMPORT_BYTES} bytes` }]);
  const csv = parseCsv(csvText);
  if (!csv.ok) return emptyPlan([{ line: csv.line, reason: 'malformed_csv', detail: csv.detail }]);
  const [header, ...records] = csv.rows;
  if (records.length > MAX_IMPORT_ROWS)
    return emptyPlan([{ line: 0, reason: 'too_many_rows', detail: `${records.length} rows, at most ${MAX_IMPORT_ROWS}` }]);
  const columns = new Map<Column, number>();
  (header?.cells ?? []).forEach((cell, i) => {
    const column = HEADERS[key(cell)];
    if (column && !columns.has(column)) columns.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) return emptyPlan([{ line: header?.line ?? 1, reason: 'missing_columns', detail: missing.join(', ') }]);

  const bodiesByTitle = new Map<string, MeetingRecord[]>();
  for (const b of bodies) if (b.kind === 'body') bodiesByTitle.set(key(b.title), [...(bodiesByTitle.get(key(b.title)) ?? []), b]);

  const rows: ImportRow[] = [];
  const rejected: ImportRejection[] = [];
  const bodiesNamed = new Set<string>();
  /** People named by rejected rows, per body: a typo never ends anyone. */
  const spared = new Map<string, Person[]>();
  const rowPeople: Person[] = [];
  const rowIndex = personIndex();
  const substituteCount = new Map<string, number>();

  for (const record of records) {
    const cell = (c: Column) => {
      const i = columns.get(c);
      return i === undefined ? '' : (record.cells[i] ?? '').trim();
    };
    const name = cell('name').replace(/\s+/g, ' ');
    const party = cell('party');
    const matches = bodiesByTitle.get(key(cell('body'))) ?? [];
    const body = matches.length === 1 ? matches[0] : undefined;
    const rawIdentity = cell('identityNumber');
    const identityNumber = rawIdentity === '' ? '' : normalizeIdentityNumber(rawIdentity, today);
    const who = person(identityNumber ?? '', name, party);
    if (body) bodiesNamed.add(body.id);
    const reject = (reason: ImportRejectionReason, detail: string) => {
      rejected.push({ line: record.line, reason, detail });
      if (!body || name === '') return;
      const people = spared.get(body.id) ?? [];
      people.push(who);
      spared.set(body.id, people);
    };

    if (name === '') reject('missing_name', '');
    else if (matches.length === 0) reject('unknown_body', cell('body'));
    else if (!body) reject('ambiguous_body', cell('body'));
    else if (identityNumber === null) reject('invalid_identity_number', rawIdentity);
    else if (ROLES[key(cell('role'))] === undefined) reject('unknown_role', cell('role'));
    else if ((cell('from') !== '' && !isValidIsoDate(cell('from'))) || (cell('to') !== '' && !isValidIsoDate(cell('to'))))
      reject('bad_date', `${cell('from')} – ${cell('to')}`);
    else if (cell('from') !== '' && cell('to') !== '' && cell('from') > cell('to'))
      reject('bad_date', `${cell('from')} after ${cell('to')}`);
    else if (cell('order') !== '' && !/^[1-9]\d{0,2}$/.test(cell('order'))) reject('bad_order', cell('order'));
    else {
      const role = ROLES[key(cell('role'))]!;
      const row: ImportRow = {
        line: record.line,
        name,
        identityNumber,
        party,
        bodyId: body.id,
        role,
        from: cell('from'),
        to: cell('to'),
        substituteOrder: 0,
      };
      const clash = rowIndex
        .candidates(who)
        .find((i) => rows[i]!.bodyId === row.bodyId && overlaps(rows[i]!, row) && samePerson(rowPeople[i]!, who));
      if (clash !== undefined) {
        reject('overlapping_assignment', `overlaps line ${rows[clash]!.line}`);
        continue;
      }
      if (role === 'substitute') {
        const group = `${body.id}\u0000${key(party)}`;
        const n = (substituteCount.get(group) ?? 0) + 1;
        substituteCount.set(group, n);
        row.substituteOrder = cell('order') === '' ? n : Number(cell('order'));
      }
      rowIndex.add(who, rows.length);
      rowPeople.push(who);
      rows.push(row);
    }
  }

  const plan: ImportPlan = { rows, rejected, added: {}, changed: {}, ended: {}, bodies: [] };
  const makeId = idMaker(today, newId);
  const yesterday = addDays(today, -1);
  for (const body of bodies) {
    if (body.kind !== 'body' || !bodiesNamed.has(body.id)) continue;
    const identities = new Map(body.memberIdentities.map((i) => [i.memberId, i.identityNumber]));
    const members = body.members.map((m) => ({ ...m }));
    const memberPeople = members.map((m) => person(identities.get(m.id) ?? '', m.name, m.party));
    const memberIndex = personIndex();
    memberPeople.forEach((p, i) => memberIndex.add(p, i));
    const taken = new Set(members.map((m) => m.id));
    const matched = new Set<string>();
    const added: BodyMember[] = [];
    const changed: MemberChange[] = [];
    const newIdentities: MemberIdentity[] = [];

    rows.forEach((row, r) => {
      if (row.bodyId !== body.id) return;
      const at = memberIndex
        .candidates(rowPeople[r]!)
        .find((i) => !matched.has(members[i]!.id) && overlaps(members[i]!, row) && samePerson(memberPeople[i]!, rowPeople[r]!));
      const existing = at === undefined ? undefined : members[at];
      const values = { name: row.name, party: row.party, role: row.role, from: row.from, to: row.to, substituteOrder: row.substituteOrder };
      if (existing) {
        matched.add(existing.id);
        const after = { ...existing, ...values };
        if (JSON.stringify(after) !== JSON.stringify(existing) || (row.identityNumber !== '' && !identities.has(existing.id))) {
          changed.push({ before: { ...existing }, after });
          Object.assign(existing, values);
        }
        if (row.identityNumber !== '' && !identities.has(existing.id))
          newIdentities.push({ memberId: existing.id, identityNumber: row.identityNumber });
      } else {
        const member: BodyMember = { id: makeId(taken, row.line), userId: '', ...values };
        matched.add(member.id);
        added.push(member);
        members.push(member);
        memberPeople.push(rowPeople[r]!);
        if (row.identityNumber !== '') newIdentities.push({ memberId: member.id, identityNumber: row.identityNumber });
      }
    });

    const ended: BodyMember[] = [];
    const people = spared.get(body.id) ?? [];
    members.forEach((m, i) => {
      const running = (m.from === '' || m.from < today) && (m.to === '' || m.to >= today);
      if (matched.has(m.id) || !running || people.some((p) => samePerson(memberPeople[i]!, p))) return;
      m.to = yesterday;
      ended.push({ ...m });
    });

    if (added.length + changed.length + ended.length === 0) continue;
    if (members.length > MAX_BODY_MEMBERS) {
      plan.rejected.push({ line: 0, reason: 'too_many_members', detail: `${body.title}: ${members.length}, at most ${MAX_BODY_MEMBERS}` });
      continue;
    }
    if (added.length) plan.added[body.id] = added;
    if (changed.length) plan.changed[body.id] = changed;
    if (ended.length) plan.ended[body.id] = ended;
    plan.bodies.push({ ...body, members, memberIdentities: [...body.memberIdentities, ...newIdentities] });
  }
  return plan;
}
