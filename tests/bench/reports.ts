/**
 * The reports (issue 17) over the bench register: each kind made for the registrar over the last
 * ten years of Kommunstyrelsen's register (every record read as a pull reads it, projected, then
 * drawn as PDF/A), one at a time: wall time and the server's CPU time per report, and the PDF's
 * size. Not part of `npm run bench` yet; `npx tsx tests/bench/reports.ts [--cases N]` loads a
 * register of its own (default 20 000 cases) and runs it alone.
 */
import { API, type LoginResponse } from '../../shared/src';
import { MAX_REPORT_DAYS, REPORT_KINDS, reportPath, type ReportKind } from '../../shared/src/protocol/reports';
import { addDays, swedishDate } from '../../shared/src/rules/dates';
import { DEMO_PASSWORD } from '../../sync-server/src/demo/demo-data';
import { isMain, runStandalone } from './standalone';
import { ms } from './table';

const RUNS = 3;

export interface ReportBenchRow {
  kind: ReportKind;
  /** Median wall time of RUNS reports (ms). */
  medianMs: number;
  /** Server CPU time per report (ms), the mean over the runs. */
  serverCpuMs: number;
  bytes: number;
}

async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}${API.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'registrator', password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as LoginResponse).token;
}

export async function runReportsBench(url: string, serverCpuMs: () => number): Promise<ReportBenchRow[]> {
  const token = await signIn(url);
  const to = swedishDate(Date.now());
  const body = JSON.stringify({ registerId: 'reg-ks', from: addDays(to, -MAX_REPORT_DAYS), to, process: '' });
  const rows: ReportBenchRow[] = [];
  for (const kind of REPORT_KINDS) {
    const times: number[] = [];
    let bytes = 0;
    const cpu0 = serverCpuMs();
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${url}${reportPath(kind)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      const pdf = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${kind} answered ${res.status}: ${Buffer.from(pdf).toString('utf8')}`);
      times.push(performance.now() - t0);
      bytes = pdf.byteLength;
    }
    times.sort((a, b) => a - b);
    rows.push({ kind, medianMs: times[Math.floor(RUNS / 2)]!, serverCpuMs: (serverCpuMs() - cpu0) / RUNS, bytes });
  }
  return rows;
}

export function renderReportsBench(rows: readonly ReportBenchRow[]): string {
  const lines = rows.map(
    (r) =>
      `${r.kind.padEnd(20)} ${ms(r.medianMs).padStart(10)} ${ms(r.serverCpuMs).padStart(12)} ${(r.bytes / 1024).toFixed(0).padStart(8)} KB`,
  );
  return [`${'report'.padEnd(20)} ${'median'.padStart(10)} ${'server CPU'.padStart(12)} ${'size'.padStart(11)}`, ...lines].join('\n');
}

if (isMain(import.meta.url)) {
  await runStandalone('reports', async ({ server }) => renderReportsBench(await runReportsBench(server.url, () => server.cpuMs())));
}
