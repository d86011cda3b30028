// `npm run admin -- create-admin <username>`: creates an administrator in the server's data folder
// ($DATA_DIR or .data, as the server uses) and prints a one-time password, to be changed at the
// first sign-in, and a one-time code for enrolling the administrator's second factor.
// Exit 0 on success, 1 when refused (e.g. the name is taken), 2 on bad input.
import path from 'node:path';
import { CreateAdminError, createAdmin } from '../sync-server/src/admin/create-admin';
import { SqliteStorage } from '../sync-server/src/storage/sqlite.adapter';

const USAGE = 'usage: npm run admin -- create-admin <username>\n';

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.length !== 2 || args[0] !== 'create-admin') {
    process.stderr.write(USAGE);
    return 2;
  }
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  const storage = new SqliteStorage(dataDir);
  try {
    const created = await createAdmin(storage, args[1]!, Date.now());
    process.stdout.write(
      [
        `Administrator ${created.user.username} created in ${dataDir}.`,
        `One-time password: ${created.password}`,
        '  (must be changed at the first sign-in; shown only now)',
        `Second-factor enrolment code: ${created.enrolmentCode}`,
        `  (single use, valid until ${new Date(created.enrolmentCodeExpiresAt).toISOString()}; shown only now)`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (err) {
    if (!(err instanceof CreateAdminError)) throw err;
    process.stderr.write(`create-admin: ${err.message}\n`);
    return 1;
  } finally {
    await storage.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`create-admin failed: ${String(err)}\n`);
    process.exit(1);
  },
);
