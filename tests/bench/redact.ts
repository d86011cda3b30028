// `npm run bench:redact`: masks a generated 200-page mixed PDF (text pages, image pages, every
// seventh page rotated) with a term and every suggestion on every page, at OUTPUT_DPI, and compares
// with `mutool draw` rasterising the same file at the same resolution in the same run (PNM, its
// fastest raster output, as the physical-limit reference). The redaction runs in a child process so
// its peak memory (VmHWM) and CPU time are its own; that process loads pdf.js before tsx, as the
// engine's worker threads do (redaction-worker-bootstrap.ts), so tsx's own cost is not counted as
// the engine's. Wall time is what the target is about; CPU time (every thread) is reported beside
// it, with the load average, since other work on the machine changes wall time. Exits 1 when
// mutool is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';
import { bootstrapSource } from '../../scripts/lib/redaction-worker-bootstrap';

const PAGES = 200;
const OUTPUT_DPI = 150;
const MUTOOL = '/usr/bin/mutool';
const GiB = 1024 ** 3;
/** Tells the re-run of this file in the child process what to mask and where to write it. */
const CHILD_ENV = 'BENCH_REDACT_CHILD';

interface ChildResult {
  ms: number;
  cpuMs: number;
  peakRss: number;
  boxes: number;
  words: number;
  outBytes: number;
}

function peakRss(): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

async function makeInput(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const canvas = createCanvas(1200, 1600);
  const ctx = canvas.getContext('2d');
  const gradient = ctx.createLinearGradient(0, 0, 1200, 1600);
  gradient.addColorStop(0, '#f4f1e8');
  gradient.addColorStop(1, '#c8c2b0');
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, 1200, 1600);
  ctx.fillStyle = '#222';
  ctx.font = '28px sans-serif';
  for (let y = 80; y < 1560; y += 40) ctx.fillText('Inskannad handling: Anna Svensson, Storgatan 12, 070-123 45 67', 60, y);
  const scan = await doc.embedJpg(await canvas.encode('jpeg', 80));
  for (let n = 1; n <= PAGES; n++) {
    const page = doc.addPage([595, 842]);
    if (n % 7 === 0) page.setRotation(degrees(90));
    if (n % 4 === 0) {
      page.drawImage(scan, { x: 0, y: 0, width: 595, height: 842 });
      page.drawText(`Sida ${n}: skannad bilaga`, { x: 40, y: 20, size: 10, font });
      continue;
    }
    for (let line = 0; line < 45; line++) {
      const y = 800 - line * 17;
      const text =
        line % 9 === 3
          ? `Sökande Anna Svensson, 19811218-9876, tel 070-123 45 67, anna@example.se (sida ${n})`
          : `Rad ${line} på sidan ${n}: nämnden behandlade ärendet KS 2026-00042 och fattade beslut enligt förslaget.`;
      page.drawText(text, { x: 40, y, size: 10, font });
    }
  }
  return doc.save();
}

interface ChildJob {
  inPath: string;
  outPath: string;
  /** Undefined: as many threads as the Node platform chooses (the product's default). */
  extraThreads?: number;
}

async function child({ inPath, outPath, extraThreads }: ChildJob): Promise<void> {
  const { redactPdf } = await import('../../shared/src/redaction');
  const { nodeRedactionPlatform } = await import('../../scripts/lib/node-redaction-platform');
  const input = readFileSync(inPath);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const r = await redactPdf(
    input,
    { boxes: [], terms: [{ text: 'Anna Svensson', ground: 'OSL 26 kap. 1 §' }], suggestions: 'all' },
    nodeRedactionPlatform,
    { dpi: OUTPUT_DPI, extraThreads },
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  writeFileSync(outPath, r.pdf);
  const result: ChildResult = {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakRss: peakRss(),
    boxes: r.boxes.length,
    words: r.textLayerWords,
    outBytes: r.pdf.length,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** The redaction in a process of its own, started the way redaction worker threads are. */
function redactInChild(job: ChildJob): ChildResult {
  const run = spawnSync(process.execPath, ['-e', bootstrapSource(fileURLToPath(import.meta.url))], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
    env: { ...process.env, [CHILD_ENV]: JSON.stringify(job) },
  });
  if (run.status !== 0) throw new Error(`redaction process failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildResult;
}

/** Wall and CPU time of a command: the shell's children's times (/proc/$$/stat fields 16–17, in clock ticks) after it waited. */
function timed(cmd: string, args: string[]): { ms: number; cpuMs: number } {
  const started = performance.now();
  const r = spawnSync('/bin/sh', ['-c', '"$0" "$@" >/dev/null || exit $?; cat /proc/$$/stat', cmd, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  const fields = r.stdout.slice(r.stdout.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[13]) + Number(fields[14]); // cutime, cstime (fields 16, 17 counted from pid)
  const hz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
  return { ms, cpuMs: (ticks / hz) * 1000 };
}

/** `mutool draw` of every page into a folder of its own, removed afterwards (200 PNM pages are 1.3 GB). */
function rasterise(dir: string, inPath: string, format: 'pnm' | 'png'): { ms: number; cpuMs: number } {
  const out = join(dir, format);
  mkdirSync(out);
  try {
    return timed(MUTOOL, ['draw', '-q', '-r', String(OUTPUT_DPI), '-F', format, '-o', join(out, `ref-%d.${format}`), inPath]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  if (!existsSync(MUTOOL)) {
    process.stderr.write(`bench:redact: ${MUTOOL} is required as the reference (apt-get install mupdf-tools)\n`);
    return 1;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-redact-'));
  try {
    const inPath = join(dir, 'mixed.pdf');
    writeFileSync(inPath, await makeInput());
    const loadBefore = loadavg()[0]!;
    const ours = redactInChild({ inPath, outPath: join(dir, 'masked.pdf') });
    const single = redactInChild({ inPath, outPath: join(dir, 'masked-1.pdf'), extraThreads: 0 });
    const mutool = rasterise(dir, inPath, 'pnm');
    const mutoolPng = rasterise(dir, inPath, 'png');
    const loadAfter = loadavg()[0]!;
    const ratio = ours.ms / mutool.ms;
    const speed = (ms: number) => `${(PAGES / (ms / 1000)).toFixed(1)} pages/s`;
    const rows: [string, string, string, string][] = [
      [
        'input',
        `${PAGES} pages (text, every 4th a scanned image, every 7th rotated), ${(readFileSync(inPath).length / 1e6).toFixed(1)} MB`,
        '',
        '',
      ],
      ['masks', `term "Anna Svensson" + all suggestions: ${ours.boxes} boxes, ${ours.words} words kept as text`, '', ''],
      [
        'output resolution',
        `${OUTPUT_DPI} dpi, lossless (Flate; grey when possible, colour with the PNG Up predictor), ${(ours.outBytes / 1e6).toFixed(1)} MB`,
        '',
        '',
      ],
      ['redaction', `${speed(ours.ms)}: ${ours.ms.toFixed(0)} ms wall, ${ours.cpuMs.toFixed(0)} ms CPU (all threads)`, '', ''],
      [
        'redaction on 1 thread',
        `${speed(single.ms)}: ${single.ms.toFixed(0)} ms wall, ${single.cpuMs.toFixed(0)} ms CPU, ${(single.peakRss / 1024 ** 2).toFixed(0)} MiB (for information)`,
        '',
        '',
      ],
      [
        'same output on 1 thread',
        readFileSync(join(dir, 'masked.pdf')).equals(readFileSync(join(dir, 'masked-1.pdf')))
          ? 'yes, byte for byte'
          : 'NO: the outputs differ',
        '',
        '',
      ],
      ['mutool draw -F pnm', `${speed(mutool.ms)}: ${mutool.ms.toFixed(0)} ms wall, ${mutool.cpuMs.toFixed(0)} ms CPU (1 thread)`, '', ''],
      ['mutool draw -F png', `${speed(mutoolPng.ms)}: ${mutoolPng.ms.toFixed(0)} ms wall (for information)`, '', ''],
      [
        'load average (1 min)',
        `${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after, on ${availableParallelism()} cores`,
        '',
        '',
      ],
      ['CPU time / mutool', `${(ours.cpuMs / mutool.cpuMs).toFixed(2)}x (for information)`, '', ''],
      ['wall time / mutool (pnm)', `${ratio.toFixed(2)}x`, '≤ 2x', ratio <= 2 ? 'PASS' : 'FAIL'],
      ['peak RSS (redaction process)', `${(ours.peakRss / 1024 ** 2).toFixed(0)} MiB`, '< 1 GiB', ours.peakRss < GiB ? 'PASS' : 'FAIL'],
    ];
    const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['measure', 'result', 'target', ''][i]!.length));
    const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
    process.stdout.write(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
    process.stdout.write(
      [line(['measure', 'result', 'target', '']), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...rows.map(line)].join('\n') + '\n',
    );
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childJob = process.env[CHILD_ENV];
if (childJob) {
  child(JSON.parse(childJob) as ChildJob).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
} else {
  main().then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`bench:redact: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exit(1);
    },
  );
}
