/** Why a redaction could not be made; `message` is English (logs, CLI), the UI maps `code` to Swedish. */
export type RedactionErrorCode = 'encrypted' | 'unreadable' | 'invalid-masks';

export class RedactionError extends Error {
  constructor(
    readonly code: RedactionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RedactionError';
  }
}
