import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../common/ipc';
import { dispatch, registerBridge, UntrustedSenderError, type BridgeHandlers } from './bridge';

function fakeHandlers(): BridgeHandlers {
  return {
    getSecret: vi.fn(async (key: string) => `secret-of-${key}`),
    setSecret: vi.fn(async () => {}),
    showNotification: vi.fn(async () => {}),
    saveRescuedChanges: vi.fn(async () => '/home/anna/Documents/Diarium/osparade.json'),
    signingKeyStatus: vi.fn(async () => ({ state: 'none' as const })),
    chooseSigningKey: vi.fn(async () => null),
    unlockSigningKey: vi.fn(async () => ({ ok: false as const, code: 'no-key' as const, message: 'none' })),
    forgetSigningKey: vi.fn(async () => {}),
    signPdf: vi.fn(async () => ({ ok: false as const, code: 'no-key' as const, message: 'none' })),
  };
}
const trusted = (url: string | null) => url === 'app://diarium/index.html';

describe('dispatch', () => {
  it('calls the handler with validated arguments from a trusted page', async () => {
    const handlers = fakeHandlers();
    await expect(dispatch('getSecret', 'app://diarium/index.html', ['session.token'], handlers, trusted)).resolves.toBe(
      'secret-of-session.token',
    );
    await dispatch('setSecret', 'app://diarium/index.html', ['session.token', 'abc'], handlers, trusted);
    expect(handlers.setSecret).toHaveBeenCalledWith('session.token', 'abc');
  });

  it('refuses calls from other pages or destroyed frames before looking at the arguments', async () => {
    const handlers = fakeHandlers();
    await expect(dispatch('getSecret', 'https://evil.example/', ['k'], handlers, trusted)).rejects.toBeInstanceOf(UntrustedSenderError);
    await expect(dispatch('getSecret', null, ['k'], handlers, trusted)).rejects.toBeInstanceOf(UntrustedSenderError);
    expect(handlers.getSecret).not.toHaveBeenCalled();
  });

  it('refuses invalid arguments without calling the handler', async () => {
    const handlers = fakeHandlers();
    await expect(dispatch('setSecret', 'app://diarium/index.html', ['k', { toString: () => 'x' }], handlers, trusted)).rejects.toThrow(
      /value must be a string/,
    );
    expect(handlers.setSecret).not.toHaveBeenCalled();
  });
});

describe('registerBridge', () => {
  it('registers exactly the fixed diarium: channels and removes them again', () => {
    const handle = vi.fn();
    const removeHandler = vi.fn();
    const unregister = registerBridge({ ipcMain: { handle, removeHandler }, handlers: fakeHandlers(), isTrustedSender: trusted });
    const channels = handle.mock.calls.map(([channel]) => channel as string).sort();
    expect(channels).toEqual(Object.values(CHANNELS).sort());
    expect(channels.every((c) => c.startsWith('diarium:'))).toBe(true);
    unregister();
    expect(removeHandler.mock.calls.map(([c]) => c as string).sort()).toEqual(channels);
  });

  it('wires the sender frame URL through to the trust check', async () => {
    const handle = vi.fn();
    const handlers = fakeHandlers();
    registerBridge({ ipcMain: { handle, removeHandler: vi.fn() }, handlers, isTrustedSender: trusted });
    const listener = handle.mock.calls.find(([c]) => c === CHANNELS.getSecret)?.[1] as (
      event: unknown,
      ...args: unknown[]
    ) => Promise<unknown>;
    await expect(listener({ senderFrame: { url: 'app://diarium/index.html' } }, 'k')).resolves.toBe('secret-of-k');
    await expect(listener({ senderFrame: { url: 'https://evil.example/' } }, 'k')).rejects.toBeInstanceOf(UntrustedSenderError);
    await expect(listener({ senderFrame: null }, 'k')).rejects.toBeInstanceOf(UntrustedSenderError);
  });
});
