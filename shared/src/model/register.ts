import { z } from 'zod';
import { Text, recordBase, recordBaseDeclarations } from './common';
import { declareFields } from './sensitivity';
import { LegalGroundOption } from './restriction';

/** An authority's official register (diarium). Each board or company has its own. */
export const Register = z.object({
  ...recordBase,
  /** The authority that keeps the register (Arkivbildare). */
  authorityName: Text(200).min(1),
  name: Text(200).min(1),
  /** Case series prefix: `KS` gives `KS 2026-00042`. */
  casePrefix: z
    .string()
    .min(1)
    .max(12)
    .regex(/^[A-ZÅÄÖ0-9-]+$/),
  /** Series prefix for free-standing documents: `KSH` gives `KSH 2026-00012`. */
  freeDocumentPrefix: z
    .string()
    .min(1)
    .max(12)
    .regex(/^[A-ZÅÄÖ0-9-]+$/),
  /** Shown with the plan wherever it is displayed. */
  classificationCredit: Text(300),
  /** The value list of legal grounds for restrictions; the administrator keeps it. */
  legalGrounds: z.array(LegalGroundOption).max(300),
});
export type Register = z.infer<typeof Register>;

/** Directory and configuration records carry no content of their own: every field is metadata. */
export const REGISTER_FIELDS = declareFields<Register>({
  ...recordBaseDeclarations,
  authorityName: 'metadata',
  name: 'metadata',
  casePrefix: 'metadata',
  freeDocumentPrefix: 'metadata',
  classificationCredit: 'metadata',
  legalGrounds: 'metadata',
});
