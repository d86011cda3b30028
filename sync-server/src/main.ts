import path from 'node:path';
import { startServer } from './app';
import { consoleLogger } from './logger';

const log = consoleLogger();
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const staticDir = path.resolve(process.env.STATIC_DIR ?? 'out/renderer');
const extraOrigins = (process.env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);

startServer({
  dataDir,
  port,
  host,
  staticDir,
  logger: log,
  allowedOrigins: extraOrigins,
  // Demo users with known passwords only when asked for: a production server starts empty (npm run admin -- create-admin).
  seedDemo: process.env.DIARIUM_DEMO === '1',
  devTestKey: process.env.DIARIUM_DEV_TEST_KEY === '1',
}).then(
  (server) => {
    console.log(`Diarium sync server listening on ${server.url}`);
    const stop = () => {
      server.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  },
  (err: unknown) => {
    log.error('server failed to start', { err: String(err) });
    process.exit(1);
  },
);
