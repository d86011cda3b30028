/**
 * A long gallringsrapport is read page by page (and printed): every page begins with the table's
 * column headers. The PDF is made by the product's renderer with the server's fonts and read back
 * with poppler's pdftotext, page by page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderReportPdf, type ReportDecision, type ReportItem } from '../../../shared/src/disposal-report/report';
import { signingFonts } from '../../../sync-server/src/files/signing-fonts';
import { run } from '../reports/report-tools';

const work = mkdtempSync(path.join(tmpdir(), 'diarium-disposal-report-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const decision: ReportDecision = {
  reference: 'Gallringsbeslut KS 2026-00012',
  title: 'Gallring av e-post',
  date: '2026-12-01',
  executedByName: 'Lars Ek',
  executedAt: '2026-12-07T09:15:00.000Z',
  registerName: 'Kommunstyrelsen',
};

const items: ReportItem[] = Array.from({ length: 160 }, (_, n) => ({
  collection: 'documents',
  number: `KS 2023-${String(n + 1).padStart(5, '0')}-1`,
  registeredDate: '2023-02-03',
  classCode: '1.4.1',
  documentTypeName: 'E-post',
  rule: { action: 'dispose', periodYears: 2, trigger: 'registration', explanation: '' },
  files: 1,
}));

describe('a gallringsrapport over several pages', () => {
  it('repeats the column headers at the top of every page', async () => {
    const file = path.join(work, 'rapport.pdf');
    writeFileSync(file, await renderReportPdf(decision, items, await signingFonts()));
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [file]).stdout)![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let p = 2; p <= pages; p++) {
      const lines = run('pdftotext', ['-raw', '-f', String(p), '-l', String(p), file, '-'])
        .stdout.split('\n')
        .filter((l) => l.trim() !== '');
      expect(lines[0], `page ${p}`).toBe('Typ Nummer Registrerad Process Handlingstyp Gallringsregel');
    }
    // Every row is there once: the repeated header takes no row's place.
    const all = run('pdftotext', ['-raw', file, '-']).stdout;
    expect(all.match(/KS 2023-\d{5}-1/g)).toHaveLength(160);
  });
});
