import { describe, expect, it } from 'vitest';
import { sampleClassNode, sampleDocumentType } from '../../../../shared/src/testing/samples';
import { meetingDocumentType, meetingProcess, nextCaseOrdinal } from './build';

describe('nextCaseOrdinal', () => {
  const item = (itemKind: 'opening' | 'case' | 'notifications' | 'delegation_decisions', ordinal: number) => ({ itemKind, ordinal });
  it('places a reported case after the last item before the closing items', () => {
    const agenda = [item('opening', 10), item('case', 100), item('notifications', 9000), item('delegation_decisions', 9010)];
    const next = nextCaseOrdinal(agenda);
    expect(next).toBeGreaterThan(100);
    expect(next).toBeLessThan(9000);
  });
  it('goes last when the agenda has no closing items, and first on an empty agenda', () => {
    expect(nextCaseOrdinal([item('opening', 10), item('case', 20)])).toBeGreaterThan(20);
    expect(Number.isFinite(nextCaseOrdinal([]))).toBe(true);
  });
});

describe('meetingProcess and meetingDocumentType', () => {
  const classes = [
    sampleClassNode({ id: 'c1', code: '1.1.1', title: 'Styra verksamheten' }),
    sampleClassNode({ id: 'c2', code: '1.1.3.4', title: 'Sammanträdesadministration' }),
    sampleClassNode({ id: 'c3', code: '1.1.3.5', title: 'Closed', selectable: false }),
    sampleClassNode({ id: 'c4', code: '1.1.3.4', title: 'Sammanträdesadministration', registerId: 'reg-sn' }),
  ];
  it('finds the process for meeting administration in the register, by title first', () => {
    expect(meetingProcess(classes, 'reg-ks')?.id).toBe('c2');
    expect(meetingProcess(classes, 'reg-sn')?.id).toBe('c4');
    expect(meetingProcess(classes.slice(2, 3), 'reg-ks')).toBeUndefined();
  });

  it('picks the document type by name among those the process allows', () => {
    const doctypes = [
      sampleDocumentType({ id: 'dt-mbl', name: 'Protokoll MBL', classCodes: ['1.1.3.4'] }),
      sampleDocumentType({ id: 'dt-prot', name: 'Protokoll', classCodes: ['1.1.3.4'] }),
      sampleDocumentType({ id: 'dt-utdrag', name: 'Protokollsutdrag', classCodes: ['1'] }),
      sampleDocumentType({ id: 'dt-kallelse', name: 'Kallelse med föredragningslista', classCodes: ['1.1.3.4'] }),
    ];
    expect(meetingDocumentType(doctypes, 'minutes', 'reg-ks', '1.1.3.4')?.id).toBe('dt-prot');
    expect(meetingDocumentType(doctypes, 'notice', 'reg-ks', '1.1.3.4')?.id).toBe('dt-kallelse');
    expect(meetingDocumentType(doctypes, 'extract', 'reg-ks', '1.2.1')?.id).toBe('dt-utdrag');
    expect(meetingDocumentType(doctypes, 'notice', 'reg-ks', '1.2.1')).toBeUndefined();
    expect(meetingDocumentType(doctypes, 'minutes', 'reg-sn', '1.1.3.4')).toBeUndefined();
  });
});
