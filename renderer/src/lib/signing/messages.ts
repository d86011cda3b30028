import { t } from '../i18n/sv';
import type { SignDocumentResult } from './sign-document';

/** The Swedish sentence for a failed signing; the technical detail only where it helps. */
export function signingProblem(result: Extract<SignDocumentResult, { ok: false }>): string {
  switch (result.code) {
    case 'failed':
      return t('signing.error.failed', { detail: result.message });
    case 'upload-refused':
      return t('signing.error.upload-refused');
    default:
      return t(`signing.error.${result.code}`);
  }
}
