import { Case, isCorrection, type CaseStatus, type ClassNode, type Subject } from '../../../../shared/src';
import { t } from '../i18n/sv';
import { buildCase, type Clock, type NewCaseInput } from '../records';
import { schemaErrors, validateCase, type FieldErrors } from '../registration/registration';
import { patchRecord } from '../replica/sealing';
import type { RecordWriter } from './types';

/** A form's outcome: saved, or the Swedish error per field (nothing written). */
export type FormResult<T> = { ok: true; record: T } | { ok: false; errors: FieldErrors };

/** Registers a new case: placeholders for what the server assigns, checked, then saved locally. */
export async function registerCase(
  replica: RecordWriter,
  input: NewCaseInput,
  by: Subject & { id: string },
  process: ClassNode | undefined,
  clock: Clock,
): Promise<FormResult<Case>> {
  const record = buildCase(input, by.id, clock);
  const errors = validateCase(record, by, process);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  await replica.db.cases.insert(record);
  return { ok: true, record };
}

export type CaseEdit = Pick<Case, 'title' | 'description' | 'responsibleUserId' | 'unit'>;

/**
 * Saves an edit of a case's own fields (the title trimmed and required). Once the case is quality
 * assured a change of its entry is a correction: the reason is required and sent with it.
 */
export async function editCase(replica: RecordWriter, current: Case, edit: CaseEdit, reason = ''): Promise<FormResult<Case>> {
  const next = { ...current, ...edit, title: edit.title.trim() };
  const correction = isCorrection('cases', current, next);
  if (correction) next.changeReason = reason.trim();
  const parsed = Case.safeParse(next);
  let errors = parsed.success ? {} : schemaErrors(parsed.error.issues, 'cases');
  if (!next.title) errors = { ...errors, title: t('form.error.required', { field: t('field.title.case') }) };
  if (correction && !next.changeReason) errors = { ...errors, changeReason: t('correction.error.reason') };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const doc = await replica.db.cases.findOne(current.id).exec();
  if (doc)
    await patchRecord(doc, {
      title: next.title,
      description: next.description,
      responsibleUserId: next.responsibleUserId,
      unit: next.unit,
      ...(correction ? { changeReason: next.changeReason } : {}),
    });
  return { ok: true, record: next };
}

/** Moves a case to another status (the server checks the status machine and the user's rights). */
export async function setCaseStatus(replica: RecordWriter, caseId: string, to: CaseStatus): Promise<void> {
  const doc = await replica.db.cases.findOne(caseId).exec();
  if (doc) await patchRecord(doc, { status: to });
}

/** Quality assurance: status only, the server records who checked it. */
export function approveCase(replica: RecordWriter, caseId: string): Promise<void> {
  return setCaseStatus(replica, caseId, 'registered');
}
