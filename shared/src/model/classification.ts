import { z } from 'zod';
import { Id, Text, recordBase, recordBaseDeclarations } from './common';
import { declareFields } from './sensitivity';

/** A node of the classification plan: verksamhetsområde, processgrupp or (local) process. */
export const ClassNode = z.object({
  ...recordBase,
  /** KLASSA code such as `1.1.3`, or a local process code under it such as `1.1.3.2`. */
  code: z
    .string()
    .min(1)
    .max(32)
    .regex(/^\d+(\.\d+)*$/),
  title: Text(300).min(1),
  level: z.number().int().min(1).max(6),
  parentCode: z.string().max(32),
  /** Only leaf processes (and process groups without children) take cases and documents. */
  selectable: z.boolean(),
  /** Process-level limit on who may register; empty means every registering role may. */
  registrationGroupIds: z.array(Id).max(50),
  /** True where the node is our own addition below KLASSA's third level. */
  local: z.boolean(),
});
export type ClassNode = z.infer<typeof ClassNode>;

/** Directory and configuration records carry no content of their own: every field is metadata. */
export const CLASS_FIELDS = declareFields<ClassNode>({
  ...recordBaseDeclarations,
  code: 'metadata',
  title: 'metadata',
  level: 'metadata',
  parentCode: 'metadata',
  selectable: 'metadata',
  registrationGroupIds: 'metadata',
  local: 'metadata',
});
