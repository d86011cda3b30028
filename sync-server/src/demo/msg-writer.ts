/**
 * Writes a real Outlook .msg (an OLE compound file with MAPI property streams, [MS-OXMSG]) for
 * the demo's mail to drop and for tests, with the compound-file writer that ships with
 * @kenjiuno/msgreader. Only the properties a filed mail reads are written; Outlook writes more,
 * in the same places.
 */
import { burn, type Entry } from '@kenjiuno/msgreader/lib/Burner.js';
import { TypeEnum } from '@kenjiuno/msgreader/lib/Reader.js';

export interface MsgSpec {
  subject: string;
  senderName: string;
  senderAddress: string;
  /** Sent at (ISO). */
  submitTime: string;
  body?: string;
  bodyHtml?: string;
  transportHeaders?: string;
  recipients: { name: string; address: string; kind: 'to' | 'cc' }[];
  attachments: { filename: string; bytes: Uint8Array }[];
}

const utf16 = (s: string): Uint8Array => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[i * 2] = s.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = s.charCodeAt(i) >> 8;
  }
  return out;
};

/** A property stream: `header` bytes of zeros, then 16-byte entries (tag, flags, 8-byte value). */
function properties(header: number, entries: { tag: number; value: Uint8Array }[]): Uint8Array {
  const out = new Uint8Array(header + 16 * entries.length);
  const view = new DataView(out.buffer);
  entries.forEach((e, i) => {
    const at = header + 16 * i;
    view.setUint32(at, e.tag, true);
    view.setUint32(at + 4, 6, true); // readable | writable
    out.set(e.value.subarray(0, 8), at + 8);
  });
  return out;
}

function fileTime(iso: string): Uint8Array {
  const ft = BigInt(Date.parse(iso)) * 10_000n + 116_444_736_000_000_000n;
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, ft, true);
  return out;
}

function int32(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setUint32(0, n, true);
  return out;
}

export function buildMsg(spec: MsgSpec): Uint8Array {
  const entries: Entry[] = [{ name: 'Root Entry', type: TypeEnum.ROOT, length: 0, children: [] }];
  const add = (parent: number, entry: Entry): number => {
    entries.push(entry);
    const index = entries.length - 1;
    entries[parent]!.children!.push(index);
    return index;
  };
  const stream = (parent: number, name: string, bytes: Uint8Array) =>
    add(parent, { name, type: TypeEnum.DOCUMENT, length: bytes.length, binaryProvider: () => bytes });
  const text = (parent: number, prop: string, value: string) => stream(parent, `__substg1.0_${prop}001F`, utf16(value));

  text(0, '0037', spec.subject);
  text(0, '0C1A', spec.senderName);
  text(0, '5D01', spec.senderAddress);
  if (spec.body !== undefined) text(0, '1000', spec.body);
  if (spec.bodyHtml !== undefined) stream(0, '__substg1.0_10130102', new TextEncoder().encode(spec.bodyHtml));
  if (spec.transportHeaders) text(0, '007D', spec.transportHeaders);
  stream(0, '__properties_version1.0', properties(32, [{ tag: 0x00390040, value: fileTime(spec.submitTime) }]));
  spec.recipients.forEach((r, i) => {
    const dir = add(0, { name: `__recip_version1.0_#${String(i).padStart(8, '0')}`, type: TypeEnum.DIRECTORY, length: 0, children: [] });
    text(dir, '3001', r.name);
    text(dir, '39FE', r.address);
    stream(dir, '__properties_version1.0', properties(8, [{ tag: 0x0c150003, value: int32(r.kind === 'to' ? 1 : 2) }]));
  });
  spec.attachments.forEach((a, i) => {
    const dir = add(0, { name: `__attach_version1.0_#${String(i).padStart(8, '0')}`, type: TypeEnum.DIRECTORY, length: 0, children: [] });
    text(dir, '3707', a.filename);
    stream(dir, '__substg1.0_37010102', a.bytes);
    stream(dir, '__properties_version1.0', properties(8, []));
  });
  return burn(entries);
}
