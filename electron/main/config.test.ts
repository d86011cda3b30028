import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, readShellConfig } from './config';

describe('readShellConfig', () => {
  it('defaults to the local sync server and the built renderer', () => {
    expect(readShellConfig({})).toEqual({ serverUrl: DEFAULT_SERVER_URL, devUrl: null, userDataDir: null });
  });

  it('reads the server URL (without trailing slash), the dev server and the data folder', () => {
    expect(
      readShellConfig({
        DIARIUM_SERVER_URL: 'https://diarium.kommun.se/',
        ELECTRON_RENDERER_URL: 'http://localhost:5173',
        DIARIUM_USER_DATA_DIR: '/tmp/x',
      }),
    ).toEqual({ serverUrl: 'https://diarium.kommun.se', devUrl: 'http://localhost:5173/', userDataDir: '/tmp/x' });
  });

  it.each(['file:///srv', 'javascript:alert(1)', 'not a url', 'http://user:pw@host/'])('refuses DIARIUM_SERVER_URL=%s', (value) => {
    expect(() => readShellConfig({ DIARIUM_SERVER_URL: value })).toThrow(/DIARIUM_SERVER_URL/);
  });
});
