// File text for the search benchmark: a PDF file record on every document with ~2 KB of text,
// written straight into the bench database as extraction would have left it (the extraction
// itself is not what the search benchmark measures), in the order the documents were created, as
// uploads number them: file-text search reads newest first by that number, and files added
// register by register put every other register's files first for a user of one.
import Database from 'better-sqlite3';
import { createRng } from '../../sync-server/src/demo/demo-data';

const TEXT_BYTES = 2048;
const BATCH = 2000;
const SYLLABLES = [
  'an',
  'be',
  'bygg',
  'del',
  'för',
  'gå',
  'hand',
  'in',
  'kom',
  'lag',
  'mark',
  'när',
  'om',
  'plan',
  'rätt',
  'sam',
  'stad',
  'till',
  'upp',
  'väg',
  'yttr',
  'ål',
  'ärende',
  'ök',
];

/** A vocabulary of made-up Swedish-looking words, used with a skewed frequency (a few common, most rare). */
function vocabulary(size: number, next: () => number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length: n }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(''));
  }
  return [...words];
}

/** Adds one file with text to every stored document; returns words to search for (each in some file). */
export function addFileText(file: string, seed: number): { files: number; words: string[] } {
  const rng = createRng(seed);
  const next = () => rng.next();
  const vocab = vocabulary(20_000, next);
  const pick = () => vocab[Math.floor(vocab.length * next() ** 3)]!;
  const db = new Database(file);
  try {
    const docs = db
      .prepare<[], { id: string; register_id: string; caseId: string; createdAt: string }>(
        "SELECT id, register_id, json_extract(data, '$.caseId') AS caseId, json_extract(data, '$.createdAt') AS createdAt FROM records WHERE collection = 'documents' AND deleted = 0 ORDER BY createdAt, id",
      )
      .all();
    const readSeq = db.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'seq'");
    const writeSeq = db.prepare("UPDATE meta SET value = ? WHERE key = 'seq'");
    const putRecord = db.prepare(
      'INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES (?, ?, ?, ?, 1, 0, ?)',
    );
    const putRow = db.prepare<unknown[], { rowid: number }>(
      `INSERT INTO file_texts (document_id, file_key, file_id, file_version, state, record_rowid) VALUES (?, ?, ?, 1, 'ok',
         (SELECT rowid FROM search_records WHERE collection = 'documents' AND record_id = ?)) RETURNING rowid`,
    );
    const putText = db.prepare('INSERT INTO file_text_fts (rowid, text) VALUES (?, ?)');
    const words: string[] = [];
    // In batches: a running server keeps its other writes (the actor register's checkpoints) going.
    const batch = db.transaction((part: typeof docs) => {
      let seq = readSeq.get()!.value;
      for (const d of part) {
        const fileId = `synf-${d.id}`;
        putRecord.run(
          'files',
          fileId,
          d.register_id,
          ++seq,
          JSON.stringify({
            id: fileId,
            registerId: d.register_id,
            syncVersion: 1,
            updatedAt: d.createdAt,
            documentId: d.id,
            caseId: d.caseId,
            fileKey: fileId,
            fileVersion: 1,
            name: 'bilaga.pdf',
            mediaType: 'application/pdf',
            size: TEXT_BYTES,
            sha256: '0'.repeat(64),
            uploadedBy: '',
            uploadedAt: d.createdAt,
          }),
        );
        let text = '';
        while (text.length < TEXT_BYTES) text += `${pick()} `;
        putText.run(putRow.get(d.id, fileId, fileId, d.id)!.rowid, text);
        if (words.length < 200 && d.register_id === 'reg-ks' && next() < 0.05) words.push(text.split(' ')[Math.floor(next() * 50)]!);
      }
      writeSeq.run(seq);
    });
    for (let i = 0; i < docs.length; i += BATCH) batch(docs.slice(i, i + BATCH));
    return { files: docs.length, words };
  } finally {
    db.close();
  }
}
