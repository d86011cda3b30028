import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  PUBLIC_OUTPUT_POLICY_VERSION,
  publicationGate,
  type Case,
  type CollectionName,
  type Document,
  type Party,
} from '../../../shared/src';
import { sampleCase, sampleDocument, sampleParty } from '../../../shared/src/testing/samples';
import { PublicListEntriesWriter } from './public-list-entries';
import { SqliteStorage, storeFile } from './sqlite.adapter';

let dir = '';
let storage: SqliteStorage;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'diarium-public-entries-'));
  storage = new SqliteStorage(dir);
});

afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const put = (collection: CollectionName, record: Record<string, unknown> & { id: string; registerId: string }) =>
  storage.transaction((tx) => tx.putRecord(collection, record as never));

/** The projection as committed: document id → entry. */
function entries(): Record<string, unknown> {
  const db = new Database(storeFile(dir), { readonly: true });
  try {
    const rows = db.prepare<[], { id: string; entry: string }>('SELECT record_id AS id, entry FROM public_list_entries ORDER BY id').all();
    return Object.fromEntries(rows.map((r) => [r.id, JSON.parse(r.entry)]));
  } finally {
    db.close();
  }
}

const party = sampleParty({ id: 'p1', name: 'Vera Vinge' });
const parentCase = sampleCase({ id: 'c1', partyIds: ['p1'], title: 'Strandskydd, Vera Vinge' });
const inCase = sampleDocument({ id: 'd1', caseId: 'c1', title: 'Ansökan om dispens' });
const alone = sampleDocument({ id: 'd2', caseId: '', documentNumber: 'KS 2026-00043', senderPartyId: 'p1', sender: 'Vera Vinge' });
const draft = sampleDocument({ id: 'd3', caseId: '', status: 'draft', registeredDate: '', documentNumber: '' });

describe('PublicListEntriesWriter', () => {
  it("decides a document's entry in the transaction of its own write, its case's and a party's it names; the same as deciding all again", async () => {
    await put('parties', party);
    await put('cases', parentCase);
    for (const d of [inCase, alone, draft]) await put('documents', d);
    const gate = (d: Document, c: Case | null, parties: Party[]) => {
      const g = publicationGate(d, c, parties);
      return g.verdict === 'pass' ? g.output : null;
    };
    expect(entries()).toEqual({
      d1: gate(inCase as Document, parentCase as Case, [party]),
      d2: gate(alone as Document, null, [party]),
    });

    await put('cases', { ...parentCase, restrictionKind: 'secrecy', legalGround: 'OSL 26 kap. 1 §' });
    expect(Object.keys(entries())).toEqual(['d2']);
    await put('parties', { ...party, protectedIdentity: true });
    expect(Object.keys(entries())).toEqual([]);
    await put('cases', parentCase);
    // Open again, but its party's name is protected and in the case title: still blocked.
    expect(Object.keys(entries())).toEqual([]);
    await put('cases', { ...parentCase, title: 'Strandskydd' });
    expect(Object.keys(entries())).toEqual(['d1']);
    await storage.transaction((tx) => tx.putRecord('documents', inCase as never, true));
    expect(Object.keys(entries())).toEqual([]);
    await put('documents', inCase);
    const kept = entries();

    await storage.close();
    const db = new Database(storeFile(dir));
    db.transaction(() => new PublicListEntriesWriter(db).rebuild())();
    db.close();
    expect(entries()).toEqual(kept);
    storage = new SqliteStorage(dir);
  });

  it('on opening, decides every entry again only when they were decided by another policy, projection or record shape', async () => {
    await put('cases', parentCase);
    await put('documents', inCase);
    await storage.close();
    const db = new Database(storeFile(dir));
    const decidedBy = () => db.prepare<[], string>('SELECT decided_by FROM public_list_state').pluck().get();
    expect(decidedBy()).toMatch(new RegExp(`^policy ${PUBLIC_OUTPUT_POLICY_VERSION}; projection \\d+; records .*documents \\d+`));
    const writer = new PublicListEntriesWriter(db);
    expect(db.transaction(() => writer.ensureCurrent())()).toBe(false);
    // A row left by an older policy (here: removed) is decided again when the decider differs.
    db.prepare("UPDATE public_list_state SET decided_by = 'policy 0'").run();
    db.prepare('DELETE FROM public_list_entries').run();
    expect(db.transaction(() => writer.ensureCurrent())()).toBe(true);
    db.close();
    expect(Object.keys(entries())).toEqual(['d1']);
    storage = new SqliteStorage(dir);
  });

  it('is pinned to the policy it was written for: a change to public-output.ts raises PUBLIC_OUTPUT_POLICY_VERSION', () => {
    const source = readFileSync(new URL('../../../shared/src/rules/public-output.ts', import.meta.url));
    // When this fails: if what passes or goes out changed, raise PUBLIC_OUTPUT_POLICY_VERSION (every
    // server decides its entries again on start); then record the file's new hash here.
    expect({ version: PUBLIC_OUTPUT_POLICY_VERSION, sha256: createHash('sha256').update(source).digest('hex') }).toEqual({
      version: 1,
      sha256: '73a917ec56487812a685cd66a46c36ab5d546063f131367de29cdbcca5edb9d1',
    });
  });
});
