/** The PDF/A identification a PDF claims in its XMP metadata, e.g. `{ part: 2, conformance: 'B' }`. */
export interface PdfAIdentification {
  readonly part: number;
  readonly conformance: string;
}

/** `<pdfaid:part>2</pdfaid:part>` or `pdfaid:part="2"` (both serialisations of XMP occur). */
function xmpProperty(xmp: string, name: string): string | null {
  const element = new RegExp(`<pdfaid:${name}>\\s*([^<\\s]+)\\s*</pdfaid:${name}>`).exec(xmp);
  if (element) return element[1]!;
  const attribute = new RegExp(`pdfaid:${name}\\s*=\\s*["']([^"']+)["']`).exec(xmp);
  return attribute ? attribute[1]! : null;
}

/**
 * Reads the identification from the XMP packet. PDF/A requires the metadata stream unfiltered,
 * so the packet is plain text in the file; a PDF whose only packet is compressed is not PDF/A.
 * Returns null when no packet names a part.
 */
export function pdfaIdentification(pdf: Uint8Array): PdfAIdentification | null {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  for (let at = text.indexOf('<x:xmpmeta'); at !== -1; at = text.indexOf('<x:xmpmeta', at + 1)) {
    const end = text.indexOf('</x:xmpmeta>', at);
    if (end === -1) break;
    const xmp = text.slice(at, end);
    const part = xmpProperty(xmp, 'part');
    if (part && /^[1-4]$/.test(part)) return { part: Number(part), conformance: xmpProperty(xmp, 'conformance') ?? '' };
  }
  return null;
}

/** Starts like a PDF (the header may follow a little junk, which readers accept; ours never has). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 8)).toString('latin1').startsWith('%PDF-');
}
