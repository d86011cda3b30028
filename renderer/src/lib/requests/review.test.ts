import { describe, expect, it } from 'vitest';
import type { InformationRequest } from '../../../../shared/src/model/request';
import { sampleRequest, sampleRequestItem } from '../../../../shared/src/testing/samples';
import {
  maskedCopyFor,
  requestPatch,
  withDecision,
  withDelivery,
  withdrawn,
  withItems,
  withMaskedCopies,
  withReview,
  type RequestChange,
} from './review';

const GROUND = 'OSL 21 kap. 3 §';
const request = sampleRequest({
  items: [sampleRequestItem({ id: 'a', targetId: 'doc-a' }), sampleRequestItem({ id: 'b', targetId: 'doc-b' })],
});
const none = { grounds: [], maskedDocumentId: '', comment: '' };

function ok(c: RequestChange): InformationRequest {
  if (!c.ok) throw new Error(c.message);
  return c.request;
}

describe('optimistic request changes', () => {
  it('the first review moves the request into review; grounds and copies follow the outcome', () => {
    const r = ok(withReview(request, 'a', { review: 'release', grounds: [GROUND], maskedDocumentId: 'x', comment: ' ok ' }));
    expect(r.status).toBe('in_review');
    expect(r.items[0]).toMatchObject({ review: 'release', grounds: [], maskedDocumentId: '', comment: 'ok' });
    expect(withReview(r, 'b', { ...none, review: 'refuse' })).toEqual({ ok: false, message: 'request.error.groundRequired' });
    expect(withReview(r, 'nope', { ...none, review: 'release' })).toEqual({ ok: false, message: 'request.error.invalid_schema' });
  });

  it('decides what the reviews give, and asks for what is missing', () => {
    let r = ok(withReview(request, 'a', { ...none, review: 'release' }));
    expect(withDecision(r, '')).toEqual({ ok: false, message: 'request.error.reviewAll' });
    r = ok(withReview(r, 'b', { review: 'release_masked', grounds: [GROUND], maskedDocumentId: '', comment: '' }));
    expect(withDecision(r, 'doc-d')).toEqual({ ok: false, message: 'request.error.maskedCopyMissing' });
    r = ok(withReview(r, 'b', { review: 'release_masked', grounds: [GROUND], maskedDocumentId: 'copy-b', comment: '' }));
    expect(withDecision(r, '')).toEqual({ ok: false, message: 'request.error.decisionDocumentMissing' });
    const decided = ok(withDecision(r, 'doc-d'));
    expect([decided.status, decided.decision, decided.decisionDocumentId]).toEqual(['decided', 'partial_release', 'doc-d']);
    expect(withReview(decided, 'a', { ...none, review: 'refuse' })).toEqual({ ok: false, message: 'request.error.final_status' });
    const delivered = ok(withDelivery(decided, 'zip', 'ab'.repeat(32)));
    expect([delivered.status, delivered.deliveryFormat]).toEqual(['delivered', 'zip']);
    expect(withDelivery(decided, 'pdf', 'nope')).toEqual({ ok: false, message: 'request.error.missing_mandatory_fields' });
  });

  it('adds records once, withdraws open requests only', () => {
    const r = ok(
      withItems(request, [sampleRequestItem({ id: 'c', targetId: 'doc-a' }), sampleRequestItem({ id: 'd', targetId: 'doc-d' })]),
    );
    expect(r.items.map((i) => i.id)).toEqual(['a', 'b', 'd']);
    expect(ok(withdrawn(request)).status).toBe('withdrawn');
    expect(withdrawn({ ...request, status: 'delivered' })).toEqual({ ok: false, message: 'request.error.final_status' });
  });

  it('picks up the newest registered masked copy of a reviewed item', () => {
    const copies = [
      { id: 'old', maskedCopyOf: 'doc-b', newestKey: '2' },
      { id: 'new', maskedCopyOf: 'doc-b', newestKey: '1' },
      { id: 'other', maskedCopyOf: 'doc-a', newestKey: '0' },
    ];
    expect(maskedCopyFor(copies, 'doc-b')).toBe('new');
    const r = ok(withReview(request, 'b', { review: 'release_masked', grounds: [GROUND], maskedDocumentId: '', comment: '' }));
    expect(withMaskedCopies(r, copies)?.items.map((i) => i.maskedDocumentId)).toEqual(['', 'new']);
    expect(withMaskedCopies(withMaskedCopies(r, copies)!, copies)).toBeNull();
    expect(withMaskedCopies(request, copies)).toBeNull(); // not in review
  });

  it('patches leave identity and server bookkeeping alone', () => {
    const patch = requestPatch(request);
    for (const f of ['id', 'registerId', 'caseId', 'syncVersion', 'updatedAt', 'createdBy', 'createdAt', 'newestKey'])
      expect(patch).not.toHaveProperty(f);
    expect(patch).toHaveProperty('items');
  });
});
