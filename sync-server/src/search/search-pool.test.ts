import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessSubject, User } from '../../../shared/src';
import { parseQuery, type Query, type SearchResponse } from '../../../shared/src/search';
import { seedDemo } from '../demo/seed';
import type { Logger } from '../logger';
import { SqliteStorage, storeFile } from '../storage/sqlite.adapter';
import { ClassificationCache } from '../sync/classification-cache';
import { inProcessSearcher, SearchPool, SearchTimeoutError, type Searcher } from './search-pool';
import { SearchService, type SearchOptions } from './search.service';

/*
 * The pool on a real store (the demo register) with real worker threads: the same answers as the
 * service in the server process, for every user; a worker that cannot start leaves searching to the
 * server process with a warning; a search past its time limit is stopped with its thread.
 */
let dataDir: string;
let storage: SqliteStorage;
let service: SearchService;
let inProcess: Searcher;

const warnings: string[] = [];
const log: Logger = { info() {}, warn: (msg) => warnings.push(msg), error: (msg) => warnings.push(msg) };

const query = (text: string): Query => {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(`bad query ${text}: ${parsed.error}`);
  return parsed.query;
};
const opts = (sort: SearchOptions['sort']): SearchOptions => ({ collections: ['cases', 'documents'], limit: 20, offset: 0, sort });

async function subject(username: string, secondFactorFresh: boolean): Promise<AccessSubject> {
  const user = (await storage.getRecord('users', `usr-${username.replace('.', '-')}`))!.data as unknown as User;
  return { ...user, secondFactorFresh };
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-search-pool-'));
  storage = new SqliteStorage(dataDir);
  await seedDemo(storage, Date.now(), undefined, dataDir);
  service = new SearchService(storage, new ClassificationCache(storage));
  inProcess = inProcessSearcher(service);
}, 120_000);

afterAll(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SearchPool', () => {
  it('answers exactly as the service in the server process, for every user and order, searches at once', async () => {
    // The time limit is not what this test is about: a loaded machine must not trip it.
    const pool = new SearchPool({ file: storeFile(dataDir), inProcess, log, size: 2, timeoutMs: 120_000 });
    try {
      const queries = ['bygglov', 'avtal', '"detaljplan för"', 'ks 2026-1', 'status:avslutat', 'a', '-bygglov ansökan'];
      const users = ['registrator', 'handlaggare', 'lasare', 'sn.registrator', 'politiker'];
      const asked: { who: AccessSubject; text: string; sort: SearchOptions['sort']; expected: unknown }[] = [];
      for (const username of users)
        for (const fresh of [false, true])
          for (const text of queries)
            for (const sort of ['relevance', 'newest', 'title'] as const) {
              const who = await subject(username, fresh);
              asked.push({ who, text, sort, expected: await service.search(who, query(text), opts(sort)) });
            }
      // All at once: more than the workers run together, so some wait in the queue.
      const answers = (await Promise.all(asked.map((a) => pool.searchJson(a.who, query(a.text), opts(a.sort))))).map(
        (json) => JSON.parse(json) as SearchResponse,
      );
      answers.forEach((answer, i) => expect(answer, `${asked[i]!.who.id} ${asked[i]!.text} ${asked[i]!.sort}`).toEqual(asked[i]!.expected));
      expect(answers.reduce((n, a) => n + a.hits.length, 0)).toBeGreaterThan(100);
      expect(pool.inWorkers).toBe(true);
      expect(warnings).toEqual([]);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('searches in the server process, with a warning, when a worker cannot start', async () => {
    warnings.length = 0;
    const pool = new SearchPool({
      file: storeFile(dataDir),
      inProcess,
      log,
      size: 2,
      entry: new URL('./testing/no-such-worker.ts', import.meta.url),
    });
    try {
      const who = await subject('registrator', false);
      const answer = JSON.parse(await pool.searchJson(who, query('a'), opts('relevance'))) as SearchResponse;
      expect(answer.hits.length).toBeGreaterThan(0);
      expect(answer).toEqual(await service.search(who, query('a'), opts('relevance')));
      expect(pool.inWorkers).toBe(false);
      expect(warnings).toEqual(['search workers could not start; searching in the server process']);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('stops a search at its time limit with its thread, and answers the search that thread also held from a new worker', async () => {
    warnings.length = 0;
    const pool = new SearchPool({
      file: storeFile(dataDir),
      inProcess,
      log,
      size: 1,
      timeoutMs: 300,
      entry: new URL('./testing/slow-search-worker.ts', import.meta.url),
    });
    try {
      const who = await subject('registrator', false);
      const stuck = pool.searchJson(who, query('fastna'), opts('relevance'));
      const next = pool.searchJson(who, query('bygglov'), opts('relevance'));
      await expect(stuck).rejects.toBeInstanceOf(SearchTimeoutError);
      // One worker, given both, and blocked for good by the first: only a new one can answer the second.
      expect(JSON.parse(await next)).toEqual({ hits: [], more: false });
      expect(pool.inWorkers).toBe(true);
      expect(warnings).toEqual(['search stopped at its time limit; its worker is replaced']);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
