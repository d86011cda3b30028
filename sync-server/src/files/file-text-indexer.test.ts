import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleFile } from '../../../shared/src/testing/samples';
import type { Logger } from '../logger';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { BlobStore } from './blob-store';
import { FileTextIndexer } from './file-text-indexer';

let dataDir: string;
let storage: SqliteStorage;
let blobs: BlobStore;
const warnings: string[] = [];
const log: Logger = { info() {}, warn: (msg, f) => warnings.push(`${msg} ${String(f?.error)}`), error: (msg) => warnings.push(msg) };

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-filetext-'));
  storage = new SqliteStorage(dataDir);
  blobs = new BlobStore(dataDir);
  warnings.length = 0;
});

afterEach(async () => {
  await storage.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function storedPdf(text: string, fileVersion: number) {
  const pdf = await PDFDocument.create();
  pdf.addPage().drawText(text, { x: 50, y: 700, font: await pdf.embedFont(StandardFonts.Helvetica) });
  const sha256 = await blobs.put(Buffer.from(await pdf.save()));
  const file = sampleFile({ id: `f${fileVersion}`, fileVersion, sha256 });
  await storage.transaction((tx) => tx.putRecord('files', file));
  return file;
}

const rows = () => {
  const db = new Database(path.join(dataDir, 'diarium.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT f.file_id AS fileId, f.state, t.text FROM file_texts f JOIN file_text_fts t ON t.rowid = f.rowid').all();
  } finally {
    db.close();
  }
};

describe('FileTextIndexer', () => {
  it('stops an extraction that takes too long, logs it and leaves that version unsearchable; a later version is extracted', async () => {
    const slow = new FileTextIndexer(storage, blobs, log, 1);
    await slow.fileStored(await storedPdf('zqforsen', 1));
    await slow.idle();
    await slow.close();
    expect(rows()).toEqual([{ fileId: 'f1', state: 'failed', text: '' }]);
    expect(warnings).toEqual(['file text extraction failed; the file is not searchable by its text timed out after 1 ms']);

    const indexer = new FileTextIndexer(storage, blobs, log);
    await indexer.fileStored(await storedPdf('zqiltid', 2));
    await indexer.idle();
    await indexer.close();
    expect(rows()).toEqual([{ fileId: 'f2', state: 'ok', text: expect.stringContaining('zqiltid') }]);
  });

  it('leaves the text of a newer version alone when an older one arrives', async () => {
    const indexer = new FileTextIndexer(storage, blobs, log);
    const newer = await storedPdf('zqny', 2);
    const older = await storedPdf('zqgammal', 1);
    await indexer.fileStored(newer);
    await indexer.fileStored(older);
    await indexer.idle();
    await indexer.close();
    expect(rows()).toEqual([{ fileId: 'f2', state: 'ok', text: expect.stringContaining('zqny') }]);
  });
});

describe('FileTextIndexer.close', () => {
  it('does not wait for a worker thread that is still starting', async () => {
    const indexer = new FileTextIndexer(storage, blobs, log);
    await indexer.fileStored(await storedPdf('zqstängd', 1));
    // Let the extraction start its thread; loading pdf.js and tsx there takes far longer than this.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await indexer.close();
    await indexer.idle();
    expect(rows()).toEqual([{ fileId: 'f1', state: 'pending', text: '' }]);
  });
});
