import { isValidIsoDate } from '../../../../../shared/src';
import type { BodyType, MeetingRecord } from '../../../../../shared/src/model/meeting';
import { buildBody } from '../../meetings/build';
import { patchRecord } from '../../replica/sealing';
import type { RecordWriter } from '../types';
import { current, fail, shapeProblem, withoutBookkeeping, type Ids, type MeetingResult } from './write';

/** Bodies (nämnder, utskott): creating one, and writing the members a confirmed import changed. */
export interface CreateBodyInput {
  registerId: string;
  title: string;
  bodyType: BodyType;
  termFrom: string;
  termTo: string;
}

export async function createBody(replica: RecordWriter, input: CreateBodyInput, ids: Ids): Promise<MeetingResult> {
  if (!input.title.trim()) return fail('meetings.error.bodyTitle');
  if (input.bodyType === '') return fail('meetings.error.bodyType');
  if (!isValidIsoDate(input.termFrom) || !isValidIsoDate(input.termTo) || input.termTo < input.termFrom) return fail('meetings.error.term');
  const body = buildBody(
    {
      registerId: input.registerId,
      title: input.title,
      bodyType: input.bodyType,
      terms: [{ id: ids.newId(), from: input.termFrom, to: input.termTo }],
    },
    ids.newId(),
  );
  const problem = shapeProblem(body);
  if (problem) return problem;
  await replica.db.meetings.insert(body);
  return { ok: true, record: body };
}

/**
 * Writes the bodies a confirmed member import changed (`planMemberImport`'s `bodies`): each body is
 * one record, so each is one push; all are checked before the first is written.
 */
export async function updateBodyMembers(replica: RecordWriter, bodies: readonly MeetingRecord[]): Promise<MeetingResult<MeetingRecord[]>> {
  const found: NonNullable<Awaited<ReturnType<typeof current>>>[] = [];
  for (const body of bodies.map(withoutBookkeeping)) {
    const problem = shapeProblem(body);
    if (problem) return problem;
    const stored = await current(replica, body.id);
    if (!stored || stored.record.kind !== 'body') return fail('meetings.error.notFound');
    found.push(stored);
  }
  for (const [i, body] of bodies.entries())
    await patchRecord(found[i]!.doc, { members: body.members, memberIdentities: body.memberIdentities, terms: body.terms });
  return { ok: true, record: [...bodies] };
}
