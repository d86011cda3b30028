import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../harness';
import { requireXmllint } from './check-package';
import { makeArchiveFolder, type ArchiveFixture } from './fixture';

/** `npm run archive` as an archivist runs it: the real command in its own process. */

const TSX = path.resolve('node_modules/.bin/tsx');
const CLI = path.resolve('sync-server/src/archive/cli.ts');

function archive(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let fx: ArchiveFixture;
const tmp = (name: string) => mkdtempSync(path.join(tmpdir(), `diarium-archive-${name}-`));

/** A copy of the fixture's data folder a test may change or run a server on. */
function copyOfData(): string {
  const dir = tmp('data');
  cpSync(fx.dataDir, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  requireXmllint();
  fx = await makeArchiveFolder(6);
});

describe('npm run archive', () => {
  it('takes the generation from the authority’s archive setting when --generation is not given', async () => {
    const data = copyOfData();
    const db = new Database(path.join(data, 'diarium.sqlite'));
    db.prepare(
      `INSERT INTO archive_settings (id, generation, archive_name, archive_id, after_receipt, after_years, updated_by, updated_at)
       VALUES (1, 'fgs1', 'Kommunarkivet', '', 'keep', 0, 'Lars Ek', '2026-12-07T10:00:00Z')`,
    ).run();
    db.close();
    const out = tmp('out');
    const r = await archive(['--data', data, '--case', 'KS 2025-101', '--out', out]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('(fgs1)');
    const made = readdirSync(out);
    expect(made).toHaveLength(1);
    expect(existsSync(path.join(out, made[0]!, 'sip.xml'))).toBe(true);
    // Given on the command line, the generation wins.
    const out2 = tmp('out');
    expect((await archive(['--data', data, '--case', 'KS 2025-101', '--out', out2, '--generation', 'fgs2'])).code).toBe(0);
    expect(existsSync(path.join(out2, readdirSync(out2)[0]!, 'METS.xml'))).toBe(true);
  });

  it('packages one case by a number typed the forgiving way (case, spaces, no zeros)', async () => {
    const out = tmp('out');
    const r = await archive(['--data', fx.dataDir, '--case', ' ks  2025-101 ', '--out', out, '--generation', 'fgs1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const made = readdirSync(out);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(/^KS-\d{4}-\d{2}-\d{2}-arenden-fgs1-[0-9a-f]{8}$/);
    expect(r.stdout).toContain(path.join(out, made[0]!));
    expect(existsSync(path.join(out, made[0]!, 'sip.xml'))).toBe(true);
  });

  it('defaults to FGS 2.0', async () => {
    const out = tmp('out');
    const r = await archive(['--data', fx.dataDir, '--case', 'KS 2025-00100', '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(out, readdirSync(out)[0]!, 'METS.xml'))).toBe(true);
  });

  it('exits 1 for an unknown case, and for text that is no case number, writing nothing', async () => {
    const out = tmp('out');
    const unknown = await archive(['--data', fx.dataDir, '--case', 'KS 2025-00999', '--out', out]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/archive failed \(unknown_case\): no case numbered "KS 2025-00999"/);
    const garbage = await archive(['--data', fx.dataDir, '--case', 'cykelbanor', '--out', out]);
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toMatch(/\(unknown_case\): "cykelbanor" is not a case number/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('exits 1 while a server runs on the data folder, and works once it has stopped', async () => {
    const data = copyOfData();
    const out = tmp('out');
    const server = await startTestServer({ dataDir: data, seedDemo: false });
    try {
      const r = await archive(['--data', data, '--due', '--out', out, '--today', '2026-12-07']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/archive failed \(locked\): the data folder .* is in use \(is the server running on it\?\)/);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      // close, not stop: stop also removes the data folder.
      await server.close();
    }
    const r = await archive(['--data', data, '--due', '--out', out, '--today', '2026-12-07']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toHaveLength(2);
  });

  it('exits 1 for a package that fails validation and leaves no partial package', async () => {
    // A stored date the record schema lets through (a calendar day) but XML Schema has no year 0 for.
    const data = copyOfData();
    const db = new Database(path.join(data, 'diarium.sqlite'));
    db.prepare(
      "UPDATE records SET data = json_set(data, '$.closedDate', '0000-01-01') WHERE collection = 'cases' AND id = 'arc-case-2'",
    ).run();
    db.close();
    const out = tmp('out');
    const r = await archive(['--data', data, '--case', 'KS 2025-00102', '--out', out, '--generation', 'fgs2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/archive failed \(invalid_package\): the package fails schema validation:\nmetadata\/descriptive\/ERMS\.xml:/);
    expect(r.stderr).toContain('0000-01-01');
    expect(readdirSync(out)).toEqual([]);
  });

  it('exits 1 for a stored record that no longer fits its schema', async () => {
    const data = copyOfData();
    const db = new Database(path.join(data, 'diarium.sqlite'));
    db.prepare("UPDATE records SET data = json_set(data, '$.status', 'shelved') WHERE collection = 'cases' AND id = 'arc-case-4'").run();
    db.close();
    const out = tmp('out');
    const r = await archive(['--data', data, '--case', 'KS 2025-00104', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/archive failed \(stored_record_invalid\): a stored record does not fit its schema/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('exits 1 for a folder that is no data folder, 2 for bad arguments', async () => {
    const out = tmp('out');
    const none = await archive(['--data', tmp('empty'), '--due', '--out', out]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/\(no_data_folder\)/);
    const both = await archive(['--data', fx.dataDir, '--due', '--case', 'KS 2025-100', '--out', out]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^give either --due or --case\nusage: npm run archive/);
    const help = await archive(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run archive/);
    const generation = await archive(['--data', fx.dataDir, '--due', '--out', out, '--generation', 'fgs3']);
    expect(generation.code).toBe(2);
    expect(generation.stderr).toMatch(/--generation is fgs2 or fgs1, not fgs3/);
    expect(readdirSync(out)).toEqual([]);
  });
});
