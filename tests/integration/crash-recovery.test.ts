import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Case, PushResponse } from '../../shared/src';
import { buildCase } from '../../renderer/src/lib/records';
import { connectClient, eventually, RawClient, replicaLister, FULL_REPLICA_PROTOCOLS } from './harness';
import { newCase, openProcess } from './fixtures';

const dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-crash-'));
let child: ChildProcess | null = null;

/** The real server entry point in its own process, so it can be killed like a crashed server. */
function spawnServer(port: number): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
    env: { ...process.env, DIARIUM_DEMO: '1', PORT: String(port), DATA_DIR: dataDir, STATIC_DIR: path.join(dataDir, 'no-web') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, proc });
    });
    proc.on('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

afterAll(() => {
  child?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a server killed mid-sync', () => {
  it('loses no acknowledged write and keeps numbers gap-free', async () => {
    const first = await spawnServer(0);
    const port = Number(new URL(first.url).port);
    const login = await RawClient.token(first.url, 'registrator');
    const raw = await RawClient.connect(first.url, login.token);
    const client = await connectClient(first, 'registrator2');
    await client.replica.awaitInitialSync();
    const p = await openProcess(replicaLister(client.replica));

    const acked = new Set<string>();
    const sent: string[] = [];
    const pushes: Promise<void>[] = [];
    for (let i = 0; i < 150; i++) {
      const c: Case = buildCase(
        { registerId: 'reg-ks', title: `Krocktest ${i}`, classCode: p.node.code, responsibleUserId: login.user.id },
        login.user.id,
        { nowMs: Date.now(), id: randomUUID() },
      );
      sent.push(c.id);
      pushes.push(
        raw
          .send<PushResponse>({
            t: 'push',
            collection: 'cases',
            rows: [{ assumedMasterState: null, newDocumentState: { ...c, _deleted: false } }],
          })
          .then((res) => {
            if (res.rejected.length === 0) acked.add(c.id);
          }),
      );
    }
    // The RxDB client writes too, and keeps its writes across the crash.
    const clientIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const c = newCase(client.replica.session.user.id, p, `Klientärende ${i}`);
      clientIds.push(c.id);
      await client.replica.db.cases.insert(c);
    }
    await eventually(() => acked.size >= 30 || null, 30_000, '30 acknowledged pushes');
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));
    const ackedAtKill = new Set(acked);
    expect(ackedAtKill.size).toBeLessThan(sent.length);

    const second = await spawnServer(port);
    // Every acknowledged case survived, with its number.
    // The whole register (protocol 2, no working set): the numbering is checked over every case.
    const check = await RawClient.as(second.url, 'registrator', FULL_REPLICA_PROTOCOLS);
    const pulled: Record<string, unknown>[] = [];
    let checkpoint: { seq: number } | null = null;
    for (;;) {
      const page: { documents: Record<string, unknown>[]; checkpoint: { seq: number } } = await check.send({
        t: 'pull',
        collection: 'cases',
        checkpoint,
        limit: 5000,
      });
      pulled.push(...page.documents);
      if (page.documents.length < 5000) break;
      checkpoint = page.checkpoint;
    }
    const byId = new Map(pulled.map((c) => [c.id as string, c]));
    for (const id of ackedAtKill) expect(byId.get(id)?.caseNumber, `acknowledged case ${id}`).toMatch(/^KS \d{4}-\d{5}$/);
    // The year's case numbers have no gaps.
    const year = new Date().getUTCFullYear();
    const serials = pulled
      .filter((c) => c.registerId === 'reg-ks' && c.year === year)
      .map((c) => c.serial as number)
      .sort((a, b) => a - b);
    serials.forEach((s, i) => expect(s).toBe(i + 1));
    // The RxDB client reconnects by itself and its writes all arrive.
    await eventually(
      async () => {
        for (const id of clientIds) if (!byId.has(id) && !(await client.replica.db.cases.findOne(id).exec())?.caseNumber) return false;
        return true;
      },
      60_000,
      'client writes after restart',
    );
    check.close();
    await client.close();
    second.proc.kill('SIGKILL');
  });
});
