import { FileOpenError } from '../replica/file-open-error';
import { t, type MessageKey } from './sv';

/**
 * The Swedish detail for a failure shown in the UI. Errors thrown below the views carry English
 * messages for the log; showing those to a registrar would be neither Swedish nor useful, so the
 * English goes to the console and the user gets what the failure means for them.
 */
export function errorDetail(err: unknown): string {
  if (err instanceof FileOpenError) return t(`file.error.reason.${err.reason}` as MessageKey);
  if (isDiskFull(err)) return t('error.detail.diskFull');
  if (err instanceof TypeError && /fetch|network/i.test(err.message)) return t('error.detail.network');
  console.error('[ui] failed:', err);
  return t('error.detail.unexpected');
}

function isDiskFull(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || (err instanceof Error && /quota/i.test(err.message));
}

/** `errorDetail` as a sentence of its own (where no Swedish lead-in precedes it). */
export function errorSentence(err: unknown): string {
  const detail = errorDetail(err);
  return detail.charAt(0).toUpperCase() + detail.slice(1);
}
