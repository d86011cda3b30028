import type { InformationRequest, RequestStatus } from '../../../../shared/src/model/request';
import { daysToDelivery, isFinalRequest, isOverdue } from '../../../../shared/src/rules/request';

/** The work list of requests: newest first, filtered by status, overdue ones marked. */
export type StatusFilter = 'open' | 'all' | RequestStatus;
export const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'all', 'received', 'in_review', 'decided', 'delivered', 'withdrawn'];

export interface RequestRow {
  request: InformationRequest;
  overdue: boolean;
  /** Days from registration to delivery; null until delivered. */
  days: number | null;
}

export function matchesFilter(r: Pick<InformationRequest, 'status' | 'decision'>, filter: StatusFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'open') return !isFinalRequest(r);
  return r.status === filter;
}

export function requestRows(requests: readonly InformationRequest[], filter: StatusFilter, today: string): RequestRow[] {
  return requests
    .filter((r) => matchesFilter(r, filter))
    .sort((a, b) => a.newestKey.localeCompare(b.newestKey) || a.id.localeCompare(b.id))
    .map((request) => ({ request, overdue: isOverdue(request, today), days: daysToDelivery(request) }));
}
