import path from 'node:path';
import { startServer } from './app';
import { auditAnchorPaths } from './audit/checkpoint-key';
import { consoleLogger } from './logger';
import { parseRate } from './publication/rate-limit';
import { parseTrustProxy } from './http/client-address';
import { MAX_SEARCH_WORKERS } from './search/search-pool';
import { SqliteStorage } from './storage/sqlite.adapter';

const log = consoleLogger();
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const staticDir = path.resolve(process.env.STATIC_DIR ?? 'out/renderer');
const extraOrigins = (process.env.ALLOWED_ORIGINS ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean);

// AUDIT_KEY_FILE: the checkpoint signing key (PEM, Ed25519), outside DATA_DIR; made on first start
// at <DATA_DIR>-audit/key/ when unset. AUDIT_CHECKPOINT_DIR: where checkpoints.jsonl is written.
const auditAnchor = auditAnchorPaths(dataDir, process.env);

// SEARCH_WORKERS: search worker threads (default one per CPU, 1 to 4); 0 searches in the server process.
const searchWorkers = process.env.SEARCH_WORKERS === undefined ? undefined : Number(process.env.SEARCH_WORKERS);
if (searchWorkers !== undefined && !(Number.isInteger(searchWorkers) && searchWorkers >= 0 && searchWorkers <= MAX_SEARCH_WORKERS)) {
  log.error(`SEARCH_WORKERS must be a whole number from 0 to ${MAX_SEARCH_WORKERS}`, { value: process.env.SEARCH_WORKERS });
  process.exit(1);
}

// POSTLISTA_RATE: requests per client address to the public register list, `<requests>/<seconds>` (default 120/60).
const postlistaRate = process.env.POSTLISTA_RATE === undefined ? undefined : parseRate(process.env.POSTLISTA_RATE);
if (postlistaRate === null) {
  log.error('POSTLISTA_RATE must be <requests>/<seconds>, both whole numbers from 1, e.g. 120/60', { value: process.env.POSTLISTA_RATE });
  process.exit(1);
}

// TRUST_PROXY: reverse proxies whose X-Forwarded-For names the client counted by POSTLISTA_RATE and the sign-in throttle:
// their addresses and IPv4 ranges (`10.0.0.5,10.1.0.0/16`) or a hop count (`1`); unset: none, the socket's peer is the client.
const trustProxy = parseTrustProxy(process.env.TRUST_PROXY ?? '');
if (trustProxy === null) {
  log.error('TRUST_PROXY must be proxy addresses or IPv4 ranges separated by commas (10.0.0.5,10.1.0.0/16) or a hop count from 1 to 10', {
    value: process.env.TRUST_PROXY,
  });
  process.exit(1);
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** `--migrate-only`: bring the data folder to this version's schema and records, then exit (operations). */
async function migrateOnly(): Promise<void> {
  try {
    await new SqliteStorage(dataDir, { log }).close();
    log.info('data folder migrated; not listening (--migrate-only)', { dataDir });
    process.exit(0);
  } catch (err) {
    log.error('migration failed', { dataDir, err: reason(err) });
    process.exit(1);
  }
}

function serve(): void {
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
    auditAnchor,
    sofficePath: process.env.SOFFICE_PATH,
    searchWorkers,
    postlistaRate: postlistaRate ?? undefined,
    trustProxy: trustProxy ?? undefined,
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
      log.error('server failed to start', { dataDir, err: reason(err) });
      process.exit(1);
    },
  );
}

if (process.argv.includes('--migrate-only')) void migrateOnly();
else serve();
