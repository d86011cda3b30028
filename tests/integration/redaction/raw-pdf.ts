/**
 * Writes PDFs object by object, for the cases pdf-lib will not produce: hand-made content streams,
 * Type3 fonts without ToUnicode, optional content, and incremental updates that keep an earlier
 * revision in the file.
 */
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

export type RawObject = string | { dict: string; stream: string | Uint8Array };

function body(num: number, o: RawObject): Uint8Array {
  if (typeof o === 'string') return latin1(`${num} 0 obj\n${o}\nendobj\n`);
  const data = typeof o.stream === 'string' ? latin1(o.stream) : o.stream;
  const head = latin1(`${num} 0 obj\n<< ${o.dict} /Length ${data.length} >>\nstream\n`);
  const tail = latin1('\nendstream\nendobj\n');
  const out = new Uint8Array(head.length + data.length + tail.length);
  out.set(head);
  out.set(data, head.length);
  out.set(tail, head.length + data.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function xrefSection(offsets: Map<number, number>, size: number, trailer: string, startAt: number): Uint8Array {
  const nums = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n';
  if (!offsets.has(0)) xref += '0 1\n0000000000 65535 f \n';
  for (const n of nums) xref += `${n} 1\n${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
  return latin1(`${xref}trailer\n<< /Size ${size} ${trailer} >>\nstartxref\n${startAt}\n%%EOF\n`);
}

/** A complete PDF from numbered objects; `trailer` holds /Root, /Info. */
export function rawPdf(objects: Record<number, RawObject>, trailer: string): Uint8Array {
  const parts: Uint8Array[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let at = parts[0]!.length;
  const offsets = new Map<number, number>();
  for (const [k, o] of Object.entries(objects)) {
    const b = body(Number(k), o);
    offsets.set(Number(k), at);
    parts.push(b);
    at += b.length;
  }
  const size = Math.max(...offsets.keys()) + 1;
  parts.push(xrefSection(offsets, size, trailer, at));
  return concat(parts);
}

/** Appends an incremental update (new versions of some objects) to a PDF made by `rawPdf`. */
export function appendRevision(pdf: Uint8Array, objects: Record<number, RawObject>, trailer: string): Uint8Array {
  const text = new TextDecoder('latin1').decode(pdf);
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const size = Number(/\/Size (\d+)/.exec(text.slice(prev))![1]);
  const parts: Uint8Array[] = [pdf];
  let at = pdf.length;
  const offsets = new Map<number, number>();
  for (const [k, o] of Object.entries(objects)) {
    const b = body(Number(k), o);
    offsets.set(Number(k), at);
    parts.push(b);
    at += b.length;
  }
  parts.push(xrefSection(offsets, Math.max(size, ...[...offsets.keys()].map((n) => n + 1)), `${trailer} /Prev ${prev}`, at));
  return concat(parts);
}
