import { describe, expect, it } from 'vitest';
import { sampleClassNode, sampleDocumentType } from '../../../../shared/src/testing/samples';
import { buildRequest, buildRequestCase, decisionDocumentType, requestProcess } from './build';

const plan = [
  sampleClassNode({ code: '1.4.1', title: 'Hantering av allmänna handlingar', level: 3, selectable: false }),
  sampleClassNode({ code: '1.4.1.1', title: 'Begäran om utlämnande av allmän handling', level: 4, parentCode: '1.4.1' }),
  sampleClassNode({ code: '1.4.2.1', title: 'Synpunkter och klagomål', level: 4 }),
];

describe('building a request', () => {
  it('finds the process for requests by title, else below KLASSA 1.4.1', () => {
    expect(requestProcess(plan, 'reg-ks')?.code).toBe('1.4.1.1');
    const untitled = [sampleClassNode({ code: '1.4.1.7', title: 'Lokal process', level: 4 })];
    expect(requestProcess(untitled, 'reg-ks')?.code).toBe('1.4.1.7');
    expect(requestProcess(plan, 'reg-other')).toBeUndefined();
  });

  it('picks the decision type the process allows', () => {
    const types = [
      sampleDocumentType({ id: 'dt-ansokan', name: 'Ansökan', classCodes: ['1.4.1'] }),
      sampleDocumentType({ id: 'dt-beslut', name: 'Beslut', classCodes: ['1'] }),
    ];
    expect(decisionDocumentType(types, 'reg-ks', '1.4.1.1')?.id).toBe('dt-beslut');
    expect(decisionDocumentType([types[0]!], 'reg-ks', '1.4.1.1')).toBeUndefined();
  });

  it('the case names no requester; the request is received, due the next working day, items pending', () => {
    const nowMs = Date.UTC(2026, 1, 6, 9);
    const c = buildRequestCase(
      { registerId: 'reg-ks', classCode: '1.4.1.1', responsibleUserId: 'u-1', receivedDate: '2026-02-06' },
      'u-1',
      { nowMs, id: 'case-r' },
    );
    expect(c.title).toBe('Begäran om att ta del av allmän handling, inkommen 2026-02-06');
    let n = 0;
    const r = buildRequest(
      {
        registerId: 'reg-ks',
        caseId: c.id,
        anonymous: true,
        requesterName: 'Ska bort',
        requesterContact: ' a@b.se ',
        receivedDate: '2026-02-06',
        description: ' Protokoll ',
        deliveryMethod: 'email',
        dueDate: '',
        responsibleUserId: 'u-1',
        targets: [
          { collection: 'documents', id: 'doc-1' },
          { collection: 'cases', id: 'case-1' },
        ],
      },
      'u-1',
      { nowMs, id: 'req-1', newItemId: () => `item-${++n}` },
    );
    expect(r).toMatchObject({
      requesterName: '',
      requesterContact: 'a@b.se',
      description: 'Protokoll',
      dueDate: '2026-02-09',
      status: 'received',
      caseId: 'case-r',
    });
    expect(r.items.map((i) => [i.id, i.targetCollection, i.targetId, i.review])).toEqual([
      ['item-1', 'documents', 'doc-1', 'pending'],
      ['item-2', 'cases', 'case-1', 'pending'],
    ]);
  });
});
