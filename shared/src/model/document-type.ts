import { z } from 'zod';
import { Text, recordBase, recordBaseDeclarations } from './common';
import { declareFields } from './sensitivity';

/** What starts a disposal period (the event it counts from). */
export const RETENTION_TRIGGERS = [
  'registration',
  'end_of_registration_year',
  'case_closed',
  'end_of_case_closed_year',
  'on_obsolescence',
] as const;
export const RetentionTrigger = z.enum(RETENTION_TRIGGERS);
export type RetentionTrigger = z.infer<typeof RetentionTrigger>;

export const RetentionRule = z.discriminatedUnion('action', [
  z.object({ action: z.literal('preserve'), explanation: Text(1000) }),
  z.object({
    action: z.literal('dispose'),
    /** Whole years after the trigger; 0 means at the trigger. */
    periodYears: z.number().int().min(0).max(200),
    trigger: RetentionTrigger,
    explanation: Text(1000),
  }),
]);
export type RetentionRule = z.infer<typeof RetentionRule>;

/** A document type of the retention schedule (dokumenthanteringsplan), bound to processes. */
export const DocumentType = z.object({
  ...recordBase,
  name: Text(200).min(1),
  /** Classification codes where this type may be used; a prefix code covers its sub-processes. */
  classCodes: z.array(z.string().max(32)).max(200),
  retention: RetentionRule,
  /** Rules we made up for the demo are labelled as such in the product. */
  demoRule: z.boolean(),
});
export type DocumentType = z.infer<typeof DocumentType>;

/** Directory and configuration records carry no content of their own: every field is metadata. */
export const DOCUMENT_TYPE_FIELDS = declareFields<DocumentType>({
  ...recordBaseDeclarations,
  name: 'metadata',
  classCodes: 'metadata',
  retention: 'metadata',
  demoRule: 'metadata',
});

/** A document type may be used in the processes it names and in their sub-processes. */
export function documentTypeAllows(type: Pick<DocumentType, 'classCodes'>, classCode: string): boolean {
  return type.classCodes.some((c) => classCode === c || classCode.startsWith(`${c}.`));
}
