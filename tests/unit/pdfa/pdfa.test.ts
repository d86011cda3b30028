import { describe, expect, it } from 'vitest';
import { liberationSans } from '../../fonts';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFRef, PDFStream, PDFString } from 'pdf-lib';
import { createPdfA, escapeXml, finishPdfA, PdfAError, srgbIccProfile, xmpPacket, type PdfAInfo } from '../../../shared/src/pdfa';

const fonts = liberationSans;
const info: PdfAInfo = {
  title: 'Kallelse <Kommunstyrelsen> & "Åsa"',
  author: 'Exempelby kommun',
  creatorTool: 'Diarium',
  producer: 'Diarium (pdf-lib)',
  language: 'sv-SE',
  createdAt: new Date(Date.UTC(2026, 11, 7, 9, 30, 15, 999)),
};

describe('XMP', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`a<b>&"c'\u0001\u0009\uffff`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;\u0009');
  });

  it('identifies PDF/A-2b and repeats the Info values, the dates to the second in UTC', () => {
    const xmp = xmpPacket(info);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Kallelse &lt;Kommunstyrelsen&gt; &amp; &quot;Åsa&quot;</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2026-12-07T09:30:15Z</xmp:CreateDate>');
    expect(xmp).toContain('<pdf:Producer>Diarium (pdf-lib)</pdf:Producer>');
  });
});

describe('the sRGB ICC profile', () => {
  const icc = srgbIccProfile();
  const view = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  const ascii = (at: number) => String.fromCharCode(...icc.slice(at, at + 4));
  const s15 = (at: number) => view.getInt32(at) / 65536;
  const tags = new Map(
    Array.from({ length: view.getUint32(128) }, (_, i) => {
      const at = 132 + 12 * i;
      return [ascii(at), { offset: view.getUint32(at + 4), size: view.getUint32(at + 8) }] as const;
    }),
  );

  it('has a v2 display RGB header with its own size and the D50 illuminant', () => {
    expect(view.getUint32(0)).toBe(icc.length);
    expect(view.getUint32(8)).toBe(0x02100000);
    expect([ascii(12), ascii(16), ascii(20), ascii(36)]).toEqual(['mntr', 'RGB ', 'XYZ ', 'acsp']);
    expect([s15(68), s15(72), s15(76)].map((v) => v.toFixed(4))).toEqual(['0.9642', '1.0000', '0.8249']);
  });

  it('has every tag a matrix/TRC profile needs, aligned and inside the file', () => {
    expect([...tags.keys()].sort()).toEqual(['bTRC', 'bXYZ', 'cprt', 'desc', 'gTRC', 'gXYZ', 'rTRC', 'rXYZ', 'wtpt']);
    for (const [sig, { offset, size }] of tags) {
      expect(offset % 4, sig).toBe(0);
      expect(offset + size, sig).toBeLessThanOrEqual(icc.length);
    }
    expect(ascii(tags.get('desc')!.offset)).toBe('desc');
    expect(ascii(tags.get('rTRC')!.offset)).toBe('curv');
  });

  it('has colorants that add up to the D50 white and the sRGB tone curve', () => {
    const xyz = (sig: string) => [0, 1, 2].map((i) => s15(tags.get(sig)!.offset + 8 + 4 * i));
    const sum = [0, 1, 2].map((i) => xyz('rXYZ')[i]! + xyz('gXYZ')[i]! + xyz('bXYZ')[i]!);
    sum.forEach((v, i) => expect(v).toBeCloseTo([0.9642, 1, 0.8249][i]!, 3));
    const curve = tags.get('rTRC')!.offset;
    const n = view.getUint32(curve + 8);
    const at = (i: number) => view.getUint16(curve + 12 + 2 * i);
    expect([at(0), at(n - 1)]).toEqual([0, 65535]);
    expect(at(Math.round((n - 1) / 2)) / 65535).toBeCloseTo(0.214, 2);
  });
});

describe('a PDF/A-2b document', () => {
  async function make(seed = 'x'): Promise<Uint8Array> {
    const { doc, fonts: f } = await createPdfA(fonts);
    const page = doc.addPage([595.28, 841.89]);
    page.drawText('Sammanträde åäö ÅÄÖ é', { x: 50, y: 700, size: 12, font: f.regular });
    page.drawText('Kallelse', { x: 50, y: 750, size: 20, font: f.bold });
    return finishPdfA(doc, info, seed);
  }

  it('carries unfiltered XMP metadata, an sRGB output intent, a trailer ID and the Info values', async () => {
    const pdf = await PDFDocument.load(await make(), { updateMetadata: false });
    const metadata = pdf.catalog.lookup(PDFName.of('Metadata'), PDFStream) as PDFRawStream;
    expect(metadata.dict.get(PDFName.of('Filter'))).toBeUndefined();
    const xmp = Buffer.from(metadata.contents).toString('utf8');
    expect(xmp.startsWith('<?xpacket begin="\uFEFF"')).toBe(true);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    const intent = pdf.catalog.lookup(PDFName.of('OutputIntents'), PDFArray).lookup(0, PDFDict);
    expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFA1'));
    expect(intent.lookup(PDFName.of('OutputConditionIdentifier'), PDFString).decodeText()).toBe('sRGB IEC61966-2.1');
    expect(String(intent.lookup(PDFName.of('DestOutputProfile'), PDFStream).dict.get(PDFName.of('N')))).toBe('3');
    const id = pdf.context.trailerInfo.ID as PDFArray;
    const [a, b] = [id.get(0), id.get(1)] as PDFHexString[];
    expect(a!.asString()).toMatch(/^[0-9A-F]{32}$/);
    expect(b!.asString()).toBe(a!.asString());
    expect([pdf.getTitle(), pdf.getAuthor(), pdf.getCreator(), pdf.getProducer()]).toEqual([
      info.title,
      info.author,
      'Diarium',
      'Diarium (pdf-lib)',
    ]);
    expect(pdf.getCreationDate()?.toISOString()).toBe('2026-12-07T09:30:15.000Z');
  });

  it('embeds every font as a subset TrueType program: no standard font', async () => {
    const pdf = await PDFDocument.load(await make(), { updateMetadata: false });
    const fontsOnPage = pdf.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
    expect(fontsOnPage.keys()).toHaveLength(2);
    for (const key of fontsOnPage.keys()) {
      const font = fontsOnPage.lookup(key, PDFDict);
      expect(font.get(PDFName.of('Subtype'))).toBe(PDFName.of('Type0'));
      expect(String(font.get(PDFName.of('BaseFont')))).toMatch(/^\/DIARM[RB]\+LiberationSans/);
      const cid = font.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
      expect(cid.get(PDFName.of('CIDToGIDMap'))).toBe(PDFName.of('Identity'));
      const descriptor = cid.lookup(PDFName.of('FontDescriptor'), PDFDict);
      expect(descriptor.get(PDFName.of('FontFile2'))).toBeInstanceOf(PDFRef);
    }
  });

  it('gives the same bytes for the same input, and another ID for another seed', async () => {
    const [one, two, other] = await Promise.all([make(), make(), make('y')]);
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(true);
    expect(Buffer.from(one).equals(Buffer.from(other))).toBe(false);
  });

  it('refuses bytes that are not a font with a specific error', async () => {
    await expect(createPdfA({ ...fonts, bold: new Uint8Array([1, 2, 3]) })).rejects.toSatisfy(
      (e) => e instanceof PdfAError && e.code === 'bad-font',
    );
  });
});
