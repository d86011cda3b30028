/** Start-up settings of the desktop shell, read from the environment (pure: env is a parameter). */

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export interface ShellConfig {
  /** Sync server base URL without trailing slash, e.g. `http://127.0.0.1:8787`. */
  serverUrl: string;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL), or null in a build. */
  devUrl: string | null;
  /** Overrides app.getPath('userData') (tests run each launch in a fresh folder). */
  userDataDir: string | null;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function httpUrl(raw: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must be an http(s) URL: ${raw}`);
  if (url.username !== '' || url.password !== '') throw new ConfigError(`${name} must not contain credentials`);
  return url;
}

export function readShellConfig(env: Readonly<Record<string, string | undefined>>): ShellConfig {
  const rawServer = env.DIARIUM_SERVER_URL?.trim() || DEFAULT_SERVER_URL;
  const server = httpUrl(rawServer, 'DIARIUM_SERVER_URL');
  const serverUrl = `${server.origin}${server.pathname.replace(/\/+$/, '')}`;
  const rawDev = env.ELECTRON_RENDERER_URL?.trim();
  const devUrl = rawDev ? httpUrl(rawDev, 'ELECTRON_RENDERER_URL').href : null;
  const userDataDir = env.DIARIUM_USER_DATA_DIR?.trim() || null;
  return { serverUrl, devUrl, userDataDir };
}
