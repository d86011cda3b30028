import { API, Party, parsePartyIdNumber, swedishDate, type PartyKind } from '../../../../shared/src';
import { t } from '../i18n/sv';
import type { FieldErrors } from '../registration/registration';
import { patchRecord } from '../replica/sealing';
import type { FormResult } from './cases';
import type { RecordWriter } from './types';

/** What the address book's form edits. */
export type PartyInput = Pick<
  Party,
  'kind' | 'name' | 'idNumber' | 'email' | 'phone' | 'postalAddress' | 'postalCode' | 'city' | 'protectedIdentity'
>;

export function emptyPartyInput(kind: PartyKind = 'person', name = ''): PartyInput {
  return { kind, name, idNumber: '', email: '', phone: '', postalAddress: '', postalCode: '', city: '', protectedIdentity: false };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The Swedish problems of a party as typed, and its values as stored (trimmed, the number normalised). */
export function checkParty(input: PartyInput, nowMs: number): { values: PartyInput; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const values = { ...input, name: input.name.trim(), email: input.email.trim(), phone: input.phone.trim(), city: input.city.trim() };
  if (!values.name) errors.name = t('form.error.required', { field: t('party.field.name') });
  const id = parsePartyIdNumber(values.kind, input.idNumber, swedishDate(nowMs));
  if (id.ok) values.idNumber = id.value;
  else errors.idNumber = t(`party.error.${id.error}`);
  if (values.email && !EMAIL.test(values.email)) errors.email = t('party.error.email');
  return { values, errors };
}

/** Adds a party to the register's address book (checked here, again by the server). */
export async function createParty(
  replica: RecordWriter,
  registerId: string,
  input: PartyInput,
  clock: { nowMs: number; id: string },
): Promise<FormResult<Party>> {
  const { values, errors } = checkParty(input, clock.nowMs);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const record: Party = { id: clock.id, registerId, syncVersion: 0, updatedAt: '', ...values, withheld: [] };
  const parsed = Party.safeParse(record);
  if (!parsed.success) return { ok: false, errors: { name: t('rejection.invalid_schema') } };
  await replica.db.parties.insert(parsed.data);
  return { ok: true, record: parsed.data };
}

/** Saves an edit of a party; fields the server withheld from this user are left as stored. */
export async function editParty(replica: RecordWriter, current: Party, input: PartyInput, nowMs: number): Promise<FormResult<Party>> {
  const { values, errors } = checkParty(input, nowMs);
  for (const f of current.withheld) delete errors[f];
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const patch: Partial<PartyInput> = { ...values };
  for (const f of current.withheld) delete patch[f as keyof PartyInput];
  const doc = await replica.db.parties.findOne(current.id).exec();
  if (doc) await patchRecord(doc, patch);
  return { ok: true, record: { ...current, ...patch } };
}

/** The merge's outcome: how many cases and documents now name the kept party, or the Swedish reason. */
export type MergeResult = { ok: true; changed: number } | { ok: false; problem: string };

const MERGE_REFUSALS = ['forbidden', 'not_found', 'same_party', 'other_register'] as const;

/**
 * Merges a duplicate into the party kept: done by the server in one step for every record naming
 * it (online only: a merge offline could not see records outside this replica).
 */
export async function mergeParty(
  session: { serverUrl: string; token: string },
  keepId: string,
  mergeId: string,
  fetchImpl: typeof fetch = fetch,
): Promise<MergeResult> {
  let res: Response;
  try {
    res = await fetchImpl(`${session.serverUrl}${API.partyMerge}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ keepId, mergeId }),
    });
  } catch {
    return { ok: false, problem: t('party.merge.error.unreachable') };
  }
  const json = (await res.json().catch(() => null)) as { error?: unknown; changed?: unknown } | null;
  if (res.ok && typeof json?.changed === 'number') return { ok: true, changed: json.changed };
  const code = MERGE_REFUSALS.find((c) => c === json?.error);
  if (!code) console.warn(`party merge: HTTP ${res.status}`);
  return { ok: false, problem: code ? t(`party.merge.error.${code}`) : t('party.merge.error.unreachable') };
}
