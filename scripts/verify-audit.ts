// `npm run verify-audit -- [dataDir]`: checks the hash chains of the actor register in a server's
// data folder (default: $DATA_DIR or .data, as the server uses). Exit 0 when intact, 1 on the
// first broken link (printed), 2 on bad input.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describeAuditResult, verifyAuditChain } from '../sync-server/src/audit/verify-chain';
import { SqliteStorage } from '../sync-server/src/storage/sqlite.adapter';

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length > 1) {
    process.stderr.write('usage: npm run verify-audit -- [dataDir]\n');
    return 2;
  }
  const dataDir = path.resolve(args[0] ?? process.env.DATA_DIR ?? '.data');
  // Opening storage would create an empty database; a wrong path must not look like an intact register.
  if (!existsSync(path.join(dataDir, 'diarium.sqlite'))) {
    process.stderr.write(`verify-audit: no server database in ${dataDir} (expected diarium.sqlite)\n`);
    return 2;
  }
  const storage = new SqliteStorage(dataDir);
  try {
    const result = await verifyAuditChain(storage);
    const line = describeAuditResult(result);
    if (result.ok) {
      process.stdout.write(`${line}\n`);
      return 0;
    }
    process.stdout.write(`${line}\n${JSON.stringify({ registerId: result.registerId, position: result.position, entryId: result.entryId, reason: result.reason })}\n`);
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
