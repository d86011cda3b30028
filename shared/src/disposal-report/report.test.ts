import { describe, expect, test } from 'vitest';
import { reportCsv, reportRows, ruleText, swedishDateTime, type ReportDecision, type ReportItem } from './report';

const decision: ReportDecision = {
  reference: 'Gallringsbeslut KS 2026-00012',
  title: 'Gallring av e-post',
  date: '2026-12-01',
  executedByName: 'Lars Ek',
  executedAt: '2026-12-07T09:15:00.000Z',
  registerName: 'Kommunstyrelsen',
};

const item = (o: Partial<ReportItem> = {}): ReportItem => ({
  collection: 'documents',
  number: 'KS 2023-00001-1',
  registeredDate: '2023-02-03',
  classCode: '1.4.1',
  documentTypeName: 'E-post',
  rule: { action: 'dispose', periodYears: 2, trigger: 'registration', explanation: 'x' },
  files: 1,
  ...o,
});

describe('ruleText', () => {
  test.each([
    [{ action: 'dispose', periodYears: 2, trigger: 'registration', explanation: '' }, 'Gallras 2 år efter registrering'],
    [
      { action: 'dispose', periodYears: 0, trigger: 'end_of_registration_year', explanation: '' },
      'Gallras efter registreringsårets utgång',
    ],
    [{ action: 'dispose', periodYears: 10, trigger: 'case_closed', explanation: '' }, 'Gallras 10 år efter ärendets avslut'],
    [
      { action: 'dispose', periodYears: 5, trigger: 'end_of_case_closed_year', explanation: '' },
      'Gallras 5 år efter utgången av det år ärendet avslutades',
    ],
    [{ action: 'dispose', periodYears: 0, trigger: 'on_obsolescence', explanation: '' }, 'Gallras vid inaktualitet'],
    [{ action: 'preserve', explanation: '' }, 'Bevaras'],
    [null, 'Gallras med ärendets sista handlingar'],
  ] as const)('%j → %s', (rule, text) => {
    expect(ruleText(rule)).toBe(text);
  });
});

describe('the CSV', () => {
  test('BOM, semicolons, CRLF, one row per item with the decision, who and when (Swedish time)', () => {
    const csv = reportCsv(decision, [
      item(),
      item({ collection: 'cases', number: 'KS 2023-00001', rule: null, files: 0, documentTypeName: '' }),
    ]);
    expect(csv.startsWith('\uFEFFTyp;Nummer;Registrerad;Process;Handlingstyp;Gallringsregel;Filer förstörda;')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[1]).toBe(
      'Handling;KS 2023-00001-1;2023-02-03;1.4.1;E-post;Gallras 2 år efter registrering;1;Gallringsbeslut KS 2026-00012;2026-12-01;Lars Ek;2026-12-07 10:15',
    );
    expect(lines[2]!.startsWith('Ärende;KS 2023-00001;')).toBe(true);
  });

  test('quotes separators and quotes; a formula is defused', () => {
    const csv = reportCsv({ ...decision, executedByName: 'Ek; "Lasse"', reference: '=HYPERLINK("x")' }, [item()]);
    expect(csv).toContain(';"Ek; ""Lasse""";');
    expect(csv).toContain(`;"'=HYPERLINK(""x"")";`);
  });

  test('rows carry the time in Sweden across summer time', () => {
    expect(swedishDateTime('2026-07-01T22:30:00.000Z')).toBe('2026-07-02 00:30');
    expect(reportRows(decision, [])).toEqual([]);
  });
});
