import { filter, firstValueFrom, map, type Observable } from 'rxjs';
import type { InformationRequest } from '../../../../shared/src/model/request';
import { checkRegistration } from '../../../../shared/src/rules/request';
import { isValidIsoDate } from '../../../../shared/src';
import type { RequestMessageKey } from '../i18n/sv.requests';

/** The registration form's field errors, as message keys, from the same rule the server applies. */
export type RequestFieldErrors = Partial<Record<'requesterName' | 'description' | 'receivedDate' | 'dueDate', RequestMessageKey>>;

const MESSAGES: Record<keyof RequestFieldErrors, RequestMessageKey> = {
  requesterName: 'request.form.error.requesterName',
  description: 'request.form.error.description',
  receivedDate: 'request.form.error.receivedDate',
  dueDate: 'request.form.error.dueDate',
};

/** Each field checked on its own by the shared rule (which reports the first problem only). */
const PROBES: Record<keyof RequestFieldErrors, (r: InformationRequest) => Partial<InformationRequest>> = {
  requesterName: (r) => ({ requesterName: r.requesterName, anonymous: r.anonymous }),
  description: (r) => ({ description: r.description }),
  receivedDate: (r) => ({ receivedDate: r.receivedDate, dueDate: '9999-12-31' }),
  dueDate: (r) => ({ receivedDate: isValidIsoDate(r.receivedDate) ? r.receivedDate : '0001-01-01', dueDate: r.dueDate }),
};
const VALID: Partial<InformationRequest> = {
  requesterName: 'x',
  anonymous: false,
  description: 'x',
  receivedDate: '2000-01-01',
  dueDate: '2000-01-01',
};

export function registrationErrors(request: InformationRequest): RequestFieldErrors {
  const errors: RequestFieldErrors = {};
  for (const field of Object.keys(PROBES) as (keyof RequestFieldErrors)[]) {
    const p = checkRegistration({ ...request, ...VALID, ...PROBES[field](request) });
    if (p?.fields.includes(field)) errors[field] = MESSAGES[field];
  }
  return errors;
}

/**
 * Resolves when a record the user just registered has its number from the server: a request or
 * a decision may only cite a case or document the server has accepted.
 */
export function whenNumbered<T>(record: Observable<T | null>, numberOf: (r: T) => string): Promise<string> {
  return firstValueFrom(
    record.pipe(
      map((r) => (r ? numberOf(r) : '')),
      filter((n) => n !== ''),
    ),
  );
}
