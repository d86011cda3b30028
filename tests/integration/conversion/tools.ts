/**
 * The independent tools the conversion and export tests check with (LibreOffice, poppler, qpdf),
 * and the real office files they convert. A missing tool fails the test with what to install.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';

type Tool = 'soffice' | 'pdftotext' | 'pdfinfo' | 'pdffonts' | 'pdfimages' | 'pdftoppm' | 'qpdf';
const PACKAGES: Record<Tool, string> = {
  soffice: 'libreoffice-core-nogui libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui',
  pdftotext: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdfimages: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  qpdf: 'qpdf',
};

export function tool(name: Tool): string {
  const file = `/usr/bin/${name}`;
  if (!existsSync(file)) throw new Error(`${name} is required by this test but ${file} does not exist (apt-get install ${PACKAGES[name]})`);
  return file;
}

export function run(name: Tool, args: string[], timeout = 120_000): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(tool(name), args, { encoding: 'buffer', timeout });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** `pdftotext -layout` of a PDF given as bytes. */
export function pdfText(pdf: Uint8Array, dir: string): string {
  const file = path.join(dir, `text-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const r = run('pdftotext', ['-layout', file, '-']);
  if (r.status !== 0) throw new Error(`pdftotext failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

/** What poppler and qpdf say about a PDF: its XMP, its fonts, its images and qpdf's check. */
export function pdfChecks(pdf: Uint8Array, dir: string): { meta: string; fonts: string; images: string; qpdf: number } {
  const file = path.join(dir, `check-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return {
    meta: run('pdfinfo', ['-meta', file]).stdout,
    fonts: run('pdffonts', [file]).stdout,
    images: run('pdfimages', ['-list', file]).stdout,
    qpdf: run('qpdf', ['--check', file]).status,
  };
}

/** Runs LibreOffice itself (a profile of the test's own) to make or read files: `--convert-to <to>`. */
export function sofficeConvert(input: string, to: string, outDir: string, profileDir: string): string {
  const r = run('soffice', [
    `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
    '--headless',
    '--norestore',
    '--convert-to',
    to,
    '--outdir',
    outDir,
    input,
  ]);
  const out = path.join(outDir, `${path.basename(input, path.extname(input))}.${to.split(':')[0]}`);
  if (r.status !== 0 || !existsSync(out)) throw new Error(`soffice --convert-to ${to} failed (${r.status}): ${r.stderr}`);
  return out;
}

export const TEXT_WORDS = 'Beslut om snöröjning åäö ÅÄÖ é zqkonvertering';

/** A presentation of one slide holding the test's words, as flat ODF (LibreOffice saves it as PPTX and ODP). */
const ONE_SLIDE = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
 <office:body><office:presentation><draw:page draw:name="Bild1">
  <draw:frame svg:width="20cm" svg:height="3cm" svg:x="2cm" svg:y="2cm"><draw:text-box>
   <text:p>${TEXT_WORDS}</text:p><text:p>Andra raden: Växjö kommun</text:p>
  </draw:text-box></draw:frame>
 </draw:page></office:presentation></office:body>
</office:document>
`;

export interface OfficeFiles {
  readonly docx: Buffer;
  readonly odt: Buffer;
  readonly doc: Buffer;
  readonly xlsx: Buffer;
  readonly ods: Buffer;
  readonly pptx: Buffer;
  readonly odp: Buffer;
  readonly png: Buffer;
  readonly jpeg: Buffer;
  readonly tiff: Buffer;
  /** The work folder (remove with `rmSync` when done). */
  readonly dir: string;
}

/**
 * Real files as office suites write them: the text documents made by LibreOffice from plain text,
 * the workbook by exceljs (and its ODS by LibreOffice), the presentations by LibreOffice from a
 * one-slide flat ODF presentation, and pictures
 * (PNG, JPEG, TIFF) of a rendered page by pdftoppm.
 */
export async function makeOfficeFiles(): Promise<OfficeFiles> {
  const dir = mkdtempSync(path.join(tmpdir(), 'diarium-conv-files-'));
  const profile = path.join(dir, 'profile');
  const txt = path.join(dir, 'brev.txt');
  writeFileSync(txt, `${TEXT_WORDS}\nAndra raden: Växjö kommun\n`);
  const docx = sofficeConvert(txt, 'docx:MS Word 2007 XML', dir, profile);
  const odt = sofficeConvert(txt, 'odt', dir, profile);
  const doc = sofficeConvert(txt, 'doc:MS Word 97', dir, profile);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Ärenden');
  sheet.columns = [{ width: 20 }, { width: 30 }, { width: 14 }];
  sheet.addRow(['Diarienummer', 'Rubrik', 'Datum']);
  sheet.addRow(['KS 2026-00017', 'Överklagande zqkalkyl', new Date(Date.UTC(2026, 2, 14))]);
  const xlsx = path.join(dir, 'lista.xlsx');
  await wb.xlsx.writeFile(xlsx);
  const ods = sofficeConvert(xlsx, 'ods', dir, profile);
  const fodp = path.join(dir, 'bilder.fodp');
  writeFileSync(fodp, ONE_SLIDE);
  const pptx = sofficeConvert(fodp, 'pptx:Impress MS PowerPoint 2007 XML', dir, profile);
  const odp = sofficeConvert(fodp, 'odp', dir, profile);
  const pagePdf = sofficeConvert(odt, 'pdf', dir, profile);
  const page = path.join(dir, 'sida');
  for (const format of ['-png', '-jpeg', '-tiff'])
    if (run('pdftoppm', [format, '-r', '40', '-singlefile', pagePdf, page]).status !== 0) throw new Error(`pdftoppm ${format} failed`);
  return {
    docx: readFileSync(docx),
    odt: readFileSync(odt),
    doc: readFileSync(doc),
    xlsx: readFileSync(xlsx),
    ods: readFileSync(ods),
    pptx: readFileSync(pptx),
    odp: readFileSync(odp),
    png: readFileSync(`${page}.png`),
    jpeg: readFileSync(`${page}.jpg`),
    tiff: readFileSync(`${page}.tif`),
    dir,
  };
}

export function removeFiles(files: OfficeFiles | undefined): void {
  if (files) rmSync(files.dir, { recursive: true, force: true });
}
