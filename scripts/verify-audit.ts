// `npm run verify-audit -- [dataDir] [--public-key key.pub.pem --checkpoints file-or-folder ...]`:
// checks the hash chains of the actor register in a server's data folder (default: $DATA_DIR or
// .data, as the server uses) and, with the server's checkpoint public key and the checkpoints an
// archivist kept, that the chain is the one that was signed (a recomputed chain is a rewrite). The
// checkpoints files hold the bridges of a re-anchoring too: one not signed by the key is ignored
// (said on stdout), so the checkpoints before it count as a rewrite.
// Exit 0 when intact, 1 on a broken link, a rewrite or a forged checkpoint (printed), 2 on bad input.
import { createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAnchorLines } from '../sync-server/src/audit/anchor-lines';
import { bridgeSignatureValid } from '../sync-server/src/audit/bridge';
import { checkpointSignatureValid } from '../sync-server/src/audit/checkpoint';
import { describeAuditResult, verifyAuditChain } from '../sync-server/src/audit/verify-chain';
import type { AuditBridge, AuditCheckpoint } from '../sync-server/src/storage/storage';
import { SqliteStorage } from '../sync-server/src/storage/sqlite.adapter';

const USAGE = 'usage: npm run verify-audit -- [dataDir] [--public-key key.pub.pem --checkpoints file.jsonl|folder ...]\n';

interface Args {
  dataDir: string;
  publicKey: string | null;
  checkpoints: string[];
}

function parseArgs(argv: string[]): Args | null {
  const rest: string[] = [];
  let publicKey: string | null = null;
  const checkpoints: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a === '--public-key' || a === '--checkpoints') {
      const value = argv[++i];
      if (!value) return null;
      if (a === '--public-key') publicKey = value;
      else checkpoints.push(value);
    } else if (a.startsWith('--')) return null;
    else rest.push(a);
  }
  if (rest.length > 1 || (publicKey === null) !== (checkpoints.length === 0)) return null;
  return { dataDir: path.resolve(rest[0] ?? process.env.DATA_DIR ?? '.data'), publicKey, checkpoints };
}

/** The checkpoint files named: a file, or every *.jsonl in a folder. */
function checkpointFiles(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => f.endsWith('.jsonl'))
          .sort()
          .map((f) => path.join(p, f))
      : [p],
  );
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    process.stderr.write(USAGE);
    return 2;
  }
  // Opening storage would create an empty database; a wrong path must not look like an intact register.
  if (!existsSync(path.join(args.dataDir, 'diarium.sqlite'))) {
    process.stderr.write(`verify-audit: no server database in ${args.dataDir} (expected diarium.sqlite)\n`);
    return 2;
  }
  const checkpoints: AuditCheckpoint[] = [];
  const bridges: AuditBridge[] = [];
  if (args.publicKey) {
    const key = createPublicKey(readFileSync(args.publicKey));
    for (const file of checkpointFiles(args.checkpoints)) {
      const anchors = parseAnchorLines(readFileSync(file, 'utf8'), file);
      const parsed = anchors.checkpoints;
      const forged = parsed.findIndex((c) => !checkpointSignatureValid(key, c));
      if (forged >= 0) {
        const c = parsed[forged]!;
        process.stdout.write(
          `checkpoint FORGED: ${file} entry ${forged + 1} (register ${c.registerId}, position ${c.position}, ${c.at}) is not signed by this key\n`,
        );
        process.stdout.write(
          `${JSON.stringify({ reason: 'forged_checkpoint', file, registerId: c.registerId, position: c.position, at: c.at })}\n`,
        );
        return 1;
      }
      checkpoints.push(...parsed);
      for (const b of anchors.bridges) {
        if (bridgeSignatureValid(key, b)) bridges.push(b);
        else
          process.stdout.write(
            `bridge NOT SIGNED by this key, ignored: ${file} (register ${b.registerId}, position ${b.position}, ${b.at})\n`,
          );
      }
    }
  } else {
    process.stderr.write(
      'verify-audit: no checkpoints given: a chain recomputed by someone with write access to the database cannot be told apart\n',
    );
  }
  const storage = new SqliteStorage(args.dataDir);
  try {
    const result = await verifyAuditChain(storage, checkpoints, bridges);
    const line = describeAuditResult(result);
    if (result.ok) {
      const through = bridges.length > 0 ? ` (through ${bridges.length} signed bridges)` : '';
      process.stdout.write(`${line}${args.publicKey ? `; matches ${checkpoints.length} signed checkpoints${through}` : ''}\n`);
      return 0;
    }
    process.stdout.write(
      `${line}\n${JSON.stringify({ registerId: result.registerId, position: result.position, entryId: result.entryId, reason: result.reason })}\n`,
    );
    return 1;
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`verify-audit: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
