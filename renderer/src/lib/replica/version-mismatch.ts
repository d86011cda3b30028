import { VERSION_CLOSE_CODES, type VersionVerdict } from '../../../../shared/src';
import { t } from '../i18n/sv';

/** Why the server does not serve this app: it is too old for the server, or newer than it. */
export type VersionMismatch = Exclude<VersionVerdict, 'ok'>;

/** The mismatch a sync socket's close code reports, or null for any other close. */
export function versionMismatchOf(closeCode: number): VersionMismatch | null {
  const found = (Object.keys(VERSION_CLOSE_CODES) as VersionMismatch[]).find((m) => VERSION_CLOSE_CODES[m] === closeCode);
  return found ?? null;
}

/** What the user reads instead of connection errors. */
export function versionMismatchMessage(mismatch: VersionMismatch): string {
  return mismatch === 'client_too_old' ? t('sync.clientTooOld') : t('sync.serverTooOld');
}
