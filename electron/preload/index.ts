/**
 * Preload (sandboxed, compiled to CommonJS): exposes ONE fixed object, `window.diarium`, whose
 * methods each invoke one fixed `diarium:` channel. ipcRenderer itself is never exposed, and no
 * method takes a channel name, so the page cannot reach any other channel through the bridge.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { BridgeArgs, BridgeMethod, BridgeResult, DiariumBridge, SignPdfRequest } from '../../shared/src/protocol/bridge';
import { CHANNELS, PRELOAD_SWITCHES, readSwitch } from '../common/ipc';

function invoke<M extends BridgeMethod>(method: M, ...args: BridgeArgs<M>): Promise<BridgeResult<M>> {
  return ipcRenderer.invoke(CHANNELS[method], ...args) as Promise<BridgeResult<M>>;
}

const bridge: DiariumBridge = Object.freeze({
  platform: 'desktop' as const,
  serverUrl: readSwitch(process.argv, PRELOAD_SWITCHES.serverUrl) ?? '',
  version: readSwitch(process.argv, PRELOAD_SWITCHES.version) ?? '',
  getSecret: (key: string) => invoke('getSecret', key),
  setSecret: (key: string, value: string) => invoke('setSecret', key, value),
  showNotification: (title: string, body: string) => invoke('showNotification', title, body),
  saveRescuedChanges: (json: string) => invoke('saveRescuedChanges', json),
  signingKeyStatus: () => invoke('signingKeyStatus'),
  chooseSigningKey: () => invoke('chooseSigningKey'),
  unlockSigningKey: (password: string) => invoke('unlockSigningKey', password),
  forgetSigningKey: () => invoke('forgetSigningKey'),
  signPdf: (pdf: Uint8Array, options: SignPdfRequest) => invoke('signPdf', pdf, options),
});

contextBridge.exposeInMainWorld('diarium', bridge);
