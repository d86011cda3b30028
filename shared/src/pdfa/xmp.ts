/**
 * The XMP metadata packet of a PDF/A-2b file: the PDF/A identification and the same title,
 * author, creator tool, producer and dates as the Info dictionary (ISO 19005-2 6.6.2.3 requires
 * them to agree).
 */

/** What both the Info dictionary and the XMP packet say about the document. */
export interface PdfAInfo {
  title: string;
  /** Who made the document (the authority or the user); dc:creator / Author. */
  author: string;
  /** The application that made it; xmp:CreatorTool / Creator. */
  creatorTool: string;
  producer: string;
  /** BCP 47, e.g. `sv-SE`. */
  language: string;
  /** Creation and modification instant (whole seconds are kept). */
  createdAt: Date;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text made safe for XML character data and attribute values; control characters are dropped. */
export function escapeXml(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // XML 1.0 allows tab, line feed and carriage return of the C0 controls, and no U+FFFE/U+FFFF.
    if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || cp === 0xfffe || cp === 0xffff) continue;
    out += XML_ESCAPES[ch] ?? ch;
  }
  return out;
}

/** `2026-12-07T13:05:09Z`: the instant as pdf-lib writes it to the Info dictionary (UTC). */
export function xmpDate(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export function xmpPacket(info: PdfAInfo): string {
  const e = escapeXml;
  const date = xmpDate(info.createdAt);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(info.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${e(info.author)}</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>${e(info.language)}</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>${e(info.creatorTool)}</xmp:CreatorTool>
<xmp:CreateDate>${date}</xmp:CreateDate>
<xmp:ModifyDate>${date}</xmp:ModifyDate>
<xmp:MetadataDate>${date}</xmp:MetadataDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>${e(info.producer)}</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
