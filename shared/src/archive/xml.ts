/**
 * A minimal XML writer for the archive packages. Every text and attribute value goes through one
 * escaping function, so a title with markup characters or control characters still gives a
 * well-formed document.
 */

/** An element: name (with prefix), attributes (undefined and '' are left out) and children. */
export interface XmlElement {
  name: string;
  attrs: Readonly<Record<string, string | number | boolean | undefined>>;
  children: readonly XmlChild[];
}
export type XmlChild = XmlElement | string;

/** `el('mets:file', {ID: 'f1'}, child, …)`; null/false/undefined children are dropped, arrays flattened. */
export function el(
  name: string,
  attrs: Readonly<Record<string, string | number | boolean | undefined>> = {},
  ...children: readonly (XmlChild | null | undefined | false | readonly (XmlChild | null | undefined | false)[])[]
): XmlElement {
  const flat: XmlChild[] = [];
  for (const c of children) {
    if (Array.isArray(c)) {
      for (const x of c as readonly (XmlChild | null | undefined | false)[]) if (x !== null && x !== undefined && x !== false) flat.push(x);
    } else if (c !== null && c !== undefined && c !== false) flat.push(c as XmlChild);
  }
  return { name, attrs, children: flat };
}

/** An element with text content, or nothing when the text is empty (optional elements). */
export function textEl(name: string, text: string | number | undefined | null, attrs: XmlElement['attrs'] = {}): XmlElement | null {
  if (text === undefined || text === null || text === '') return null;
  return el(name, attrs, String(text));
}

// Characters XML 1.0 does not allow at all (C0 controls but tab/LF/CR, U+FFFE/FFFF, lone
// surrogates): replaced by U+FFFD so the reader sees that something was there.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content: markup characters escaped; CR kept as a reference (a parser would turn it into LF). */
export function escapeText(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values: also quotes, and whitespace as references (attribute normalisation would flatten it). */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

function attrsOf(attrs: XmlElement['attrs']): string {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === '') continue;
    out += ` ${k}="${escapeAttr(String(v))}"`;
  }
  return out;
}

function write(node: XmlElement, indent: string, out: string[]): void {
  const open = `${indent}<${node.name}${attrsOf(node.attrs)}`;
  if (node.children.length === 0) {
    out.push(`${open}/>`);
    return;
  }
  // Text content stays on one line with its element, so no whitespace is added to values.
  if (node.children.every((c) => typeof c === 'string')) {
    out.push(`${open}>${(node.children as string[]).map(escapeText).join('')}</${node.name}>`);
    return;
  }
  out.push(`${open}>`);
  for (const c of node.children) {
    if (typeof c === 'string') out.push(`${indent}  ${escapeText(c)}`);
    else write(c, `${indent}  `, out);
  }
  out.push(`${indent}</${node.name}>`);
}

/** The document as UTF-8 text with its declaration. */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, '', out);
  return `${out.join('\n')}\n`;
}
