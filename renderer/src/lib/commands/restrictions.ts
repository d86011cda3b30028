import type { FileRestriction, RecordRestrictionKind, Shield } from '../../../../shared/src';
import type { MessageKey } from '../i18n/sv';
import { patchRecord } from '../replica/sealing';
import type { RecordWriter } from './types';

/** A record's restriction as the editor leaves it; the server checks every change again (restriction-change.ts). */
export interface RestrictionInput {
  kind: RecordRestrictionKind;
  ground: string;
  note: string;
  shields: Shield[];
  accessUserIds: string[];
  accessGroupIds: string[];
}

export type RestrictionResult = { ok: true } | { ok: false; error: MessageKey };

/** Every restriction, shield and restricted file names its legal ground. */
function problem(input: RestrictionInput, fileRestrictions: readonly FileRestriction[]): MessageKey | null {
  if (input.kind !== 'none' && !input.ground) return 'restriction.error.ground';
  if (input.shields.some((s) => !s.legalGround) || fileRestrictions.some((f) => !f.legalGround)) return 'restriction.error.ground';
  return null;
}

/** The fields saved: lifting a restriction clears its ground and note. */
function restrictionPatch(input: RestrictionInput) {
  return {
    restrictionKind: input.kind,
    legalGround: input.kind === 'none' ? '' : input.ground,
    restrictionNote: input.kind === 'none' ? '' : input.note.trim(),
    shields: input.shields,
    accessUserIds: input.accessUserIds,
    accessGroupIds: input.accessGroupIds,
  };
}

export async function restrictCase(replica: RecordWriter, caseId: string, input: RestrictionInput): Promise<RestrictionResult> {
  const error = problem(input, []);
  if (error) return { ok: false, error };
  const doc = await replica.db.cases.findOne(caseId).exec();
  if (doc) await patchRecord(doc, restrictionPatch(input));
  return { ok: true };
}

/** A document's restriction, and its single files' (`fileRestrictions`). */
export async function restrictDocument(
  replica: RecordWriter,
  documentId: string,
  input: RestrictionInput & { fileRestrictions: FileRestriction[] },
): Promise<RestrictionResult> {
  const error = problem(input, input.fileRestrictions);
  if (error) return { ok: false, error };
  const doc = await replica.db.documents.findOne(documentId).exec();
  if (doc) await patchRecord(doc, { ...restrictionPatch(input), fileRestrictions: input.fileRestrictions });
  return { ok: true };
}
