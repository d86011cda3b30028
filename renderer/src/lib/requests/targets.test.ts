import { describe, expect, it } from 'vitest';
import { sampleCase, sampleDocument } from '../../../../shared/src/testing/samples';
import { matchTargets, optionLabel, recordLabel, restrictionOf } from './targets';

const cases = [
  sampleCase({ id: 'c1', caseNumber: 'KS 2026-00042', title: 'Motion om cykelbanor' }),
  sampleCase({ id: 'c2', caseNumber: '', title: 'Provisorisk' }),
];
const docs = [
  sampleDocument({ id: 'd1', documentNumber: 'KS 2026-00042-3', title: 'Synpunkt på cykelbanor' }),
  sampleDocument({ id: 'd2', documentNumber: 'KS 2026-00142-1', title: 'Hemlig rubrik', withheld: ['title'] }),
  sampleDocument({ id: 'd3', documentNumber: 'KS 2026-00042-4', title: 'Maskad kopia av Synpunkt', maskedCopyOf: 'd1' }),
];

describe('finding requested records', () => {
  it('by number (prefix first, then anywhere) or title words; never provisional records or masked copies', () => {
    expect(matchTargets(cases, docs, 'ks 2026-00042').map((o) => o.target.id)).toEqual(['c1', 'd1']);
    expect(matchTargets(cases, docs, '00042-3').map((o) => o.target.id)).toEqual(['d1']);
    expect(matchTargets(cases, docs, 'cykelbanor motion').map((o) => o.target)).toEqual([{ collection: 'cases', id: 'c1' }]);
    expect(matchTargets(cases, docs, 'provisorisk')).toEqual([]);
    expect(matchTargets(cases, docs, '  ')).toEqual([]);
  });

  it('a withheld title is neither searched nor shown', () => {
    expect(matchTargets(cases, docs, 'hemlig')).toEqual([]);
    const [hit] = matchTargets(cases, docs, '00142');
    expect(optionLabel(hit!)).toBe('KS 2026-00142-1');
    expect(recordLabel(docs[0]!)).toBe('KS 2026-00042-3 Synpunkt på cykelbanor');
  });

  it('names the restriction that applies, the case’s when the document has none', () => {
    const secret = sampleCase({ restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
    expect(restrictionOf(docs[0]!, secret)).toEqual({ kind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
    expect(restrictionOf(docs[0]!, cases[0])).toBeNull();
  });
});
