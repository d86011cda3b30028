// A search worker for the pool's tests: answers every search with no hits, except that one whose
// query holds the word "fastna" blocks its thread for good (as a runaway statement would).
import { parentPort } from 'node:worker_threads';
import type { SearchReply, SearchRequest } from '../search-worker';

parentPort!.on('message', (req: SearchRequest) => {
  if (req.query.terms.some((t) => t.kind === 'text' && t.tokens.includes('fastna')))
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  parentPort!.postMessage({ id: req.id, ok: true, json: JSON.stringify({ hits: [], more: false }) } satisfies SearchReply);
});
parentPort!.postMessage('ready');
