// `npm run bench:redact`: masks a generated 200-page mixed PDF (text pages, image pages, every
// seventh page rotated) with a term and every suggestion on every page, at OUTPUT_DPI, and compares
// with `mutool draw` rasterising the same file at the same resolution in the same run (PNM, its
// fastest raster output, as the physical-limit reference). The redaction runs in a child process so
// its peak memory (VmHWM) is its own. Exits 1 when mutool is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { degrees, PDFDocument, StandardFonts } from 'pdf-lib';

const PAGES = 200;
const OUTPUT_DPI = 150;
const MUTOOL = '/usr/bin/mutool';
const GiB = 1024 ** 3;

interface WorkerResult {
  ms: number;
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
      const text = line % 9 === 3
        ? `Sökande Anna Svensson, 19811218-9876, tel 070-123 45 67, anna@example.se (sida ${n})`
        : `Rad ${line} på sidan ${n}: nämnden behandlade ärendet KS 2026-00042 och fattade beslut enligt förslaget.`;
      page.drawText(text, { x: 40, y, size: 10, font });
    }
  }
  return doc.save();
}

async function worker(inPath: string, outPath: string): Promise<void> {
  const { redactPdf } = await import('../../renderer/src/lib/redaction/redact-pdf');
  const { nodeRedactionPlatform } = await import('../../scripts/lib/node-redaction-platform');
  const input = readFileSync(inPath);
  const started = performance.now();
  const r = await redactPdf(input, { boxes: [], terms: [{ text: 'Anna Svensson', ground: 'OSL 26 kap. 1 §' }], suggestions: 'all' }, nodeRedactionPlatform, { dpi: OUTPUT_DPI });
  const ms = performance.now() - started;
  writeFileSync(outPath, r.pdf);
  const result: WorkerResult = { ms, peakRss: peakRss(), boxes: r.boxes.length, words: r.textLayerWords, outBytes: r.pdf.length };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function timed(cmd: string, args: string[]): number {
  const started = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return performance.now() - started;
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
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', inPath, join(dir, 'masked.pdf')], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`redaction worker failed (${child.status}): ${child.stderr}`);
    const ours = JSON.parse(child.stdout.trim().split('\n').pop()!) as WorkerResult;
    const mutoolMs = timed(MUTOOL, ['draw', '-q', '-r', String(OUTPUT_DPI), '-F', 'pnm', '-o', join(dir, 'ref-%d.pnm'), inPath]);
    const mutoolPngMs = timed(MUTOOL, ['draw', '-q', '-r', String(OUTPUT_DPI), '-F', 'png', '-o', join(dir, 'ref-%d.png'), inPath]);
    const ratio = ours.ms / mutoolMs;
    const rows: [string, string, string, string][] = [
      ['input', `${PAGES} pages (text, every 4th a scanned image, every 7th rotated), ${(readFileSync(inPath).length / 1e6).toFixed(1)} MB`, '', ''],
      ['masks', `term "Anna Svensson" + all suggestions: ${ours.boxes} boxes, ${ours.words} words kept as text`, '', ''],
      ['output resolution', `${OUTPUT_DPI} dpi, lossless (Flate, grey when possible), ${(ours.outBytes / 1e6).toFixed(1)} MB`, '', ''],
      ['redaction', `${(ours.ms / 1000).toFixed(1)} s = ${(PAGES / (ours.ms / 1000)).toFixed(1)} pages/s`, '', ''],
      ['mutool draw -F pnm', `${(mutoolMs / 1000).toFixed(1)} s = ${(PAGES / (mutoolMs / 1000)).toFixed(1)} pages/s`, '', ''],
      ['mutool draw -F png', `${(mutoolPngMs / 1000).toFixed(1)} s = ${(PAGES / (mutoolPngMs / 1000)).toFixed(1)} pages/s (for information)`, '', ''],
      ['time / mutool (pnm)', `${ratio.toFixed(2)}x`, '≤ 2x', ratio <= 2 ? 'PASS' : 'FAIL'],
      ['peak RSS (redaction process)', `${(ours.peakRss / 1024 ** 2).toFixed(0)} MiB`, '< 1 GiB', ours.peakRss < GiB ? 'PASS' : 'FAIL'],
    ];
    const w = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['measure', 'result', 'target', ''][i]!.length));
    const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
    process.stdout.write(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
    process.stdout.write([line(['measure', 'result', 'target', '']), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...rows.map(line)].join('\n') + '\n');
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--worker') {
  worker(process.argv[3]!, process.argv[4]!).catch((e: unknown) => {
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
