import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** `npm run verify-audit -- <args>` as the archivist runs it (no DATA_DIR from the environment). */
export function runVerifyAudit(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, ['scripts/verify-audit.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATA_DIR: '' } });
  if (r.error) throw new Error(`could not run tsx (${TSX}): ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The last line of its output, where it says where a chain broke (JSON). */
export const lastJson = (stdout: string): unknown => JSON.parse(stdout.trim().split('\n').at(-1)!);

/** verify-audit over `dataDir` finds the chain intact and matching the signed checkpoints in `checkpoints`, through signed bridges. */
export function expectIntactThroughBridges(dataDir: string, publicKeyFile: string, checkpoints: string): void {
  const ok = runVerifyAudit(dataDir, '--public-key', publicKeyFile, '--checkpoints', checkpoints);
  expect(ok.stdout).toMatch(/^actor register intact: \d+ entries checked; matches \d+ signed checkpoints \(through \d+ signed bridges\)$/m);
  expect(ok.status).toBe(0);
}
