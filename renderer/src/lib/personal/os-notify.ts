import type { NotificationView } from '../../../../shared/src/protocol/personal';
import { t } from '../i18n/sv';
import { bridge } from '../platform';
import { notificationText, targetLabel } from './texts';

/**
 * New notifications as OS notifications: on the desktop through the bridge (Electron's
 * Notification in main), in web mode through the Notification API, only when the user has
 * allowed it (asked for on a user action, `askOsNotifications`, never at start).
 */
export function showOsNotifications(fresh: readonly NotificationView[]): void {
  const desktop = bridge();
  for (const n of fresh) {
    const body = `${notificationText(n)}: ${targetLabel(n.target)}`;
    if (desktop) void desktop.showNotification(t('personal.os.title'), body).catch(() => undefined);
    else if (typeof Notification !== 'undefined' && Notification.permission === 'granted')
      new Notification(t('personal.os.title'), { body });
  }
}

export type OsPermission = 'granted' | 'denied' | 'default' | 'unsupported';

/** Web mode's permission now; the desktop always shows them. */
export function osPermission(): OsPermission {
  if (bridge()) return 'granted';
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the browser (call only from a click). */
export async function askOsNotifications(): Promise<OsPermission> {
  if (bridge() || typeof Notification === 'undefined') return osPermission();
  return Notification.requestPermission();
}
