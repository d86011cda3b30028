/**
 * Main side of the bridge: one handler per channel of electron/common/ipc.ts. Every call is
 * checked twice before anything happens: the sender must be a page of the app, and the
 * arguments must fit the method's types and lengths. Channels outside the fixed set have no
 * handler, so invoking them rejects.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { BridgeArgs, BridgeMethod, BridgeResult } from '../../shared/src/protocol/bridge';
import { BRIDGE_METHODS, CHANNELS, parseBridgeArgs } from '../common/ipc';

/** Implementations receive validated arguments only. */
export type BridgeHandlers = {
  [M in BridgeMethod]: (...args: BridgeArgs<M>) => Promise<BridgeResult<M>>;
};

export class UntrustedSenderError extends Error {
  override readonly name = 'UntrustedSenderError';
}

export interface BridgeOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: BridgeHandlers;
  /** Whether the frame that sent the call is one of the app's own pages. */
  isTrustedSender: (senderUrl: string | null) => boolean;
}

/** Registers the handlers; returns a function that removes them again. */
export function registerBridge({ ipcMain, handlers, isTrustedSender }: BridgeOptions): () => void {
  const seen = new Set<string>();
  for (const method of BRIDGE_METHODS) {
    const channel = CHANNELS[method];
    if (seen.has(channel)) throw new Error(`duplicate bridge channel ${channel}`);
    seen.add(channel);
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) =>
      dispatch(method, senderUrlOf(event), args, handlers, isTrustedSender),
    );
  }
  return () => {
    for (const channel of seen) ipcMain.removeHandler(channel);
  };
}

/** Validation and dispatch, separate from Electron so that it can be tested with plain values. */
export async function dispatch<M extends BridgeMethod>(
  method: M,
  senderUrl: string | null,
  args: readonly unknown[],
  handlers: BridgeHandlers,
  isTrustedSender: (senderUrl: string | null) => boolean,
): Promise<BridgeResult<M>> {
  if (!isTrustedSender(senderUrl)) throw new UntrustedSenderError(`${CHANNELS[method]}: call from an untrusted page refused`);
  const parsed = parseBridgeArgs(method, args);
  const handler = handlers[method] as (...a: BridgeArgs<M>) => Promise<BridgeResult<M>>;
  return handler(...parsed);
}

function senderUrlOf(event: IpcMainInvokeEvent): string | null {
  // senderFrame is null when the frame navigated away or was destroyed meanwhile.
  const frame = event.senderFrame;
  return frame ? frame.url : null;
}
