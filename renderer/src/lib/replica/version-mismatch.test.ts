import { describe, expect, it } from 'vitest';
import { versionMismatchMessage, versionMismatchOf } from './version-mismatch';

describe('version mismatch', () => {
  it('maps the close code for a client too old to the Swedish request to update', () => {
    expect(versionMismatchOf(4426)).toBe('client_too_old');
    expect(versionMismatchMessage('client_too_old')).toBe('Den här versionen av Diarium är för gammal för servern. Uppdatera appen.');
  });

  it('maps the close code for a client newer than the server to its own message', () => {
    expect(versionMismatchOf(4427)).toBe('client_too_new');
    expect(versionMismatchMessage('client_too_new')).toBe(
      'Servern kör en äldre version av Diarium än den här appen. Starta om appen när servern har uppdaterats.',
    );
  });

  it('leaves every other close to the connection (session, deactivation, network)', () => {
    for (const code of [1000, 1006, 1009, 4401, 4403]) expect(versionMismatchOf(code)).toBeNull();
  });
});
