import type { Flow } from '../model/flow';
import { isRestricted, mayReadContent, type AccessSubject, type Guarded } from './access';

/** The case or document a flow runs on, as stored now (with the document's case). */
export interface FlowTargetContext {
  record: Guarded;
  parentCase?: Guarded | null;
}

type FlowRef = Pick<Flow, 'targetCollection' | 'targetId' | 'caseId'>;

/**
 * What of a flow a user receives. A flow says who approves what, with comments about the
 * content, so on a restricted target it goes only to those who may read the target's content
 * (named access and a fresh second factor); everyone else receives nothing, not even that a flow
 * exists. Without its target loaded the answer fails closed.
 */
export function projectFlow<T extends FlowRef>(user: AccessSubject, flow: T, target: FlowTargetContext | null | undefined): T | null {
  if (!user.active || !target) return null;
  if (!isRestricted(target.record, target.parentCase)) return flow;
  return mayReadContent(user, target.record, target.parentCase) ? flow : null;
}

/** The target of a flow among records loaded for a page (documents by id, cases through `caseOf`). */
export function flowTargetOf(
  flow: FlowRef,
  docs: ReadonlyMap<string, unknown>,
  caseOf: (id: unknown) => Guarded | null,
): FlowTargetContext | null {
  if (flow.targetCollection === 'cases') {
    const record = caseOf(flow.targetId);
    return record ? { record } : null;
  }
  const doc = docs.get(flow.targetId) as Guarded | undefined;
  return doc ? { record: doc, parentCase: caseOf(flow.caseId) } : null;
}
