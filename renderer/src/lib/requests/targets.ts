import type { Case, Document } from '../../../../shared/src';
import { effectiveRestriction, type Guarded } from '../../../../shared/src';
import type { RequestTarget } from '../../../../shared/src/rules/request';

/**
 * Finding and naming the cases and documents a request asks for. A record whose title the
 * server withheld (restricted, or the title shielded) is found and shown by its number only.
 */
export interface TargetOption {
  target: RequestTarget;
  number: string;
  /** '' when withheld from this user. */
  title: string;
}

type CaseLike = Pick<Case, 'id' | 'caseNumber' | 'title' | 'withheld'>;
type DocLike = Pick<Document, 'id' | 'documentNumber' | 'title' | 'withheld' | 'maskedCopyOf'>;

function visibleTitle(r: { title: string; withheld: readonly string[] }): string {
  return r.withheld.includes('title') ? '' : r.title;
}

function fold(text: string): string {
  return text.toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();
}

/**
 * Registered cases and documents matching what the user types: a number (or part of one, "42-3")
 * or words of the title. Provisional records (no number yet) and masked copies are left out: a
 * request asks for registered originals. Numbers that start with the query come first.
 */
export function matchTargets(cases: readonly CaseLike[], documents: readonly DocLike[], query: string, limit = 30): TargetOption[] {
  const q = fold(query);
  if (q === '') return [];
  const words = q.split(' ');
  const options: TargetOption[] = [
    ...cases
      .filter((c) => c.caseNumber !== '')
      .map((c) => ({ target: { collection: 'cases' as const, id: c.id }, number: c.caseNumber, title: visibleTitle(c) })),
    ...documents
      .filter((d) => d.documentNumber !== '' && d.maskedCopyOf === '')
      .map((d) => ({ target: { collection: 'documents' as const, id: d.id }, number: d.documentNumber, title: visibleTitle(d) })),
  ];
  const scored = options
    .map((o) => {
      const number = fold(o.number);
      const title = fold(o.title);
      if (number.startsWith(q)) return { o, score: 0 };
      if (number.includes(q)) return { o, score: 1 };
      if (words.every((w) => title.includes(w))) return { o, score: 2 };
      return null;
    })
    .filter((s): s is { o: TargetOption; score: number } => s !== null);
  return scored
    .sort((a, b) => a.score - b.score || a.o.number.localeCompare(b.o.number, 'sv', { numeric: true }))
    .slice(0, limit)
    .map((s) => s.o);
}

export function optionLabel(o: Pick<TargetOption, 'number' | 'title'>): string {
  return o.title ? `${o.number} ${o.title}` : o.number;
}

/** Number and title as the user may see them, for lists, the decision text and the package. */
export function recordLabel(record: CaseLike | DocLike): string {
  const number = 'caseNumber' in record ? record.caseNumber : record.documentNumber;
  return optionLabel({ number, title: visibleTitle(record) });
}

/** The restriction that applies to a requested record, and its legal ground; null when none. */
export function restrictionOf(record: Guarded, parentCase?: Guarded | null): { kind: string; legalGround: string } | null {
  const r = effectiveRestriction(record, parentCase);
  return r.kind === 'none' ? null : r;
}
