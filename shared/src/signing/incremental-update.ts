/**
 * Appends objects to a PDF as an incremental update (ISO 32000-1 §7.5.6): new and replaced
 * objects, a new xref section and a trailer pointing back with /Prev. The original bytes stay
 * untouched, so every earlier signature keeps covering exactly what it signed.
 */
import { ascii, concatBytes } from '../pdf-signature/bytes';
import { dictGet, serializePdfValue } from '../pdf-signature/pdf-objects';
import type { Revision } from './pdf-revision';

export interface UpdatedObject {
  readonly num: number;
  /** Generation of the object being replaced (new objects: 0). */
  readonly gen?: number;
  /** What goes between `N 0 obj` and `endobj`: PDF syntax, possibly with a binary stream. */
  readonly body: Uint8Array;
}

export function appendIncrementalUpdate(rev: Revision, objects: readonly UpdatedObject[], newSize: number): Uint8Array {
  const parts: Uint8Array[] = [rev.bytes];
  let at = rev.bytes.length;
  const push = (b: Uint8Array) => {
    parts.push(b);
    at += b.length;
  };
  // The previous revision may end right after %%EOF: start the update on a new line.
  const last = rev.bytes[rev.bytes.length - 1];
  if (last !== 0x0a && last !== 0x0d) push(ascii('\n'));

  const offsets = new Map<number, { at: number; gen: number }>();
  for (const o of objects) {
    offsets.set(o.num, { at, gen: o.gen ?? 0 });
    push(ascii(`${o.num} ${o.gen ?? 0} obj\n`));
    push(o.body);
    push(ascii('\nendobj\n'));
  }

  const xrefAt = at;
  let xref = 'xref\n';
  for (const [num, o] of [...offsets].sort(([a], [b]) => a - b)) {
    xref += `${num} 1\n${String(o.at).padStart(10, '0')} ${String(o.gen).padStart(5, '0')} n\r\n`;
  }
  const keep = ['Root', 'Info', 'ID'].flatMap((k) => {
    const v = dictGet(rev.trailer, k);
    return v === undefined ? [] : [`/${k} ${serializePdfValue(v)}`];
  });
  xref += `trailer\n<< /Size ${newSize} ${keep.join(' ')} /Prev ${rev.startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  push(ascii(xref));
  return concatBytes(parts);
}
