import { describe, expect, it } from 'vitest';
import type { RetentionRule } from '../model/document-type';
import {
  ARCHIVED_CASE_AUDIT_KEPT,
  ARCHIVED_DOCUMENT_AUDIT_KEPT,
  isCaseDueForTransfer,
  isFreeDocumentDueForTransfer,
  latestDueDate,
} from './transfer-due';
import { addDays } from './dates';

const PRESERVE: RetentionRule = { action: 'preserve', explanation: '' };
const DISPOSE: RetentionRule = { action: 'dispose', periodYears: 2, trigger: 'case_closed', explanation: '' };
const opts = { today: '2026-12-07', afterYears: 0 };

describe('isCaseDueForTransfer', () => {
  const kept = [{ document: { status: 'registered' as const }, rule: PRESERVE }];

  it('is due once closed when a live document is preserved', () => {
    expect(isCaseDueForTransfer({ status: 'closed', closedDate: '2026-12-07' }, kept, opts)).toBe(true);
    expect(isCaseDueForTransfer({ status: 'closed', closedDate: '2026-12-08' }, kept, opts)).toBe(false);
  });

  it('is not due while open, when already archived, or without a closing date', () => {
    for (const status of ['registered', 'registered_unchecked', 'archived', 'annulled', 'disposed'] as const) {
      expect(isCaseDueForTransfer({ status, closedDate: '2020-01-01' }, kept, opts)).toBe(false);
    }
    expect(isCaseDueForTransfer({ status: 'closed', closedDate: '' }, kept, opts)).toBe(false);
  });

  it('needs a preserved document that is neither annulled, disposed nor a draft', () => {
    const c = { status: 'closed' as const, closedDate: '2025-01-01' };
    expect(isCaseDueForTransfer(c, [{ document: { status: 'registered' }, rule: DISPOSE }], opts)).toBe(false);
    expect(isCaseDueForTransfer(c, [{ document: { status: 'registered' }, rule: null }], opts)).toBe(false);
    for (const status of ['annulled', 'disposed', 'draft'] as const)
      expect(isCaseDueForTransfer(c, [{ document: { status }, rule: PRESERVE }], opts)).toBe(false);
    expect(isCaseDueForTransfer(c, [], opts)).toBe(false);
    expect(
      isCaseDueForTransfer(
        c,
        [
          { document: { status: 'registered' }, rule: DISPOSE },
          { document: { status: 'registered_unchecked' }, rule: PRESERVE },
        ],
        opts,
      ),
    ).toBe(true);
  });

  it('waits the given years after closing, across leap days', () => {
    const c = { status: 'closed' as const, closedDate: '2024-02-29' };
    expect(isCaseDueForTransfer(c, kept, { today: '2027-02-27', afterYears: 3 })).toBe(false);
    expect(isCaseDueForTransfer(c, kept, { today: '2027-02-28', afterYears: 3 })).toBe(true);
  });
});

describe('isFreeDocumentDueForTransfer', () => {
  const doc = { caseId: '', status: 'registered' as const, registeredDate: '2025-03-01' };

  it('is due for a registered, preserved, free-standing document', () => {
    expect(isFreeDocumentDueForTransfer(doc, PRESERVE, opts)).toBe(true);
    expect(isFreeDocumentDueForTransfer(doc, PRESERVE, { today: '2026-02-28', afterYears: 1 })).toBe(false);
    expect(isFreeDocumentDueForTransfer(doc, PRESERVE, { today: '2026-03-01', afterYears: 1 })).toBe(true);
  });

  it('is not due in a case, unregistered, unchecked, or without a preserve rule', () => {
    expect(isFreeDocumentDueForTransfer({ ...doc, caseId: 'c1' }, PRESERVE, opts)).toBe(false);
    expect(isFreeDocumentDueForTransfer({ ...doc, registeredDate: '' }, PRESERVE, opts)).toBe(false);
    expect(isFreeDocumentDueForTransfer({ ...doc, status: 'registered_unchecked' }, PRESERVE, opts)).toBe(false);
    expect(isFreeDocumentDueForTransfer({ ...doc, status: 'archived' }, PRESERVE, opts)).toBe(false);
    expect(isFreeDocumentDueForTransfer(doc, DISPOSE, opts)).toBe(false);
    expect(isFreeDocumentDueForTransfer(doc, null, opts)).toBe(false);
  });
});

describe('what the actor register keeps of an archived record (setting remove)', () => {
  it('keeps number, title, dates and status; not the sender, the description or a file restriction', () => {
    for (const f of ['documentNumber', 'title', 'registeredDate', 'status', 'documentTypeId'])
      expect(ARCHIVED_DOCUMENT_AUDIT_KEPT.has(f), f).toBe(true);
    for (const f of ['sender', 'description', 'fileRestrictions', 'changeReason', 'notes'])
      expect(ARCHIVED_DOCUMENT_AUDIT_KEPT.has(f), f).toBe(false);
    for (const f of ['archiveTransfer', 'archivePackage', 'contentRemoved']) expect(ARCHIVED_DOCUMENT_AUDIT_KEPT.has(f), f).toBe(true);
    for (const f of ['caseNumber', 'title', 'closedDate', 'status']) expect(ARCHIVED_CASE_AUDIT_KEPT.has(f), f).toBe(true);
    for (const f of ['description', 'partyIds']) expect(ARCHIVED_CASE_AUDIT_KEPT.has(f), f).toBe(false);
  });
});

describe('latestDueDate', () => {
  it('bounds every closing date that is due, across leap days and years', () => {
    const kept = [{ document: { status: 'registered' as const }, rule: PRESERVE }];
    for (const today of ['2026-12-07', '2028-02-29', '2027-01-01', '2025-12-31'])
      for (const afterYears of [0, 1, 4, 10]) {
        const bound = latestDueDate({ today, afterYears });
        // Every day from two years before the bound to a year after it.
        for (let d = addDays(bound, -730); d <= addDays(bound, 365); d = addDays(d, 1))
          if (isCaseDueForTransfer({ status: 'closed', closedDate: d }, kept, { today, afterYears }))
            expect(d <= bound, `${today} +${afterYears}: ${d}`).toBe(true);
      }
    expect(latestDueDate({ today: '2026-12-07', afterYears: 10 })).toBe('2016-12-31');
  });
});
