import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { buildPdfPackage, buildZipPackage, PackageError, sha256Hex, type PackageEntry } from './package';

async function pdfWithPages(count: number, title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < count; i++) doc.addPage([300, 400]).drawText(`sida ${i + 1}`, { x: 20, y: 200, size: 12, font });
  return doc.save();
}

const cover = { title: 'Utlämnade allmänna handlingar', lines: ['Kommunstyrelsen', 'Begäran: KS 2026-00012'], contentsHeading: 'Innehåll' };
const when = new Date(Date.UTC(2026, 1, 5, 9));

async function entries(): Promise<PackageEntry[]> {
  return [
    {
      label: 'KS 2026-00042-1 Beslut',
      note: 'i sin helhet',
      fileName: 'beslut.pdf',
      mediaType: 'application/pdf',
      bytes: await pdfWithPages(2, 'Originalets titel'),
    },
    {
      label: 'KS 2026-00042-2 Skrivelse',
      note: 'maskad kopia',
      fileName: 'skrivelse (maskad kopia).pdf',
      mediaType: 'application/pdf',
      bytes: await pdfWithPages(1, ''),
    },
  ];
}

describe('the delivery package', () => {
  it('one PDF: a cover page, then every page of every document; the originals’ document info is not carried over', async () => {
    const bytes = await buildPdfPackage(cover, await entries(), { creationDate: when });
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(4);
    expect(pdf.getTitle()).toBe('Utlämnade allmänna handlingar');
    expect(pdf.getCreationDate()?.toISOString()).toBe(when.toISOString());
  });

  it('refuses a file that is neither PDF nor picture, and an unreadable PDF, naming it', async () => {
    const docx = {
      label: 'X',
      note: 'i sin helhet',
      fileName: 'brev.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: new Uint8Array([80, 75, 3, 4]),
    };
    await expect(buildPdfPackage(cover, [docx], { creationDate: when })).rejects.toEqual(new PackageError('not_pdf', 'brev.docx'));
    const broken = { ...docx, fileName: 'trasig.pdf', mediaType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.7 nothing') };
    await expect(buildPdfPackage(cover, [broken], { creationDate: when })).rejects.toEqual(new PackageError('unreadable', 'trasig.pdf'));
  });

  it('a ZIP: the list of contents and one file per document, the bytes unchanged', async () => {
    const list = await entries();
    const zip = unzipSync(buildZipPackage(cover, list, { creationDate: when, contentsFileName: '00 Innehåll.txt' }));
    expect(Object.keys(zip).sort()).toEqual(['00 Innehåll.txt', '01 KS 2026-00042-1 Beslut.pdf', '02 KS 2026-00042-2 Skrivelse.pdf']);
    expect(zip['01 KS 2026-00042-1 Beslut.pdf']).toEqual(list[0]!.bytes);
    const contents = strFromU8(zip['00 Innehåll.txt']!);
    expect(contents).toContain('2. KS 2026-00042-2 Skrivelse – maskad kopia (skrivelse (maskad kopia).pdf)');
  });

  it('hashes with SHA-256', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
