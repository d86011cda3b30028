import { describe, expect, it } from 'vitest';
import { BehaviorSubject } from 'rxjs';
import { sampleRequest } from '../../../../shared/src/testing/samples';
import { registrationErrors, whenNumbered } from './form';

describe('the registration form', () => {
  it('reports every field the server would refuse, each with its own message', () => {
    expect(registrationErrors(sampleRequest())).toEqual({});
    expect(
      registrationErrors(sampleRequest({ requesterName: '', description: ' ', receivedDate: '2026-13-01', dueDate: 'snart' })),
    ).toEqual({
      requesterName: 'request.form.error.requesterName',
      description: 'request.form.error.description',
      receivedDate: 'request.form.error.receivedDate',
      dueDate: 'request.form.error.dueDate',
    });
    expect(registrationErrors(sampleRequest({ receivedDate: '2026-02-04', dueDate: '2026-02-03' }))).toEqual({
      dueDate: 'request.form.error.dueDate',
    });
    expect(registrationErrors(sampleRequest({ anonymous: true, requesterName: '' }))).toEqual({});
  });

  it('waits for the server to number a record', async () => {
    const record = new BehaviorSubject<{ caseNumber: string } | null>(null);
    const numbered = whenNumbered(record, (c) => c.caseNumber);
    record.next({ caseNumber: '' });
    record.next({ caseNumber: 'KS 2026-00012' });
    await expect(numbered).resolves.toBe('KS 2026-00012');
  });
});
