// `npm run archive -- --data <dir> (--due | --case "<number>") --out <dir> [--generation fgs2|fgs1]
//   [--today YYYY-MM-DD] [--after-years N]`: builds e-archive submission packages from a server's
// data folder (the server must be stopped). Exit 0 when every package was written and validated,
// 1 when the run failed (nothing partial is left), 2 on bad arguments.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ARCHIVE_GENERATIONS, type ArchiveGeneration } from '../../../shared/src/archive';
import { ConversionService } from '../conversion/conversion.service';
import { ArchiveError } from './errors';
import { localToday, runArchive, type ArchiveSelection } from './run';

const USAGE = `usage: npm run archive -- --data <dir> (--due | --case "<number>") --out <dir> [--generation fgs2|fgs1] [--today YYYY-MM-DD] [--after-years N]
  --due            every closed case and free-standing document due for transfer
  --case <number>  one case, the number as search takes it ("ks 2026-42")
  --generation     fgs2 (E-ARK CSIP/SIP + CITS ERMS) or fgs1 (FGS Paketstruktur 1.2 + Ärendehantering 1.0);
                   default: the authority's archive setting, else fgs2
  --today          the date --due counts to (default: today)
  --after-years    years after closing before a case is due (default 0)`;

interface Args {
  dataDir: string;
  outDir: string;
  generation: ArchiveGeneration | undefined;
  select: ArchiveSelection;
}

function parseArgs(argv: readonly string[], now: Date): Args {
  const values = new Map<string, string>();
  let due = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a === '--due') due = true;
    else if (['--data', '--out', '--case', '--generation', '--today', '--after-years'].includes(a)) {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new ArchiveError('usage', `${a} needs a value`);
      values.set(a, v);
    } else throw new ArchiveError('usage', `unknown argument ${a}`);
  }
  const data = values.get('--data');
  const out = values.get('--out');
  if (!data || !out) throw new ArchiveError('usage', '--data and --out are required');
  if (due === values.has('--case')) throw new ArchiveError('usage', 'give either --due or --case');
  const generation = values.get('--generation') as ArchiveGeneration | undefined;
  if (generation !== undefined && !ARCHIVE_GENERATIONS.includes(generation))
    throw new ArchiveError('usage', `--generation is fgs2 or fgs1, not ${generation}`);
  const today = values.get('--today') ?? localToday(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new ArchiveError('usage', '--today is a date YYYY-MM-DD');
  const afterYears = Number(values.get('--after-years') ?? '0');
  if (!Number.isInteger(afterYears) || afterYears < 0 || afterYears > 200)
    throw new ArchiveError('usage', '--after-years is a whole number of years');
  return {
    dataDir: path.resolve(data),
    outDir: path.resolve(out),
    generation,
    select: due ? { due: true, today, afterYears } : { caseNumber: values.get('--case')! },
  };
}

async function main(): Promise<number> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2), new Date());
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  // Office documents and pictures get PDF/A renditions (LibreOffice, SOFFICE_PATH as for the server).
  const converter = new ConversionService({
    workDir: mkdtempSync(path.join(tmpdir(), 'diarium-archive-conversion-')),
    program: process.env.SOFFICE_PATH,
    log: {
      info: () => undefined,
      warn: (msg, fields) => process.stderr.write(`${msg} ${JSON.stringify(fields ?? {})}\n`),
      error: (msg, fields) => process.stderr.write(`${msg} ${JSON.stringify(fields ?? {})}\n`),
    },
  });
  try {
    const result = await runArchive({ ...args, converter });
    if (result.packages.length === 0) {
      process.stdout.write('nothing is due for transfer; no package written\n');
      return 0;
    }
    process.stdout.write(
      `${result.cases.length} case(s), ${result.documents.length} free-standing document(s) in ${result.packages.length} package(s) (${result.generation}), validated:\n` +
        result.packages.map((p) => `  ${p}\n`).join(''),
    );
    return 0;
  } catch (err) {
    const message =
      err instanceof ArchiveError
        ? `archive failed (${err.code}): ${err.message}`
        : `archive failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
    process.stderr.write(`${message}\nnothing of this run was left in ${args.outDir}\n`);
    return 1;
  } finally {
    await converter.close();
  }
}

void main().then((code) => process.exit(code));
