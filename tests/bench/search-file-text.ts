// File text for the search benchmark: a PDF file record on every document with ~2 KB of text,
// written straight into the bench database as extraction would have left it (the extraction
// itself is not what the search benchmark measures).
import Database from 'better-sqlite3';
import { createRng } from '../../sync-server/src/demo/demo-data';

const TEXT_BYTES = 2048;
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
      .prepare<[], { id: string; register_id: string; data: string }>(
        "SELECT id, register_id, data FROM records WHERE collection = 'documents' AND deleted = 0",
      )
      .all();
    let seq = db.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'seq'").get()!.value;
    const putRecord = db.prepare(
      'INSERT INTO records (collection, id, register_id, seq, version, deleted, data) VALUES (?, ?, ?, ?, 1, 0, ?)',
    );
    const putRow = db.prepare<unknown[], { rowid: number }>(
      "INSERT INTO file_texts (document_id, file_key, file_id, file_version, state) VALUES (?, ?, ?, 1, 'ok') RETURNING rowid",
    );
    const putText = db.prepare('INSERT INTO file_text_fts (rowid, text) VALUES (?, ?)');
    const words: string[] = [];
    db.transaction(() => {
      for (const d of docs) {
        const doc = JSON.parse(d.data) as { caseId: string; createdAt: string };
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
            updatedAt: doc.createdAt,
            documentId: d.id,
            caseId: doc.caseId,
            fileKey: fileId,
            fileVersion: 1,
            name: 'bilaga.pdf',
            mediaType: 'application/pdf',
            size: TEXT_BYTES,
            sha256: '0'.repeat(64),
            uploadedBy: '',
            uploadedAt: doc.createdAt,
          }),
        );
        let text = '';
        while (text.length < TEXT_BYTES) text += `${pick()} `;
        putText.run(putRow.get(d.id, fileId, fileId)!.rowid, text);
        if (words.length < 200 && d.register_id === 'reg-ks' && next() < 0.05) words.push(text.split(' ')[Math.floor(next() * 50)]!);
      }
      db.prepare("UPDATE meta SET value = ? WHERE key = 'seq'").run(seq);
    })();
    return { files: docs.length, words };
  } finally {
    db.close();
  }
}
