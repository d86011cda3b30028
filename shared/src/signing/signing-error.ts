export type SigningErrorCode =
  | 'unreadable-pdf'
  | 'encrypted-pdf'
  | 'unsupported-pdf'
  | 'no-signature-page'
  | 'signature-page-full'
  | 'existing-signature-invalid'
  | 'self-check-failed';

/** A PDF that cannot be signed, with a code the UI can show in Swedish; the message is for logs. */
export class SigningError extends Error {
  constructor(
    readonly code: SigningErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SigningError';
  }
}
