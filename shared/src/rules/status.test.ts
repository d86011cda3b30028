import { describe, expect, test } from 'vitest';
import { CASE_STATUSES, type CaseStatus } from '../model/case';
import { DIRECTIONS, DOCUMENT_STATUSES, type Direction, type DocumentStatus } from '../model/document';
import {
  INITIAL_CASE_STATUSES,
  canTransitionCase,
  canTransitionDocument,
  initialDocumentStatuses,
  isFinalStatus,
  nextCaseStatuses,
  nextDocumentStatuses,
  type StatusCause,
} from './status';

const CAUSES: readonly StatusCause[] = ['manual', 'annul', 'dispose', 'archive'];

/*
 * The expected tables, written from domain.md ("Statuses") and not from status.ts.
 *
 * Documents, Inkommen/Utgående: Registrerad – ej kvalitetssäkrad → Registrerad.
 * Documents, Upprättad: Utkast → Registrerad – ej kvalitetssäkrad → Registrerad.
 * Makulerad / Gallrad / Arkiverad only by their activity (annul / dispose / archive), never by hand.
 * Where domain.md is silent, the row says which product choice it encodes.
 */
type DocRow = [Direction, DocumentStatus, DocumentStatus, StatusCause];
const DOCUMENT_ALLOWED: readonly DocRow[] = [
  // Manual steps of the registration chain (quality assurance; finishing a draft).
  ['incoming', 'registered_unchecked', 'registered', 'manual'],
  ['outgoing', 'registered_unchecked', 'registered', 'manual'],
  ['created', 'draft', 'registered_unchecked', 'manual'],
  ['created', 'registered_unchecked', 'registered', 'manual'],
  // Annulment ("registered in error") from any living status of the direction. A draft already
  // holds a number in the series, so it is annulled rather than deleted (product choice).
  ['incoming', 'registered_unchecked', 'annulled', 'annul'],
  ['incoming', 'registered', 'annulled', 'annul'],
  ['outgoing', 'registered_unchecked', 'annulled', 'annul'],
  ['outgoing', 'registered', 'annulled', 'annul'],
  ['created', 'draft', 'annulled', 'annul'],
  ['created', 'registered_unchecked', 'annulled', 'annul'],
  ['created', 'registered', 'annulled', 'annul'],
  // Disposal and archiving come "then", after Registrerad: only quality-assured documents.
  ['incoming', 'registered', 'disposed', 'dispose'],
  ['outgoing', 'registered', 'disposed', 'dispose'],
  ['created', 'registered', 'disposed', 'dispose'],
  ['incoming', 'registered', 'archived', 'archive'],
  ['outgoing', 'registered', 'archived', 'archive'],
  ['created', 'registered', 'archived', 'archive'],
];

/** Statuses the direction makes available (domain.md: "The direction decides which statuses are available"). */
function availableFor(direction: Direction): readonly DocumentStatus[] {
  return direction === 'created' ? DOCUMENT_STATUSES : DOCUMENT_STATUSES.filter((s) => s !== 'draft');
}

function expectedDocument(direction: Direction, from: DocumentStatus, to: DocumentStatus, cause: StatusCause): boolean {
  const available = availableFor(direction);
  if (!available.includes(from) || !available.includes(to)) return false;
  // Keeping the status is not a transition (an ordinary metadata edit); finality is enforced
  // elsewhere (isFinalStatus), not by the transition table.
  if (from === to) return true;
  return DOCUMENT_ALLOWED.some(([d, f, t, c]) => d === direction && f === from && t === to && c === cause);
}

/*
 * Case: Registrerat – ej kvalitetssäkrat → Registrerat → Avslutat, plus Avslutat → Registrerat
 * (reopening, a deliberate product choice: a late document arrives in a closed case).
 */
type CaseRow = [CaseStatus, CaseStatus, StatusCause];
const CASE_ALLOWED: readonly CaseRow[] = [
  ['registered_unchecked', 'registered', 'manual'],
  ['registered', 'closed', 'manual'],
  ['closed', 'registered', 'manual'], // reopen
  // Annul an open case registered in error; a closed case is reopened first (product choice).
  ['registered_unchecked', 'annulled', 'annul'],
  ['registered', 'annulled', 'annul'],
  // Disposal and archiving follow closing.
  ['closed', 'disposed', 'dispose'],
  ['closed', 'archived', 'archive'],
];

function expectedCase(from: CaseStatus, to: CaseStatus, cause: StatusCause): boolean {
  if (from === to) return true;
  return CASE_ALLOWED.some(([f, t, c]) => f === from && t === to && c === cause);
}

const documentGrid = DIRECTIONS.flatMap((d) =>
  DOCUMENT_STATUSES.flatMap((f) =>
    DOCUMENT_STATUSES.flatMap((t) => CAUSES.map((c) => ({ d, f, t, c, allowed: expectedDocument(d, f, t, c) }))),
  ),
);

const caseGrid = CASE_STATUSES.flatMap((f) =>
  CASE_STATUSES.flatMap((t) => CAUSES.map((c) => ({ f, t, c, allowed: expectedCase(f, t, c) }))),
);

describe('canTransitionDocument: every direction × from × to × cause', () => {
  test('the grid is complete (3 directions × 6 × 6 × 4 causes)', () => {
    expect(documentGrid).toHaveLength(3 * 6 * 6 * 4);
  });

  test.each(documentGrid)('$d: $f → $t by $c is allowed=$allowed', ({ d, f, t, c, allowed }) => {
    expect(canTransitionDocument(d, f, t, c)).toBe(allowed);
  });
});

describe('canTransitionCase: every from × to × cause', () => {
  test('the grid is complete (6 × 6 × 4 causes)', () => {
    expect(caseGrid).toHaveLength(6 * 6 * 4);
  });

  test.each(caseGrid)('$f → $t by $c is allowed=$allowed', ({ f, t, c, allowed }) => {
    expect(canTransitionCase(f, t, c)).toBe(allowed);
  });
});

describe('automatic statuses are never set by hand', () => {
  test.each(DIRECTIONS)('%s: no manual transition reaches annulled, disposed or archived', (d) => {
    for (const from of DOCUMENT_STATUSES) {
      for (const to of ['annulled', 'disposed', 'archived'] as const) {
        if (from !== to) expect(canTransitionDocument(d, from, to, 'manual')).toBe(false);
      }
    }
  });

  test('cases: no manual transition reaches annulled, disposed or archived', () => {
    for (const from of CASE_STATUSES) {
      for (const to of ['annulled', 'disposed', 'archived'] as const) {
        if (from !== to) expect(canTransitionCase(from, to, 'manual')).toBe(false);
      }
    }
  });

  test('an activity only ever produces its own status', () => {
    // 'annul' cannot be used to dispose, nor 'archive' to annul.
    expect(canTransitionDocument('incoming', 'registered', 'disposed', 'annul')).toBe(false);
    expect(canTransitionDocument('incoming', 'registered', 'annulled', 'archive')).toBe(false);
    expect(canTransitionDocument('created', 'registered', 'registered_unchecked', 'dispose')).toBe(false);
    expect(canTransitionCase('closed', 'archived', 'dispose')).toBe(false);
    expect(canTransitionCase('registered', 'closed', 'annul')).toBe(false);
  });

  test('nothing leaves a final status', () => {
    for (const d of DIRECTIONS) {
      for (const from of ['annulled', 'disposed', 'archived'] as const) {
        for (const to of DOCUMENT_STATUSES) {
          for (const c of CAUSES) if (from !== to) expect(canTransitionDocument(d, from, to, c)).toBe(false);
        }
      }
    }
    for (const from of ['annulled', 'disposed', 'archived'] as const) {
      for (const to of CASE_STATUSES) {
        for (const c of CAUSES) if (from !== to) expect(canTransitionCase(from, to, c)).toBe(false);
      }
    }
  });
});

describe('initialDocumentStatuses', () => {
  test('incoming starts unchecked', () => {
    expect(initialDocumentStatuses('incoming')).toEqual(['registered_unchecked']);
  });
  test('outgoing starts unchecked', () => {
    expect(initialDocumentStatuses('outgoing')).toEqual(['registered_unchecked']);
  });
  test('created may start as a draft or registered unchecked', () => {
    expect([...initialDocumentStatuses('created')].sort()).toEqual(['draft', 'registered_unchecked']);
  });
  test('no direction starts registered (quality-assured) or in a final status', () => {
    for (const d of DIRECTIONS) {
      for (const s of initialDocumentStatuses(d)) {
        expect(s).not.toBe('registered');
        expect(isFinalStatus(s)).toBe(false);
      }
    }
  });
  test('cases start unchecked', () => {
    expect(INITIAL_CASE_STATUSES).toEqual(['registered_unchecked']);
  });
});

describe('nextDocumentStatuses (the manual status menu)', () => {
  const expected: Record<Direction, Record<DocumentStatus, DocumentStatus[]>> = {
    incoming: { draft: [], registered_unchecked: ['registered'], registered: [], annulled: [], disposed: [], archived: [] },
    outgoing: { draft: [], registered_unchecked: ['registered'], registered: [], annulled: [], disposed: [], archived: [] },
    created: {
      draft: ['registered_unchecked'],
      registered_unchecked: ['registered'],
      registered: [],
      annulled: [],
      disposed: [],
      archived: [],
    },
  };
  const rows = DIRECTIONS.flatMap((d) => DOCUMENT_STATUSES.map((s) => ({ d, s, next: expected[d][s] })));

  test.each(rows)('$d from $s offers $next', ({ d, s, next }) => {
    expect([...nextDocumentStatuses(d, s)]).toEqual(next);
  });

  test.each(rows)('$d from $s agrees with canTransitionDocument(manual)', ({ d, s }) => {
    const viaRule = DOCUMENT_STATUSES.filter((t) => t !== s && canTransitionDocument(d, s, t, 'manual'));
    expect([...nextDocumentStatuses(d, s)].sort()).toEqual(viaRule.sort());
  });
});

describe('nextCaseStatuses', () => {
  const expected: Record<CaseStatus, CaseStatus[]> = {
    registered_unchecked: ['registered'],
    registered: ['closed'],
    closed: ['registered'], // reopen
    annulled: [],
    disposed: [],
    archived: [],
  };
  test.each(CASE_STATUSES)('from %s', (s) => {
    expect([...nextCaseStatuses(s)]).toEqual(expected[s]);
  });
  test.each(CASE_STATUSES)('from %s agrees with canTransitionCase(manual)', (s) => {
    const viaRule = CASE_STATUSES.filter((t) => t !== s && canTransitionCase(s, t, 'manual'));
    expect([...nextCaseStatuses(s)].sort()).toEqual(viaRule.sort());
  });
});

describe('isFinalStatus', () => {
  test.each([
    ['draft', false],
    ['registered_unchecked', false],
    ['registered', false],
    ['closed', false], // a closed case can be reopened
    ['annulled', true],
    ['disposed', true],
    ['archived', true],
  ] as const)('%s → %s', (status, final) => {
    expect(isFinalStatus(status)).toBe(final);
  });
});
