import { describe, expect, it } from 'vitest';
import { looksLikePdf, pdfaIdentification } from './pdfa-identification';

const pdf = (xmp: string) =>
  new TextEncoder().encode(`%PDF-1.7\n1 0 obj\n<< /Type /Metadata /Subtype /XML >>\nstream\n${xmp}\nendstream\n`);

describe('pdfaIdentification', () => {
  it('reads the element form LibreOffice writes', () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
      <pdfaid:part>2</pdfaid:part>
      <pdfaid:conformance>B</pdfaid:conformance></rdf:Description></x:xmpmeta>`;
    expect(pdfaIdentification(pdf(xmp))).toEqual({ part: 2, conformance: 'B' });
  });

  it('reads the attribute form (pdf-lib and others)', () => {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description pdfaid:part="3" pdfaid:conformance='A'/></x:xmpmeta>`;
    expect(pdfaIdentification(pdf(xmp))).toEqual({ part: 3, conformance: 'A' });
  });

  it('finds the identification in a later packet when the first has none', () => {
    const first = '<x:xmpmeta><rdf:Description dc:title="x"/></x:xmpmeta>';
    const second = '<x:xmpmeta><pdfaid:part>1</pdfaid:part></x:xmpmeta>';
    expect(pdfaIdentification(pdf(first + second))).toEqual({ part: 1, conformance: '' });
  });

  it('is null without XMP, with no part, with a part outside 1–4, or outside a packet', () => {
    expect(pdfaIdentification(pdf('no metadata'))).toBeNull();
    expect(pdfaIdentification(pdf('<x:xmpmeta><pdfaid:conformance>B</pdfaid:conformance></x:xmpmeta>'))).toBeNull();
    expect(pdfaIdentification(pdf('<x:xmpmeta><pdfaid:part>9</pdfaid:part></x:xmpmeta>'))).toBeNull();
    expect(pdfaIdentification(pdf('<pdfaid:part>2</pdfaid:part>'))).toBeNull();
    expect(pdfaIdentification(pdf('<x:xmpmeta><pdfaid:part>2</pdfaid:part>'))).toBeNull();
  });
});

describe('looksLikePdf', () => {
  it('wants the header at the start', () => {
    expect(looksLikePdf(new TextEncoder().encode('%PDF-2.0\n'))).toBe(true);
    expect(looksLikePdf(new TextEncoder().encode('PK\u0003\u0004'))).toBe(false);
    expect(looksLikePdf(new Uint8Array())).toBe(false);
  });
});
