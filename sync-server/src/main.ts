import path from 'node:path';
import { startServer } from './app';
import { auditAnchorPaths } from './audit/checkpoint-key';
import { consoleLogger } from './logger';

const log = consoleLogger();
const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
const staticDir = path.resolve(process.env.STATIC_DIR ?? 'out/renderer');
const extraOrigins = (process.env.ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);

// AUDIT_KEY_FILE: the checkpoint signing key (PEM, Ed25519), outside DATA_DIR; made on first start
// at <DATA_DIR>-audit/key/ when unset. AUDIT_CHECKPOINT_DIR: where checkpoints.jsonl is written.
const auditAnchor = auditAnchorPaths(dataDir, process.env);

startServer({ dataDir, port, host, staticDir, logger: log, allowedOrigins: extraOrigins, devTestKey: process.env.DIARIUM_DEV_TEST_KEY === '1', auditAnchor }).then(
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
