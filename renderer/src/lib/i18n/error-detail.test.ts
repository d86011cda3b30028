import { describe, expect, it, vi } from 'vitest';
import { FileOpenError } from '../replica/file-open-error';
import { errorDetail } from './error-detail';
import { t } from './sv';

describe('errorDetail', () => {
  it.each(['not_in_replica', 'unreachable', 'refused', 'gone', 'server'] as const)('names the file failure %s in Swedish', (reason) => {
    const text = errorDetail(new FileOpenError(reason, 'English for the log'));
    expect(text).toBe(t(`file.error.reason.${reason}`));
    expect(text).not.toContain('English');
  });

  it('says the disk is full for a quota error', () => {
    expect(errorDetail(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe(t('error.detail.diskFull'));
  });

  it('says the server cannot be reached for a failed fetch', () => {
    expect(errorDetail(new TypeError('Failed to fetch'))).toBe(t('error.detail.network'));
  });

  it('never shows an English message: it goes to the log', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(errorDetail(new Error('RxError (CONFLICT): document update conflict'))).toBe(t('error.detail.unexpected'));
      expect(errorDetail('a string')).toBe(t('error.detail.unexpected'));
      expect(log).toHaveBeenCalledTimes(2);
    } finally {
      log.mockRestore();
    }
  });
});
