// The PDF check worker thread: answers, for each PDF it is sent, why it cannot be read (or null).
import { parentPort } from 'node:worker_threads';
import { pdfProblem } from './pdf-check';

export interface CheckRequest {
  id: number;
  bytes: Uint8Array;
}

export interface CheckReply {
  id: number;
  problem: string | null;
}

parentPort!.on('message', (req: CheckRequest) => {
  void pdfProblem(req.bytes)
    .catch((err: unknown) => (err instanceof Error ? err.message : String(err)))
    .then((problem) => parentPort!.postMessage({ id: req.id, problem } satisfies CheckReply));
});
parentPort!.postMessage('ready');
