import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { liberationSans } from '../../fonts';
import { createPdfA, finishPdfA } from '../../../shared/src/pdfa';
import { declaresPdfA, xmpDeclaresPdfA } from '../../../shared/src/signing/pdfa-declaration';

const fonts = liberationSans;
const NS = 'http://www.aiim.org/pdfa/ns/id/';

describe('xmpDeclaresPdfA', () => {
  it('finds the part as an element or an attribute, under any prefix bound to the PDF/A namespace', () => {
    expect(xmpDeclaresPdfA(`<rdf:Description xmlns:pdfaid="${NS}"><pdfaid:part>2</pdfaid:part></rdf:Description>`)).toBe(true);
    expect(xmpDeclaresPdfA(`<rdf:Description xmlns:pdfaid='${NS}' pdfaid:part="1" pdfaid:conformance="B"/>`)).toBe(true);
    expect(xmpDeclaresPdfA(`<rdf:Description xmlns:a="${NS}"><a:part>3</a:part></rdf:Description>`)).toBe(true);
  });

  it('is false without the namespace, without a part, or for the part of another schema', () => {
    expect(xmpDeclaresPdfA('<pdfaid:part>2</pdfaid:part>')).toBe(false);
    expect(xmpDeclaresPdfA(`<rdf:Description xmlns:pdfaid="${NS}"><pdfaid:conformance>B</pdfaid:conformance></rdf:Description>`)).toBe(
      false,
    );
    expect(
      xmpDeclaresPdfA(`<x xmlns:pdfaid="${NS}" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></x>`),
    ).toBe(false);
    expect(xmpDeclaresPdfA('')).toBe(false);
  });
});

describe('declaresPdfA', () => {
  it('reads the catalog metadata of a PDF/A file made by the PDF/A engine', async () => {
    const { doc } = await createPdfA(fonts);
    doc.addPage();
    const info = {
      title: 'Protokoll',
      author: 'Exempelby kommun',
      creatorTool: 'Diarium',
      producer: 'Diarium',
      language: 'sv-SE',
      createdAt: new Date(),
    };
    expect(await declaresPdfA(await finishPdfA(doc, info, 'x'))).toBe(true);
  });

  it('is false for a PDF without metadata and for bytes that are not a PDF', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    expect(await declaresPdfA(await doc.save())).toBe(false);
    expect(await declaresPdfA(new TextEncoder().encode('inte en pdf'))).toBe(false);
  });
});
