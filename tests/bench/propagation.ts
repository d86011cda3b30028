import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCase } from '../../renderer/src/lib/records';
import { openProcess } from '../integration/fixtures';
import { RemoteClient } from '../integration/remote-client';
import { startServerProcess } from './server-process';

export interface PropagationOptions {
  /** Client replicas: one writer and `clients - 1` observers. */
  clients: number;
  inserts: number;
}

export interface PropagationResult {
  /**
   * Milliseconds from just before each insert until the numbered case is in an observer's
   * replica; each insert starts once the one before has arrived everywhere in full.
   */
  samples: number[];
  /** The same, each insert started as soon as the case before it arrived (its tail still at work). */
  backToBack: number[];
  /** Peak resident memory of the server process, in bytes. */
  serverPeakRss: number;
}

/** The wall clock the client workers stamp arrivals with. */
const clock = () => performance.timeOrigin + performance.now();

/**
 * Change propagation on the demo register: client replicas in worker threads of their own
 * (alternately 'registrator' and 'registrator2'); client 0 inserts cases one at a time and every
 * other client reports when the case arrives carrying its server-assigned number. Measured twice:
 * each change through an otherwise idle system (the figure for the target), and back to back,
 * where each insert also waits behind the tail of the one before (for information).
 */
export async function runPropagation(opts: PropagationOptions): Promise<PropagationResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-bench-prop-'));
  const server = await startServerProcess({ dataDir });
  const clients: RemoteClient[] = [];
  try {
    const usernames = Array.from({ length: opts.clients }, (_, i) => (i % 2 === 0 ? 'registrator' : 'registrator2'));
    clients.push(...(await Promise.all(usernames.map((u) => RemoteClient.start(server.url, u)))));
    await Promise.all(clients.map((c) => c.awaitInitialSync()));
    const [writer, ...observers] = clients as [RemoteClient, ...RemoteClient[]];
    const where = await openProcess(writer);

    const insert = async (i: number, settle: boolean, samples: number[]) => {
      const id = randomUUID();
      const record = buildCase(
        {
          registerId: where.node.registerId,
          title: `Mätning av spridning ${i + 1}`,
          classCode: where.node.code,
          responsibleUserId: writer.user.id,
        },
        writer.user.id,
        { nowMs: Date.now(), id },
      );
      const arrivals = observers.map((c) => c.waitFor('cases', id, 'caseNumber'));
      // A round trip to every observer: its worker has subscribed before the insert starts.
      await Promise.all(observers.map((c) => c.status()));
      const before = clock();
      await writer.insert('cases', record);
      for (const at of await Promise.all(arrivals)) samples.push(at - before);
      // The change in full: its actor-register entry too, in the replicas that receive it (a
      // registrar reads the entries of cases he is responsible for: the writer's user's).
      if (settle)
        await Promise.all(clients.filter((c) => c.user.id === writer.user.id).map((c) => c.waitForWhere('audit', 'recordId', id)));
    };
    const samples: number[] = [];
    const backToBack: number[] = [];
    for (let i = 0; i < opts.inserts; i++) await insert(i, true, samples);
    for (let i = 0; i < opts.inserts; i++) await insert(opts.inserts + i, false, backToBack);
    return { samples, backToBack, serverPeakRss: server.peakRss() };
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
