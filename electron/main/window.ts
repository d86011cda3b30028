/** The main window and the guards on everything a page may try to open or navigate to. */
import { BrowserWindow, shell, type WebContents } from 'electron';
import { decideNavigation, routeNavigation } from './links';
import { PRELOAD_SWITCHES } from '../common/ipc';

export interface WindowOptions {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preload: string;
  /** The page to load: the dev server URL, or app://diarium/index.html. */
  startUrl: string;
  serverUrl: string;
  version: string;
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    title: 'Diarium',
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      // The sandboxed preload reads these from process.argv (it cannot require app or fs).
      additionalArguments: [`${PRELOAD_SWITCHES.serverUrl}${opts.serverUrl}`, `${PRELOAD_SWITCHES.version}${opts.version}`],
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.startUrl);
  return win;
}

/**
 * Guards for every WebContents the app creates (call from app's 'web-contents-created'): no
 * navigation away from the app, no new windows, no <webview>; http(s) links go to the OS browser.
 */
export function guardWebContents(contents: WebContents, appBase: string): void {
  const openExternal = (url: string) => shell.openExternal(url);
  const report = (error: unknown) => console.error('[diarium] could not open link:', error);

  contents.setWindowOpenHandler(({ url }) => {
    routeNavigation(url, appBase, 'window-open', openExternal, report);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!routeNavigation(event.url, appBase, 'navigate', openExternal, report)) event.preventDefault();
  });
  // Sub-frames (frame-src 'none' should leave none) may not navigate anywhere but the app.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // handled by will-navigate
    if (decideNavigation(event.url, appBase, 'navigate') !== 'allow') event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url, appBase, 'navigate') !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
