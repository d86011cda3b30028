// Fetches the Electron binary when the network allows it. Electron's own install script is
// disabled (package.json allowScripts) because it fails the whole install on machines that
// reach only the npm registry; there the product still runs in web mode.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let electronDir;
try {
  electronDir = path.dirname(require.resolve('electron/package.json'));
} catch {
  console.warn('[postinstall] electron package not installed; web mode only');
  process.exit(0);
}
if (existsSync(path.join(electronDir, 'path.txt'))) process.exit(0);
if (process.env.DIARIUM_SKIP_ELECTRON === '1') process.exit(0);
const result = spawnSync(process.execPath, ['install.js'], { cwd: electronDir, stdio: 'pipe', timeout: 300_000 });
if (result.status === 0) {
  console.log('[postinstall] Electron binary installed');
} else {
  console.warn('[postinstall] Electron binary could not be downloaded; `npm start` will use web mode.');
  console.warn(
    String(result.stderr ?? '')
      .split('\n')
      .slice(-3)
      .join('\n'),
  );
}
