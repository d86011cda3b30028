import { describe, expect, it } from 'vitest';
import { emptyMeetingRecord, type MeetingRecord } from '../../../../shared/src/model/meeting';
import { planMemberImport } from '../../../../shared/src/rules/meetings';
import { importPreview, rejectionText } from './import-preview';

const body: MeetingRecord = {
  ...emptyMeetingRecord('body', { id: 'b-tn', registerId: 'reg-ks' }),
  title: 'Tekniska nämnden',
  bodyType: 'committee',
  members: [
    { id: 'm-old', name: 'Olle Gran', party: 'L', role: 'member', from: '2023-01-01', to: '', substituteOrder: 0, userId: '' },
    { id: 'm-eva', name: 'Eva Ek', party: 'S', role: 'member', from: '2023-01-01', to: '', substituteOrder: 0, userId: '' },
  ],
};

describe('importPreview', () => {
  it('shows per body who is added, changed and ended, and each rejected row with its Swedish reason', () => {
    const csv = [
      'namn;personnummer;parti;organ;roll;från;till',
      'Eva Ek;;S;Tekniska nämnden;ordförande;2023-01-01;',
      'Per Sten;;M;Tekniska nämnden;ledamot;2027-01-01;2030-12-31',
      'Kim Ny;19811218-9875;V;Tekniska nämnden;ersättare;2027-01-01;2030-12-31',
      'Ann Ås;;KD;Okända nämnden;ledamot;2027-01-01;2030-12-31',
    ].join('\n');
    const plan = planMemberImport(csv, [body], '2026-12-07');
    const [preview] = importPreview(plan, [body]);
    expect(preview!.title).toBe('Tekniska nämnden');
    expect(preview!.added.map((m) => m.name)).toEqual(['Per Sten']);
    expect(preview!.changed).toEqual([{ name: 'Eva Ek', what: 'roll: Ledamot → Ordförande' }]);
    expect(preview!.ended.map((m) => [m.name, m.to])).toEqual([['Olle Gran', '2026-12-06']]);
    expect(plan.rejected.map(rejectionText)).toEqual([
      expect.stringMatching(/^Rad 4: ogiltigt personnummer/),
      expect.stringMatching(/^Rad 5: okänt organ/),
    ]);
  });
});
