/**
 * `npx tsx tests/bench/search.ts [-- --cases N]`: server search over the synthetic bench register
 * (loadBenchData; the index is built as the records are stored). p50/p95 over HTTP for a word, a
 * phrase, a sender name, a case number and a word of a file's text (~2 KB per document), one searcher at a time and 20 at once, against a
 * baseline `json_extract(title) LIKE` scan in this process. Standalone: loading the full register
 * takes longer than run.ts can spare.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { API, type LoginResponse } from '../../shared/src';
import { SEARCH_API, tokenize } from '../../shared/src/search';
import { DEMO_PASSWORD } from '../../sync-server/src/demo/demo-data';
import { loadBenchData } from './data';
import { addFileText } from './search-file-text';
import { startServerProcess } from './server-process';
import { percentiles, type Percentiles } from './stats';
import { SYNTHETIC_DEFAULTS } from './synthetic';
import { ms } from './table';

const USER = 'registrator';
const RUNS = 60;
const CONCURRENT = 20;
const PER_SEARCHER = 10;

const { values } = parseArgs({ options: { cases: { type: 'string', default: '20000' } } });
const cases = Number(values.cases);
if (!Number.isInteger(cases) || cases < 1) throw new RangeError(`--cases must be a whole number ≥ 1, got ${values.cases}`);

type Kind = 'word' | 'phrase' | 'sender' | 'number' | 'file text word';

/** Queries of each kind, taken from the stored register so every one finds something. */
function pickQueries(file: string, fileWords: string[]): Record<Kind, string[]> {
  const db = new Database(file, { readonly: true });
  try {
    const titles = db
      .prepare<[], { t: string }>(
        "SELECT json_extract(data, '$.title') AS t FROM records WHERE collection = 'cases' AND register_id = 'reg-ks' ORDER BY random() LIMIT 200",
      )
      .all()
      .map((r) => tokenize(r.t).filter((w) => /^\p{L}{4,}$/u.test(w)));
    const senders = db
      .prepare<[], { s: string }>(
        "SELECT json_extract(data, '$.sender') AS s FROM records WHERE collection = 'documents' AND register_id = 'reg-ks' AND json_extract(data, '$.sender') <> '' ORDER BY random() LIMIT 200",
      )
      .all();
    const numbers = db
      .prepare<[], { n: string }>(
        "SELECT json_extract(data, '$.caseNumber') AS n FROM records WHERE collection = 'cases' AND register_id = 'reg-ks' ORDER BY random() LIMIT 200",
      )
      .all();
    return {
      word: titles.filter((w) => w.length > 0).map((w) => w.reduce((a, b) => (b.length > a.length ? b : a))),
      phrase: titles.filter((w) => w.length >= 2).map((w) => `"${w[0]} ${w[1]}"`),
      sender: senders.map((r) => `avsändare:"${r.s}"`),
      // As people type them: lower case, no zeros, sometimes no prefix.
      number: numbers.map((r, i) => {
        const m = /^(\S+) (\d{4})-0*(\d+)$/.exec(r.n)!;
        return i % 2 ? `${m[1]!.toLowerCase()} ${m[2]}-${m[3]}` : `${m[2]}-${m[3]}`;
      }),
      'file text word': fileWords,
    };
  } finally {
    db.close();
  }
}

/** The baseline: the same words as a plain scan of the stored titles, in this process. */
function baseline(file: string, words: readonly string[]): Percentiles {
  const db = new Database(file, { readonly: true });
  try {
    const stmt = db.prepare<[string], { id: string }>(
      "SELECT id FROM records WHERE collection IN ('cases', 'documents') AND json_extract(data, '$.title') LIKE ? LIMIT 50",
    );
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      stmt.all(`%${words[i % words.length]}%`);
      samples.push(performance.now() - t0);
    }
    return percentiles(samples);
  } finally {
    db.close();
  }
}

async function timedSearch(url: string, token: string, query: string): Promise<{ ms: number; hits: number }> {
  const t0 = performance.now();
  const res = await fetch(`${url}${SEARCH_API}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query, limit: 50 }),
  });
  const body = (await res.json()) as { hits: unknown[] };
  if (res.status !== 200) throw new Error(`search ${JSON.stringify(query)} answered ${res.status} ${JSON.stringify(body)}`);
  return { ms: performance.now() - t0, hits: body.hits.length };
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'diarium-bench-search-'));
try {
  const t0 = performance.now();
  const load = await loadBenchData(dataDir, {
    seed: 7,
    nowMs: Date.now(),
    cases,
    documentsPerCase: SYNTHETIC_DEFAULTS.documentsPerCase,
    foreignShare: SYNTHETIC_DEFAULTS.foreignShare,
  });
  console.log(`Loaded ${load.cases} cases, ${load.documents} documents (search index included) in ${ms(performance.now() - t0)}`);
  const file = path.join(dataDir, 'diarium.sqlite');
  const t1 = performance.now();
  const fileText = addFileText(file, 11);
  console.log(`Added a file with ~2 KB of text to each of ${fileText.files} documents in ${ms(performance.now() - t1)}`);
  const queries = pickQueries(file, fileText.words);
  const server = await startServerProcess({ dataDir });
  try {
    const login = await fetch(`${server.url}${API.login}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USER, password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as LoginResponse;
    const kinds = Object.keys(queries) as Kind[];
    // Warm-up: the first query of a process pays for preparing statements and loading pages.
    for (const k of kinds) await timedSearch(server.url, token, queries[k][0]!);
    console.log(`\n| search (${cases} cases, user ${USER}) | p50 | p95 | max | mean hits |`);
    console.log('|---|---|---|---|---|');
    for (const k of kinds) {
      const samples: number[] = [];
      let hits = 0;
      for (let i = 0; i < RUNS; i++) {
        const r = await timedSearch(server.url, token, queries[k][i % queries[k].length]!);
        samples.push(r.ms);
        hits += r.hits;
      }
      const p = percentiles(samples);
      console.log(`| ${k} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(p.max)} | ${(hits / RUNS).toFixed(1)} |`);
    }
    const mixed: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENT }, async (_, s) => {
        for (let i = 0; i < PER_SEARCHER; i++) {
          const k = kinds[(s + i) % kinds.length]!;
          mixed.push((await timedSearch(server.url, token, queries[k][(s * PER_SEARCHER + i) % queries[k].length]!)).ms);
        }
      }),
    );
    const c = percentiles(mixed);
    console.log(`| ${CONCURRENT} concurrent searchers, mixed | ${ms(c.p50)} | ${ms(c.p95)} | ${ms(c.max)} | |`);
  } finally {
    await server.stop();
  }
  const b = baseline(file, queries.word);
  console.log(`| baseline: title LIKE '%word%' LIMIT 50, in process | ${ms(b.p50)} | ${ms(b.p95)} | ${ms(b.max)} | |`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
