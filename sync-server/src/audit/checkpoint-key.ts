import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface AuditAnchorPaths {
  /** PEM (PKCS#8) Ed25519 private key that signs checkpoints. */
  keyFile: string;
  /** Where `checkpoints.jsonl` and the public key are written for the archivist. */
  checkpointDir: string;
  /** The key was configured (AUDIT_KEY_FILE): it must exist; an unconfigured one is made on first start. */
  keyConfigured: boolean;
}

/**
 * Key and checkpoints live next to the data folder, never in it: whoever can rewrite the
 * database (a copy of the data folder, a backup) must not also hold the key that anchors it.
 * Defaults: `<dataDir>-audit/key/checkpoint-key.pem` and `<dataDir>-audit/checkpoints/`.
 */
export function auditAnchorPaths(dataDir: string, env: { AUDIT_KEY_FILE?: string; AUDIT_CHECKPOINT_DIR?: string }): AuditAnchorPaths {
  const base = `${path.resolve(dataDir)}-audit`;
  return {
    keyFile: path.resolve(env.AUDIT_KEY_FILE || path.join(base, 'key', 'checkpoint-key.pem')),
    checkpointDir: path.resolve(env.AUDIT_CHECKPOINT_DIR || path.join(base, 'checkpoints')),
    keyConfigured: Boolean(env.AUDIT_KEY_FILE),
  };
}

/** The nearest existing ancestor's real path plus the rest, so symlinks cannot hide a path inside dataDir. */
function realish(p: string): string {
  const rest: string[] = [];
  let at = path.resolve(p);
  while (!existsSync(at)) {
    rest.unshift(path.basename(at));
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  return path.join(existsSync(at) ? realpathSync(at) : at, ...rest);
}

function inside(dir: string, p: string): boolean {
  const rel = path.relative(realish(dir), realish(p));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Loads the checkpoint signing key, generating an Ed25519 key on first start when none is
 * configured. Refuses a key or checkpoint folder inside the data folder.
 */
export function loadCheckpointKey(dataDir: string, paths: AuditAnchorPaths): { privateKey: KeyObject; publicKey: KeyObject } {
  if (inside(dataDir, paths.keyFile))
    throw new Error(`audit key ${paths.keyFile} is inside the data folder ${dataDir}; keep it outside (AUDIT_KEY_FILE)`);
  if (inside(dataDir, paths.checkpointDir))
    throw new Error(
      `audit checkpoints ${paths.checkpointDir} are inside the data folder ${dataDir}; keep them outside (AUDIT_CHECKPOINT_DIR)`,
    );
  if (!existsSync(paths.keyFile)) {
    if (paths.keyConfigured) throw new Error(`audit key ${paths.keyFile} (AUDIT_KEY_FILE) does not exist`);
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(path.dirname(paths.keyFile), { recursive: true, mode: 0o700 });
    writeFileSync(paths.keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const privateKey = createPrivateKey(readFileSync(paths.keyFile));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`audit key ${paths.keyFile} is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  mkdirSync(paths.checkpointDir, { recursive: true });
  // The public key next to the checkpoints: what an archivist needs to check them.
  writeFileSync(path.join(paths.checkpointDir, 'checkpoint-key.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  return { privateKey, publicKey };
}
