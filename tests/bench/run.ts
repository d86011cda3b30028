/**
 * `npm run bench [-- --cases N]`: the benchmark of sync, storage, queries, propagation and the
 * meeting documents, in one run on the same data. Prints a table with the targets and writes tests/bench/results.json.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../../sync-server/src/demo/demo-data';
import { renderAuditPull, runAuditPullBench } from './audit-pull';
import { buildBenchPage, runBrowserBench } from './browser';
import { loadBenchData } from './data';
import { renderMeetingPdf, runMeetingPdfBench } from './meeting-pdf';
import { renderMeetingReader, runMeetingReaderBench } from './meeting-reader';
import { renderPostlistaBench, runPostlistaBench, type PostlistaBenchResults, POSTLISTA_READERS } from './postlista';
import { renderRegisterList, runRegisterListBench } from './register-list';
import { removeDataDir, REPO_ROOT } from './proc';
import { runPropagation } from './propagation';
import { concurrentInProcess, renderSearchBench, runSearchBench, type SearchBenchResults, type SearchQueries } from './search';
import { renderFirstDownloadBench, runFirstDownloadBench, type FirstDownloadBench } from './first-download';
import { renderOfflineSearchBench, runOfflineSearchBench } from './offline-search';
import { renderOpenBench, runOpenBench, type OpenBenchResults } from './open-on-demand';
import { protocolSync } from './protocol-sync';
import { startServerProcess } from './server-process';
import { STOCK_BATCH, stockSync } from './stock-sync';
import { SYNTHETIC_DEFAULTS } from './synthetic';
import { benchRows, ms, renderTable, type BenchResults, type Machine } from './table';

const USER = 'registrator';
const SEED = 7;
const PROPAGATION_CLIENTS = 21;
const INSERTS = 50;
const PAGE_DIR = path.join(REPO_ROOT, 'out', 'bench');
const RESULTS_FILE = path.join(REPO_ROOT, 'tests', 'bench', 'results.json');

const { values } = parseArgs({ options: { cases: { type: 'string', default: String(SYNTHETIC_DEFAULTS.cases) } } });
const cases = Number(values.cases);
if (!Number.isInteger(cases) || cases < 1) throw new RangeError(`--cases must be a whole number ≥ 1, got ${values.cases}`);

const machine: Machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryBytes: os.totalmem(),
  node: process.version,
  os: `${os.type()} ${os.release()}`,
};
console.log(
  `Machine: ${machine.cpus} × ${machine.cpuModel}, ${Math.round(machine.memoryBytes / 1024 ** 3)} GiB RAM, Node ${machine.node}, ${machine.os}`,
);

const started = performance.now();
const step = (what: string) => console.error(`[${ms(performance.now() - started).padStart(8)}] ${what}`);

const options = {
  cases,
  documentsPerCase: SYNTHETIC_DEFAULTS.documentsPerCase,
  foreignShare: SYNTHETIC_DEFAULTS.foreignShare,
  closedShare: SYNTHETIC_DEFAULTS.closedShare,
};
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'diarium-bench-'));
let large: Omit<BenchResults, 'machine' | 'options' | 'propagation'>;
let search: SearchBenchResults;
let searchQueries: SearchQueries;
let firstDownload: FirstDownloadBench;
let openOnDemand: OpenBenchResults;
let postlista: PostlistaBenchResults;
try {
  step(`loading ${cases} cases into ${dataDir}`);
  const load = await loadBenchData(dataDir, { seed: SEED, nowMs: Date.now(), ...options });
  step('building the bench page');
  await buildBenchPage(PAGE_DIR);
  const server = await startServerProcess({ dataDir, staticDir: PAGE_DIR });
  try {
    step(`server at ${server.url}; initial sync over the Diarium protocol`);
    const protocol = await protocolSync(server.url, USER, DEMO_PASSWORD);
    const afterSync = server.peakRss();
    step('initial sync over the stock RxDB websocket replication');
    const stock = await stockSync(server.url, USER, DEMO_PASSWORD);
    step('headless Chromium: sync, queries, bulk insert');
    const browser = await runBrowserBench(server.url, USER, DEMO_PASSWORD);
    step('headless Chromium: first download of the working set, then a returning start (tests/bench/first-download.ts)');
    firstDownload = await runFirstDownloadBench(server.url, cases);
    step(
      'server search: a word, a phrase, a sender, a case number, a word of file text (~2 KB per document, added now); 20 searchers at once',
    );
    ({ results: search, queries: searchQueries } = await runSearchBench(server.url, path.join(dataDir, 'diarium.sqlite'), server.pid));
    step('open cases outside the working set online (the client command over HTTP)');
    openOnDemand = await runOpenBench(server.url, path.join(dataDir, 'diarium.sqlite'));
    step(`public register list: ${POSTLISTA_READERS} concurrent readers of /postlista over loopback`);
    postlista = await runPostlistaBench(server.url, path.join(dataDir, 'diarium.sqlite'), () => server.cpuMs());
    large = { load, protocol, stock, browser, serverPeakRss: { afterSync, whole: server.peakRss() } };
  } finally {
    await server.stop();
  }
  step('server search: the 20 searchers again, the server searching in its own process (the baseline)');
  search.concurrentInProcess = await concurrentInProcess(dataDir, searchQueries);
} finally {
  removeDataDir(dataDir);
}

step(`propagation: ${PROPAGATION_CLIENTS} clients, ${INSERTS} inserts`);
const propagation = await runPropagation({ clients: PROPAGATION_CLIENTS, inserts: INSERTS });
step('actor register pull at 1 million entries');
const auditPull = await runAuditPullBench();
step('meeting documents (notice and minutes) in headless Chromium and in Node');
const meetingPdf = await runMeetingPdfBench();
step('meeting reader: a package of 40 documents / 500 pages, pages opened offline');
const meetingReader = await runMeetingReaderBench();
step(`register list: paged against every row held, over ${cases} cases in RxDB (Node)`);
const registerList = await runRegisterListBench(cases);
step('offline search over a replica of 10 000 cases (memory storage, Node)');
const offlineSearch = await runOfflineSearchBench(10_000);
step('done');

const results: BenchResults = {
  machine,
  options: { ...options, user: USER, stockBatch: STOCK_BATCH, propagationClients: PROPAGATION_CLIENTS, inserts: INSERTS },
  ...large,
  propagation,
};
const rows = benchRows(results);
console.log(renderTable(rows));
console.log(renderAuditPull(auditPull));
console.log(renderMeetingPdf(meetingPdf));
console.log(renderMeetingReader(meetingReader));
console.log(renderSearchBench(search));
console.log(renderRegisterList(registerList));
console.log(renderOpenBench(openOnDemand));
console.log(renderOfflineSearchBench(offlineSearch));
console.log(renderFirstDownloadBench(firstDownload));
console.log(renderPostlistaBench(postlista));
writeFileSync(
  RESULTS_FILE,
  `${JSON.stringify({ ...results, rows, auditPull, meetingPdf, meetingReader, search, registerList, openOnDemand, offlineSearch, firstDownload, postlista }, null, 2)}
`,
);
console.log(`\nWritten ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
