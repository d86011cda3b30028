import { t } from '../i18n/sv';
import { bridge } from '../platform';
import type { Rescued } from './recovery';
import type { RescueFile } from './rescue';

const PREFIX = 'diarium.rescue.';

function storageKey(file: RescueFile): string {
  return `${PREFIX}${file.userId}.${file.savedAt}`;
}

/**
 * Keeps offline changes rescued from a replica that could not be opened: on the desktop a file in
 * the documents folder (main picks it), in web mode a download; in both a copy in local storage,
 * so the app can offer to apply them again at a later start until that is done.
 */
export async function saveRescue(file: RescueFile): Promise<string> {
  const json = JSON.stringify(file);
  const desktop = bridge();
  let savedTo: string;
  if (desktop) savedTo = await desktop.saveRescuedChanges(json);
  else {
    const name = `diarium-osparade-andringar-${file.savedAt.replace(/[:.]/g, '-')}.json`;
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    Object.assign(document.createElement('a'), { href: url, download: name }).click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    savedTo = t('app.rescue.browserWhere', { file: name });
  }
  try {
    localStorage.setItem(storageKey(file), JSON.stringify({ file, savedTo }));
  } catch (err) {
    // Full local storage: the file (or download) is the copy; it is only not offered again.
    if (!desktop) throw err;
    console.warn('[diarium] rescued changes not kept in local storage', err);
  }
  return savedTo;
}

/** The newest rescue of this user not yet applied again, if any. */
export function unappliedRescue(userId: string): Rescued | null {
  const keys = Object.keys(localStorage)
    .filter((k) => k.startsWith(`${PREFIX}${userId}.`))
    .sort();
  const newest = keys.at(-1);
  if (!newest) return null;
  try {
    const { file, savedTo } = JSON.parse(localStorage.getItem(newest) ?? '') as { file: RescueFile; savedTo: string };
    return file.format === 'diarium-rescue-1' ? { file, savedTo, reason: 'saved at an earlier start' } : null;
  } catch {
    return null;
  }
}

/** After the changes were applied again: not offered any more (the saved file stays). */
export function forgetRescue(rescued: Rescued): void {
  localStorage.removeItem(storageKey(rescued.file));
}
