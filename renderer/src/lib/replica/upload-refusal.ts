import type { RejectionCode } from '../../../../shared/src';

/**
 * Why the server would not take an upload, from its answer; null when the answer is not a
 * refusal of the file itself (taken, or a server fault: the file stays queued and is sent again).
 */
export function uploadRefusal(status: number, error: unknown): RejectionCode | null {
  if (status === 400) return 'invalid_schema';
  if (status === 403) return error === 'untrusted_signature' ? 'untrusted_signature' : 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'signed_file_frozen';
  if (status === 413) return 'file_too_large';
  if (status === 415) return 'file_type_unsupported';
  if (status === 422) return error === 'unreadable_office_file' ? 'office_file_unreadable' : 'file_unreadable';
  return null;
}
