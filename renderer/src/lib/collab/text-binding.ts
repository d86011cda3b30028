import type * as Y from 'yjs';

/** One step of a Y.Text change (Yjs `event.delta`, text only). */
export type TextDelta = ReadonlyArray<{ retain?: number; insert?: unknown; delete?: number }>;

/** The single edit that turns `before` into `after`: common prefix and suffix kept, the middle replaced. */
export function diffText(before: string, after: string): { index: number; remove: number; insert: string } {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  return { index: start, remove: before.length - start - end, insert: after.slice(start, after.length - end) };
}

/** Applies what the user typed in a plain text field to the shared text, as one transaction. */
export function applyTextChange(text: Y.Text, before: string, after: string, origin: unknown): void {
  const { index, remove, insert } = diffText(before, after);
  if (remove === 0 && insert.length === 0) return;
  text.doc!.transact(() => {
    if (remove > 0) text.delete(index, remove);
    if (insert.length > 0) text.insert(index, insert);
  }, origin);
}

/** Where a caret at `index` ends up after someone else's change, so remote typing does not move it. */
export function shiftIndex(delta: TextDelta, index: number): number {
  // Retains and deletes count positions of the text before the change; the caret is one of those.
  let oldPos = 0;
  let result = index;
  for (const op of delta) {
    if (oldPos > index) break;
    if (op.retain !== undefined) oldPos += op.retain;
    else if (op.insert !== undefined) {
      if (oldPos <= index) result += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      if (oldPos < index) result -= Math.min(op.delete, index - oldPos);
      oldPos += op.delete;
    }
  }
  return Math.max(0, result);
}
