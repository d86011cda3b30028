import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversionService, type ConversionResult } from '../../../sync-server/src/conversion/conversion.service';
import { silentLogger } from '../../../sync-server/src/logger';
import { TEXT_WORDS, makeOfficeFiles, pdfChecks, pdfText, removeFiles, tool, type OfficeFiles } from './tools';

/*
 * The conversion service with real LibreOffice on real files: each output opens in pdftotext with
 * its text, and pdfinfo finds PDF/A-2 identification in its XMP; qpdf finds it sound. A time limit
 * kills LibreOffice's whole process group; a missing LibreOffice says so.
 */
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let files: OfficeFiles;
let work: string;
let service: ConversionService;

beforeAll(async () => {
  tool('soffice');
  files = await makeOfficeFiles();
  work = mkdtempSync(path.join(tmpdir(), 'diarium-conv-'));
  service = new ConversionService({ workDir: path.join(work, 'service'), log: silentLogger });
});

afterAll(async () => {
  await service?.close();
  removeFiles(files);
  if (work) rmSync(work, { recursive: true, force: true });
});

function pdfOf(result: ConversionResult): Uint8Array {
  if (!result.ok) throw new Error(`conversion refused: ${result.reason}`);
  return result.pdf;
}

/** LibreOffice processes whose command line names this folder (their profile or input is in it). */
function sofficeProcessesIn(folder: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes(folder) && !/^\s*\d+\s+Z/.test(line));
}

describe('conversion to PDF/A', () => {
  it.each([
    ['docx', DOCX],
    ['odt', 'application/vnd.oasis.opendocument.text'],
    ['doc', 'application/msword'],
  ] as const)('turns a %s into PDF/A-2b with its text, every font embedded', async (kind, type) => {
    const pdf = pdfOf(await service.convertToPdfA(files[kind], type, `brev.${kind}`));
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf, work);
    expect(text).toContain(TEXT_WORDS);
    expect(text).toContain('Växjö kommun');
    const checks = pdfChecks(pdf, work);
    expect(checks.meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(checks.meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    const fontRows = checks.fonts.trimEnd().split('\n').slice(2);
    expect(fontRows.length).toBeGreaterThan(0);
    // The "emb" column: every font embedded, as PDF/A requires.
    for (const row of fontRows) expect(row).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
    expect(checks.qpdf).toBe(0);
  });

  it.each([
    ['xlsx', XLSX],
    ['ods', 'application/vnd.oasis.opendocument.spreadsheet'],
  ] as const)('turns a %s workbook into PDF/A-2b through Calc, cells and all', async (kind, type) => {
    const pdf = pdfOf(await service.convertToPdfA(files[kind], type, `lista.${kind}`));
    const text = pdfText(pdf, work);
    expect(text).toContain('Diarienummer');
    expect(text).toContain('KS 2026-00017');
    expect(text).toContain('Överklagande zqkalkyl');
    expect(pdfChecks(pdf, work).meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
  });

  it.each([
    ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['odp', 'application/vnd.oasis.opendocument.presentation'],
  ] as const)('turns a %s presentation into PDF/A-2b through Impress, one page per slide', async (kind, type) => {
    const pdf = pdfOf(await service.convertToPdfA(files[kind], type, `bilder.${kind}`));
    const text = pdfText(pdf, work);
    expect(text).toContain(TEXT_WORDS);
    expect(text).toContain('Växjö kommun');
    const checks = pdfChecks(pdf, work);
    expect(checks.meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(checks.qpdf).toBe(0);
  });

  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['tiff', 'image/tiff'],
  ] as const)('puts a %s picture on a PDF/A-2b page with all its pixels', async (kind, type) => {
    const pdf = pdfOf(await service.convertToPdfA(files[kind], type, `skanning.${kind}`));
    const checks = pdfChecks(pdf, work);
    expect(checks.meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(checks.qpdf).toBe(0);
    // pdftoppm at 40 dpi renders an A4 page as 331 × 468 pixels; the picture keeps them.
    const images = checks.images
      .trimEnd()
      .split('\n')
      .slice(2)
      .filter((l) => /^\s*\d+\s+\d+\s+image\s/.test(l));
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^\s*1\s+0\s+image\s+331\s+468\s/);
  });

  it('converts two files at once on two slots, and queues the rest', async () => {
    const results = await Promise.all([
      service.convertToPdfA(files.docx, DOCX, 'a.docx'),
      service.convertToPdfA(files.xlsx, XLSX, 'b.xlsx'),
      service.convertToPdfA(files.odt, 'application/vnd.oasis.opendocument.text', 'c.odt'),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(pdfText(pdfOf(results[1]!), work)).toContain('zqkalkyl');
  });

  it('refuses what it cannot convert: a PDF, a mail, a picture without a header', async () => {
    expect(await service.convertToPdfA(files.docx, 'application/pdf', 'x.pdf')).toEqual({ ok: false, reason: 'unsupported' });
    expect(await service.convertToPdfA(files.docx, 'message/rfc822', 'x.eml')).toEqual({ ok: false, reason: 'unsupported' });
    expect(await service.convertToPdfA(Buffer.from('not a png'), 'image/png', 'x.png')).toEqual({ ok: false, reason: 'failed' });
  });

  it('answers failed for a document LibreOffice cannot open, and leaves no work files', async () => {
    expect(await service.convertToPdfA(Buffer.from('PK\u0003\u0004 garbage'), DOCX, 'trasig.docx')).toEqual({
      ok: false,
      reason: 'failed',
    });
    const left = execFileSync('find', [path.join(work, 'service'), '-name', 'input.*'], { encoding: 'utf8' });
    expect(left).toBe('');
  });

  it('stops LibreOffice at the time limit: timeout, and no process of it left', async () => {
    const dir = path.join(work, 'slow');
    const slow = new ConversionService({ workDir: dir, log: silentLogger, timeoutMs: 150 });
    try {
      expect(await slow.convertToPdfA(files.docx, DOCX, 'brev.docx')).toEqual({ ok: false, reason: 'timeout' });
      // The killed group is gone (a zombie awaiting its reaper does not count).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(sofficeProcessesIn(dir)).toEqual([]);
    } finally {
      await slow.close();
    }
  });

  it('refuses a conversion as busy when the queue is full, and still does those queued', async () => {
    const small = new ConversionService({ workDir: path.join(work, 'small'), log: silentLogger, concurrency: 1, maxWaiting: 1 });
    try {
      const results = await Promise.all([
        small.convertToPdfA(files.odt, 'application/vnd.oasis.opendocument.text', 'a.odt'),
        small.convertToPdfA(files.odt, 'application/vnd.oasis.opendocument.text', 'b.odt'),
        small.convertToPdfA(files.odt, 'application/vnd.oasis.opendocument.text', 'c.odt'),
      ]);
      expect(results.map((r) => (r.ok ? 'ok' : r.reason))).toEqual(['ok', 'ok', 'busy']);
    } finally {
      await small.close();
    }
  });

  it('says not_installed when LibreOffice is missing', async () => {
    const none = new ConversionService({ workDir: path.join(work, 'none'), log: silentLogger, program: '/nonexistent/soffice' });
    try {
      expect(await none.convertToPdfA(files.docx, DOCX, 'brev.docx')).toEqual({ ok: false, reason: 'not_installed' });
    } finally {
      await none.close();
    }
  });
});
