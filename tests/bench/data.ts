import type { CollectionName } from '../../shared/src';
import { hashPassword } from '../../sync-server/src/auth/auth.service';
import { DEMO_PASSWORD, buildDemoData } from '../../sync-server/src/demo/demo-data';
import { importRecords } from '../../sync-server/src/demo/seed';
import { SqliteStorage } from '../../sync-server/src/storage/sqlite.adapter';
import { otherRegisterConfig, syntheticRegister, type SyntheticOptions } from './synthetic';

export interface LoadResult {
  /** Generating the synthetic register and importing it, batch by batch. */
  ms: number;
  configRecords: number;
  cases: number;
  documents: number;
}

type Seedable = Record<string, unknown> & { id: string; registerId: string };

/**
 * Fills an empty data folder: the demo configuration (registers, classes, document types,
 * users with passwords, groups, parties; not the demo's cases and documents, whose numbers would
 * clash), the foreign register's configuration, then the synthetic register streamed into SQLite
 * one batch per transaction so memory stays flat.
 */
export async function loadBenchData(dataDir: string, opts: SyntheticOptions): Promise<LoadResult> {
  const storage = new SqliteStorage(dataDir);
  try {
    const demo = buildDemoData({ seed: 1, nowMs: opts.nowMs });
    const other = otherRegisterConfig(opts.nowMs);
    const config: { collection: CollectionName; records: readonly Seedable[] }[] = [
      { collection: 'registers', records: [...demo.registers, other.register] },
      { collection: 'classes', records: [...demo.classes, ...other.classes] },
      { collection: 'doctypes', records: [...demo.doctypes, ...other.doctypes] },
      { collection: 'groups', records: demo.groups },
      { collection: 'users', records: [...demo.users.map((u) => u.user), other.registrar] },
      { collection: 'parties', records: demo.parties },
    ];
    const configRecords = await importRecords(storage, config);
    for (const { user, password } of [...demo.users, { user: other.registrar, password: DEMO_PASSWORD }]) {
      await storage.setCredentials({ userId: user.id, username: user.username, passwordHash: await hashPassword(password) });
    }

    const counts = { cases: 0, documents: 0 };
    const started = performance.now();
    for (const batch of syntheticRegister(opts)) {
      counts[batch.collection] += await importRecords(storage, [batch]);
    }
    return { ms: performance.now() - started, configRecords, ...counts };
  } finally {
    await storage.close();
  }
}
