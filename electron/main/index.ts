/**
 * Electron main process: starts things and relays, nothing else. No business rules here; the
 * renderer talks to the sync server itself and to the OS only through the bridge.
 */
import { app, BrowserWindow, dialog, ipcMain, Notification, protocol, safeStorage, session } from 'electron';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_BASE_URL, APP_INDEX_URL, APP_SCHEME_PRIVILEGES, handleAppProtocol } from './app-protocol';
import { registerBridge, type BridgeHandlers } from './bridge';
import { readShellConfig, type ShellConfig } from './config';
import { buildCsp, installCsp } from './csp';
import { isAppUrl } from './links';
import { SecretStore } from './secrets';
import { appSigningFonts } from './signing-fonts';
import { isSignOutRequest, SigningService } from './signing-service';
import { createMainWindow, guardWebContents } from './window';

const here = path.dirname(fileURLToPath(import.meta.url)); // out/main
const RENDERER_DIR = path.join(here, '../renderer');
const PRELOAD = path.join(here, '../preload/index.cjs');

function loadConfig(): ShellConfig | null {
  try {
    return readShellConfig(process.env);
  } catch (error) {
    console.error('[diarium]', error);
    dialog.showErrorBox('Diarium', `Felaktig inställning / invalid setting:\n${(error as Error).message}`);
    return null;
  }
}

const config = loadConfig();
if (config === null) {
  app.exit(1);
} else {
  if (config.userDataDir) app.setPath('userData', config.userDataDir);
  // Every renderer sandboxed, whatever a future window forgets to set.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    const appBase = config.devUrl ?? APP_BASE_URL;
    app.on('second-instance', () => {
      const win = BrowserWindow.getAllWindows()[0];
      if (!win) return;
      if (win.isMinimized()) win.restore();
      win.focus();
    });
    app.on('web-contents-created', (_event, contents) => guardWebContents(contents, appBase));
    app.on('window-all-closed', () => app.quit());
    app
      .whenReady()
      .then(() => start(config, appBase))
      .catch(fail);
  }
}

function start(config: ShellConfig, appBase: string): void {
  const startUrl = config.devUrl ?? APP_INDEX_URL;
  const isAppPage = (url: string | null) => url !== null && isAppUrl(url, appBase);
  const csp = buildCsp({ serverUrl: config.serverUrl, devUrl: config.devUrl });
  const ses = session.defaultSession;
  installCsp(ses, csp, isAppPage);
  handleAppProtocol(protocol, RENDERER_DIR, csp);

  // The page asks the OS for nothing directly: notifications, secrets etc. go through the bridge.
  const allowedPermissions = new Set(['clipboard-sanitized-write']);
  ses.setPermissionRequestHandler((contents, permission, callback) => {
    callback(allowedPermissions.has(permission) && isAppPage(contents.getURL()));
  });
  ses.setPermissionCheckHandler((_contents, permission, origin) => allowedPermissions.has(permission) && isAppPage(origin));

  const secrets = new SecretStore(path.join(app.getPath('userData'), 'secrets.json'), safeStorage);
  // The signer's key lives here only; the renderer gets the certificate and signed bytes.
  const signing = new SigningService({
    pickKeyFile: async () => {
      const win = BrowserWindow.getFocusedWindow();
      const options = {
        title: 'Välj e-legitimation (.p12/.pfx)',
        properties: ['openFile' as const],
        filters: [{ name: 'PKCS#12', extensions: ['p12', 'pfx'] }],
      };
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    readFile: async (file) => new Uint8Array(await readFile(file)),
    signingFonts: appSigningFonts({ rendererDir: RENDERER_DIR, devUrl: config.devUrl }),
    now: Date.now,
  });
  // Signing out forgets the key, whatever the page does: main sees the logout request itself.
  ses.webRequest.onBeforeRequest({ urls: ['*://*/api/logout'] }, (details, callback) => {
    if (isSignOutRequest(details, config.serverUrl)) signing.forget();
    callback({});
  });
  app.on('will-quit', () => signing.forget());
  const handlers: BridgeHandlers = {
    getSecret: (key) => secrets.get(key),
    setSecret: (key, value) => secrets.set(key, value),
    showNotification: async (title, body) => {
      if (!Notification.isSupported()) return;
      new Notification({ title, body }).show();
    },
    // Main picks the place and a new name: the page never names a path.
    saveRescuedChanges: async (json) => {
      const dir = path.join(app.getPath('documents'), 'Diarium');
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `osparade-andringar-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      await writeFile(file, json, { flag: 'wx' });
      return file;
    },
    ...signing.handlers,
  };
  registerBridge({ ipcMain, handlers, isTrustedSender: isAppPage });

  const open = () => createMainWindow({ preload: PRELOAD, startUrl, serverUrl: config.serverUrl, version: app.getVersion() });
  open();
  // macOS: clicking the dock icon with no window open opens one again.
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
}

function fail(error: unknown): void {
  console.error('[diarium] start-up failed:', error);
  dialog.showErrorBox('Diarium', `Programmet kunde inte starta / could not start:\n${String(error)}`);
  app.exit(1);
}
