import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../../shared/src/testing/samples';
import { requestRows } from './list';

const open = sampleRequest({ id: 'r-open', newestKey: '3', dueDate: '2026-02-05' });
const newer = sampleRequest({ id: 'r-new', newestKey: '1', dueDate: '2026-03-01', status: 'in_review' });
const refused = sampleRequest({
  id: 'r-refused',
  newestKey: '2',
  status: 'decided',
  decision: 'refusal',
  decidedAt: '2026-02-05T08:00:00.000Z',
});
const delivered = sampleRequest({
  id: 'r-done',
  newestKey: '4',
  status: 'delivered',
  decision: 'release',
  createdAt: '2026-02-04T08:00:00.000Z',
  deliveredAt: '2026-02-06T08:00:00.000Z',
  dueDate: '2026-02-05',
});

describe('the work list', () => {
  it('newest first; open hides what is finished; overdue and days marked', () => {
    const all = [open, newer, refused, delivered];
    expect(requestRows(all, 'open', '2026-02-10').map((r) => [r.request.id, r.overdue])).toEqual([
      ['r-new', false],
      ['r-open', true],
    ]);
    expect(requestRows(all, 'all', '2026-02-10').map((r) => r.request.id)).toEqual(['r-new', 'r-refused', 'r-open', 'r-done']);
    expect(requestRows(all, 'delivered', '2026-02-10')).toMatchObject([{ request: { id: 'r-done' }, overdue: true, days: 2 }]);
  });
});
