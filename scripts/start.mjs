#!/usr/bin/env node
// `npm start`: build, start the sync server, then open the client.
//   - Electron binary present: `electron-vite build`, server, then the desktop app against it.
//   - No Electron binary (e.g. machines that reach only the npm registry): web-mode build of the
//     renderer, server (which serves it), and the default browser at the server's URL.
// Ctrl+C (or closing the desktop window) stops everything.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const LISTENING = /Diarium sync server listening on (https?:\/\/\S+)/;
const LISTEN_TIMEOUT_MS = 60_000;

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
let stopping = false;

function log(message) {
  console.log(`[start] ${message}`);
}

/** Path of the Electron executable, or null when the package has no binary (its require throws). */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** The JavaScript file behind a package's command-line tool (runs the same on every OS). */
function binScript(pkg, name) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name ?? pkg];
  if (!bin) throw new Error(`${pkg} has no command-line tool ${name ?? pkg}`);
  return path.join(path.dirname(manifestPath), bin);
}

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Runs a node script to completion with inherited output; rejects on a non-zero exit. */
function runNode(script, args, label) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' }));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Starts the sync server, forwards its output, resolves with its URL once it listens. */
function startServer() {
  const server = track(
    spawn(process.execPath, [binScript('tsx'), 'sync-server/src/main.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The demo: its register and users on an empty data folder, and the development test key
      // for signing in web mode (marked as such in the UI). `npm run server` has neither.
      env: { DIARIUM_DEMO: '1', DIARIUM_DEV_TEST_KEY: '1', ...process.env },
    }),
  );
  server.stderr.pipe(process.stderr);
  const url = new Promise((resolve, reject) => {
    let buffered = '';
    let found = false;
    const timer = setTimeout(() => {
      if (!found) reject(new Error(`the sync server did not report "listening" within ${LISTEN_TIMEOUT_MS / 1000} s`));
    }, LISTEN_TIMEOUT_MS);
    server.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (found) return;
      buffered += chunk.toString('utf8');
      const match = LISTENING.exec(buffered);
      if (match?.[1]) {
        found = true;
        clearTimeout(timer);
        buffered = '';
        resolve(match[1].replace(/\/+$/, ''));
      } else if (buffered.length > 64 * 1024) {
        buffered = buffered.slice(-1024);
      }
    });
    server.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    server.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!found) reject(new Error(`the sync server exited before listening (${signal ?? `exit code ${code}`})`));
    });
  });
  return { server, url };
}

/** Best effort: the OS's default browser. Failure is ignored (the URL is printed anyway). */
function openBrowser(url) {
  const [command, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser launcher: the printed URL is enough
  }
}

/** Stops every child (server, Electron, a running build) and exits with `code`. */
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  const running = [...children];
  await Promise.all(
    running.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!stopping) log('stopping …');
    void stopAll(signal === 'SIGINT' ? 130 : 143);
  });
}

async function main() {
  const electron = electronBinary();

  if (electron) {
    log('building the desktop app (electron-vite build) …');
    await runNode(binScript('electron-vite'), ['build'], 'electron-vite build');
  } else {
    log('building the renderer for web mode (vite build) …');
    await runNode(binScript('vite'), ['build', '--config', 'renderer/vite.config.ts'], 'vite build');
  }
  if (stopping) return;

  log('starting the sync server …');
  const { server, url: serverUrl } = startServer();
  const url = await serverUrl;
  server.once('exit', (code, signal) => {
    if (stopping) return;
    log(`the sync server stopped (${signal ?? `exit code ${code}`})`);
    void stopAll(code === 0 ? 1 : (code ?? 1));
  });

  if (electron) {
    log(`starting the desktop app against ${url} …`);
    const env = { ...process.env, DIARIUM_SERVER_URL: url };
    delete env.ELECTRON_RUN_AS_NODE; // set by some editors' terminals; would start Node, not the app
    const app = track(spawn(electron, ['.'], { cwd: root, stdio: 'inherit', env }));
    app.once('error', (error) => {
      console.error('[start] could not start Electron:', error);
      void stopAll(1);
    });
    app.once('exit', (code) => {
      if (stopping) return;
      log('the desktop app was closed; stopping the sync server');
      void stopAll(code ?? 0);
    });
    return;
  }

  const line = '─'.repeat(72);
  console.log(
    [
      '',
      line,
      '  Electron finns inte på den här datorn (programfilen saknas), så klienten körs',
      '  i webbläget. Öppna:',
      `      ${url}`,
      '',
      '  Electron is not available on this machine (its binary is missing), so the client',
      '  runs in web mode. Open:',
      `      ${url}`,
      '',
      '  Demoanvändare / demo user: registrator / demo1234',
      '  Avsluta / stop: Ctrl+C',
      line,
      '',
    ].join('\n'),
  );
  openBrowser(url);
}

main().catch((error) => {
  if (stopping) return;
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  void stopAll(1);
});
