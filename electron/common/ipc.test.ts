import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../shared/src/protocol/messages';
import { BridgeArgumentError, CHANNELS, LIMITS, isBridgeChannel, methodOfChannel, parseBridgeArgs, readSwitch } from './ipc';

describe('channels', () => {
  it('all carry the diarium: prefix and are distinct', () => {
    const channels = Object.values(CHANNELS);
    expect(channels.every((c) => c.startsWith('diarium:'))).toBe(true);
    expect(new Set(channels).size).toBe(channels.length);
  });

  it('knows only its own channels', () => {
    expect(methodOfChannel('diarium:getSecret')).toBe('getSecret');
    expect(isBridgeChannel('diarium:eval')).toBe(false);
    expect(isBridgeChannel('getSecret')).toBe(false);
    expect(isBridgeChannel(undefined)).toBe(false);
  });
});

describe('parseBridgeArgs', () => {
  it('accepts well-formed arguments', () => {
    expect(parseBridgeArgs('getSecret', ['session.token'])).toEqual(['session.token']);
    expect(parseBridgeArgs('setSecret', ['replica.key:u-1', ''])).toEqual(['replica.key:u-1', '']);
    expect(parseBridgeArgs('showNotification', ['Ny handling', 'KS 2025/12 fick en ny handling'])).toEqual([
      'Ny handling',
      'KS 2025/12 fick en ny handling',
    ]);
  });

  it.each([
    ['a number as key', 'getSecret', [1]],
    ['an empty key', 'getSecret', ['']],
    ['a key with a path', 'getSecret', ['../secrets']],
    ['a key with spaces', 'getSecret', ['a b']],
    ['a too long key', 'getSecret', ['k'.repeat(LIMITS.secretKeyMaxLength + 1)]],
    ['a missing value', 'setSecret', ['k']],
    ['an object as value', 'setSecret', ['k', { v: 1 }]],
    ['a too long value', 'setSecret', ['k', 'v'.repeat(LIMITS.secretValueMaxLength + 1)]],
    ['extra arguments', 'getSecret', ['k', 'extra']],
    ['an empty title', 'showNotification', ['', 'body']],
    ['a too long body', 'showNotification', ['t', 'b'.repeat(LIMITS.notificationBodyMaxLength + 1)]],
    ['a null body', 'showNotification', ['t', null]],
    ['an empty rescue file', 'saveRescuedChanges', ['']],
    ['a rescue file that is not text', 'saveRescuedChanges', [{ changes: [] }]],
  ] as const)('refuses %s', (_why, method, args) => {
    expect(() => parseBridgeArgs(method, args)).toThrow(BridgeArgumentError);
  });

  it('refuses a method that does not exist', () => {
    expect(() => parseBridgeArgs('eval' as never, [])).toThrow(BridgeArgumentError);
  });
});

describe('signing arguments', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7');
  it('accept a PDF as bytes and known text options only', () => {
    expect(parseBridgeArgs('signPdf', [pdf, { role: 'Ordförande', reason: 'Justerat' }])).toEqual([
      pdf,
      { role: 'Ordförande', reason: 'Justerat' },
    ]);
    expect(parseBridgeArgs('unlockSigningKey', ['lösenord'])).toEqual(['lösenord']);
    expect(parseBridgeArgs('chooseSigningKey', [])).toEqual([]);
  });
  it('allow a PDF as large as the server accepts, no larger', () => {
    expect(LIMITS.pdfMaxBytes).toBe(MAX_FILE_BYTES);
    expect(parseBridgeArgs('signPdf', [new Uint8Array(LIMITS.pdfMaxBytes), {}])[0].byteLength).toBe(MAX_FILE_BYTES);
  });
  it('refuse anything else', () => {
    expect(() => parseBridgeArgs('signPdf', ['%PDF', {}])).toThrow(BridgeArgumentError);
    expect(() => parseBridgeArgs('signPdf', [new Uint8Array(0), {}])).toThrow(/empty/);
    expect(() => parseBridgeArgs('signPdf', [new Uint8Array(LIMITS.pdfMaxBytes + 1), {}])).toThrow(/larger than/);
    expect(() => parseBridgeArgs('signPdf', [pdf])).toThrow(/2 argument/);
    expect(() => parseBridgeArgs('unlockSigningKey', ['x'.repeat(LIMITS.passwordMaxLength + 1)])).toThrow(/longer/);
    expect(() => parseBridgeArgs('signPdf', [pdf, { path: '/etc/passwd' }])).toThrow(/unknown field/);
    expect(() => parseBridgeArgs('signPdf', [pdf, { reason: 'x'.repeat(LIMITS.signatureTextMaxLength + 1) }])).toThrow(/longer/);
    expect(() => parseBridgeArgs('signPdf', [pdf, null])).toThrow(/object/);
    expect(() => parseBridgeArgs('unlockSigningKey', [42])).toThrow(/string/);
    expect(() => parseBridgeArgs('chooseSigningKey', ['/tmp/key.p12'])).toThrow(/0 argument/);
  });
});

describe('readSwitch', () => {
  it('reads --name=value and keeps = inside the value', () => {
    expect(readSwitch(['electron', '--diarium-server-url=http://h:1/?a=b'], '--diarium-server-url=')).toBe('http://h:1/?a=b');
    expect(readSwitch(['electron'], '--diarium-server-url=')).toBeNull();
  });
});
