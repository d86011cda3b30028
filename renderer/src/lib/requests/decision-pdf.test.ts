import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { decisionText } from '../../../../shared/src/rules/decision-text';
import { renderDecisionPdf } from './decision-pdf';

describe('the decision as a PDF', () => {
  it('lays the text out over as many A4 pages as it needs, titled, in Swedish', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({
      label: `KS 2026-00042-${i + 1} Skrivelse med en ganska lång rubrik om skolskjuts och elevens resväg`,
      review: 'refuse' as const,
      grounds: ['OSL 21 kap. 3 §'],
    }));
    const text = decisionText({
      authorityName: 'Exempelkommun',
      decidingBody: 'Kommunstyrelsen',
      caseNumber: 'KS 2026-00012',
      decisionDate: '2026-02-05',
      requesterName: 'Łukasz Nowak',
      anonymous: false,
      receivedDate: '2026-02-04',
      description: 'Allt om skolskjutsen',
      decision: 'refusal',
      items,
      legalGrounds: [{ code: 'OSL 21 kap. 3 §', text: 'Skyddad identitet' }],
      decidedByName: 'Anna Lind',
    });
    const pdf = await PDFDocument.load(await renderDecisionPdf(text, { creationDate: new Date(Date.UTC(2026, 1, 5)) }));
    expect(pdf.getPageCount()).toBeGreaterThan(1);
    expect(pdf.getTitle()).toBe('Beslut om avslag på begäran att ta del av allmän handling');
    expect(pdf.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });
});
