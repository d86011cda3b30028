import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Every file under `dir` (database, its -wal and -shm, backups, blobs, notes), as bytes. */
export function filesUnder(dir: string): { file: string; bytes: Buffer }[] {
  const out: { file: string; bytes: Buffer }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(file));
    else if (entry.isFile()) out.push({ file, bytes: readFileSync(file) });
  }
  return out;
}

/** Which of `needles` (as UTF-8, as written and lower-cased) occur in which file under `dir`. */
export function bytesHits(dir: string, needles: readonly string[]): string[] {
  const hits: string[] = [];
  for (const { file, bytes } of filesUnder(dir))
    for (const n of needles)
      for (const form of new Set([n, n.toLowerCase()]))
        if (bytes.includes(Buffer.from(form, 'utf8'))) hits.push(`${path.relative(dir, file)}: ${form}`);
  return hits;
}
