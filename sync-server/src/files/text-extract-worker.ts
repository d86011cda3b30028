// The extraction worker thread: reads one stored file at a time and answers with its text.
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import type { MediaType } from '../../../shared/src';
import { extractText } from './text-extract';

export interface ExtractRequest {
  id: number;
  path: string;
  mediaType: MediaType;
}

export type ExtractReply = { id: number; ok: true; text: string } | { id: number; ok: false; error: string };

parentPort!.on('message', (req: ExtractRequest) => {
  readFile(req.path)
    .then((bytes) => extractText(new Uint8Array(bytes), req.mediaType))
    .then(
      (text) => parentPort!.postMessage({ id: req.id, ok: true, text } satisfies ExtractReply),
      (err: unknown) =>
        parentPort!.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies ExtractReply),
    );
});
parentPort!.postMessage('ready');
