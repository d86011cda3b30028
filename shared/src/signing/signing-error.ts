export type SigningErrorCode =
  | 'unreadable-pdf'
  | 'encrypted-pdf'
  | 'unsupported-pdf'
  | 'no-signature-page'
  | 'signature-page-full'
  | 'existing-signature-invalid'
  | 'self-check-failed'
  // Signing draws text: a PDF/A file needs embedded fonts (the caller's bytes), which must be usable.
  | 'pdfa-needs-fonts'
  | 'bad-font';

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
