import { describe, expect, it } from 'vitest';
import {
  Case,
  Document,
  canReadRegister,
  formatDocumentNumber,
  missingCaseFields,
  missingDocumentFields,
  newestKey,
  parseNumber,
  projectRecord,
  swedishDate,
} from '../../shared/src';
import { buildDemoData, doctypeAllowsClass } from '../../sync-server/src/demo/demo-data';
import { OTHER_REGISTER_ID, otherRegisterConfig, syntheticRegister, type SyntheticBatch } from '../bench/synthetic';

const NOW = Date.UTC(2026, 10, 26);
const OPTIONS = { seed: 11, nowMs: NOW, cases: 1000, documentsPerCase: 3, foreignShare: 0.1, batchSize: 250 };

function collect(batches: Iterable<SyntheticBatch>): { cases: Case[]; documents: Document[]; batches: SyntheticBatch[] } {
  const cases: Case[] = [];
  const documents: Document[] = [];
  const all: SyntheticBatch[] = [];
  for (const b of batches) {
    all.push(b);
    if (b.collection === 'cases') cases.push(...b.records);
    else documents.push(...b.records);
  }
  return { cases, documents, batches: all };
}

const run = collect(syntheticRegister(OPTIONS));
const demo = buildDemoData({ seed: 1, nowMs: NOW });
const other = otherRegisterConfig(NOW);
const classes = [...demo.classes, ...other.classes];
const doctypes = new Map([...demo.doctypes, ...other.doctypes].map((t) => [t.id, t]));

describe('syntheticRegister', () => {
  it('yields the requested numbers of cases and documents in bounded batches', () => {
    expect(run.cases).toHaveLength(1000);
    expect(run.documents).toHaveLength(3000);
    for (const b of run.batches) {
      expect(b.records.length).toBeGreaterThan(0);
      expect(b.records.length).toBeLessThanOrEqual(OPTIONS.batchSize);
    }
  });

  it('produces records that parse unchanged with their schemas', () => {
    const failures: string[] = [];
    for (const c of run.cases) {
      const parsed = Case.safeParse(c);
      if (!parsed.success) failures.push(`${c.id}: ${parsed.error.message}`);
      else if (JSON.stringify(parsed.data) !== JSON.stringify(c)) failures.push(`${c.id}: unknown fields`);
    }
    for (const d of run.documents) {
      const parsed = Document.safeParse(d);
      if (!parsed.success) failures.push(`${d.id}: ${parsed.error.message}`);
      else if (JSON.stringify(parsed.data) !== JSON.stringify(d)) failures.push(`${d.id}: unknown fields`);
    }
    expect(failures).toEqual([]);
  });

  it('puts the foreign share of cases, with their documents, in reg-other', () => {
    const foreign = run.cases.filter((c) => c.registerId === OTHER_REGISTER_ID);
    expect(foreign).toHaveLength(100);
    expect(run.cases.filter((c) => c.registerId === 'reg-ks')).toHaveLength(900);
    expect(run.documents.filter((d) => d.registerId === OTHER_REGISTER_ID)).toHaveLength(300);
    const caseById = new Map(run.cases.map((c) => [c.id, c]));
    for (const d of run.documents) expect(d.registerId).toBe(caseById.get(d.caseId)?.registerId);
    // Spread through the run, not bunched at one end.
    const firstHalf = run.cases.slice(0, 500).filter((c) => c.registerId === OTHER_REGISTER_ID).length;
    expect(firstHalf).toBe(50);
  });

  it('is invisible to the demo users, as far as the policy goes', () => {
    const registrar = demo.users.find((u) => u.user.username === 'registrator')!.user;
    expect(canReadRegister(registrar, OTHER_REGISTER_ID)).toBe(false);
    for (const c of run.cases) {
      expect(projectRecord(registrar, 'cases', c) === null).toBe(c.registerId === OTHER_REGISTER_ID);
    }
  });

  it('numbers cases uniquely and gap-free per register and year, in registration order', () => {
    expect(new Set(run.cases.map((c) => c.caseNumber)).size).toBe(run.cases.length);
    expect(new Set(run.cases.map((c) => c.id)).size).toBe(run.cases.length);
    const byKey = new Map<string, Case[]>();
    for (const c of run.cases) {
      const key = `${c.registerId}|${c.year}`;
      byKey.set(key, [...(byKey.get(key) ?? []), c]);
      const parsed = parseNumber(c.caseNumber);
      expect(parsed).toMatchObject({ year: c.year, serial: c.serial, prefix: c.registerId === 'reg-ks' ? 'KS' : 'BUN' });
    }
    for (const [key, list] of byKey) {
      expect(
        list.map((c) => c.serial),
        key,
      ).toEqual(list.map((_, i) => i + 1));
      expect(list.map((c) => c.createdAt)).toEqual(list.map((c) => c.createdAt).sort());
    }
    expect(byKey.size).toBeGreaterThan(2);
  });

  it('numbers documents 1..n inside their case and never before the case is yielded', () => {
    const seen = new Set<string>();
    for (const b of run.batches) {
      if (b.collection === 'cases') for (const c of b.records) seen.add(c.id);
      else for (const d of b.records) expect(seen.has(d.caseId), d.id).toBe(true);
    }
    const caseById = new Map(run.cases.map((c) => [c.id, c]));
    const byCase = new Map<string, Document[]>();
    for (const d of run.documents) byCase.set(d.caseId, [...(byCase.get(d.caseId) ?? []), d]);
    for (const [caseId, docs] of byCase) {
      const c = caseById.get(caseId)!;
      expect(docs.map((d) => d.serial)).toEqual([1, 2, 3]);
      expect(c.nextDocumentSerial).toBe(4);
      for (const d of docs) {
        expect(d.documentNumber).toBe(formatDocumentNumber(c.caseNumber, d.serial));
        expect(d.registeredDate >= c.registeredDate).toBe(true);
        if (c.status === 'closed') expect(d.registeredDate <= c.closedDate).toBe(true);
      }
    }
    expect(new Set(run.documents.map((d) => d.documentNumber)).size).toBe(run.documents.length);
    expect(new Set(run.documents.map((d) => d.id)).size).toBe(run.documents.length);
  });

  it('uses the demo classification and document types of each register', () => {
    for (const r of [...run.cases, ...run.documents]) {
      const node = classes.find((c) => c.registerId === r.registerId && c.code === r.classCode);
      expect(node?.selectable, `${r.id} ${r.classCode}`).toBe(true);
    }
    for (const d of run.documents) {
      const type = doctypes.get(d.documentTypeId);
      expect(type?.registerId, d.documentTypeId).toBe(d.registerId);
      expect(doctypeAllowsClass(type!, d.classCode)).toBe(true);
    }
    const demoParties = new Set(demo.parties.map((p) => p.id));
    for (const c of run.cases) for (const p of c.partyIds) expect(demoParties.has(p)).toBe(true);
  });

  it('fills mandatory fields and derives dates and keys with the shared rules', () => {
    for (const c of run.cases) {
      expect(missingCaseFields(c)).toEqual([]);
      expect(c.title.length).toBeGreaterThan(5);
    }
    for (const r of [...run.cases, ...run.documents]) {
      const at = Date.parse(r.createdAt);
      expect(at).toBeLessThan(NOW);
      expect(r.registeredDate).toBe(swedishDate(at));
      expect(r.newestKey).toBe(newestKey(at));
    }
    for (const d of run.documents) expect(missingDocumentFields(d), d.id).toEqual([]);
    const statuses = new Set(run.cases.map((c) => c.status));
    expect(statuses.has('registered') && statuses.has('closed')).toBe(true);
    expect(new Set(run.documents.map((d) => d.direction))).toEqual(new Set(['incoming', 'outgoing', 'created']));
  });

  it('has Swedish-like, varied titles', () => {
    const titles = new Set(run.cases.map((c) => c.title));
    expect(titles.size).toBeGreaterThan(300);
    expect(run.cases.some((c) => /^Motion om /.test(c.title))).toBe(true);
    expect(run.cases.some((c) => /^Medborgarförslag om /.test(c.title))).toBe(true);
    for (const c of run.cases) expect(c.title).not.toMatch(/[{}]/);
    for (const d of run.documents) expect(d.title).not.toMatch(/[{}]/);
  });

  it('closes the given share of the cases older than four months (default 0.9), and refuses a share outside [0, 1]', () => {
    const old = (cases: Case[]) => cases.filter((c) => Date.parse(c.createdAt) < NOW - 120 * 24 * 3600 * 1000);
    const closed = (cases: Case[]) => old(cases).filter((c) => c.status === 'closed').length / old(cases).length;
    expect(old(run.cases).length).toBeGreaterThan(800);
    expect(closed(run.cases)).toBeGreaterThan(0.86);
    expect(closed(run.cases)).toBeLessThan(0.94);
    const halfOpen = collect(syntheticRegister({ ...OPTIONS, closedShare: 0.45 })).cases;
    expect(closed(halfOpen)).toBeGreaterThan(0.4);
    expect(closed(halfOpen)).toBeLessThan(0.5);
    // Only the threshold differs: the same cases, numbers and titles.
    expect(halfOpen.map((c) => c.title)).toEqual(run.cases.map((c) => c.title));
    expect(() => syntheticRegister({ ...OPTIONS, closedShare: 1.2 }).next()).toThrow(RangeError);
  });

  it('is deterministic for a seed', () => {
    const again = collect(syntheticRegister(OPTIONS));
    expect(again.cases).toEqual(run.cases);
    expect(again.documents).toEqual(run.documents);
    const [first] = syntheticRegister({ ...OPTIONS, seed: 12 });
    expect((first!.records as Case[]).map((c) => c.title)).not.toEqual(run.cases.slice(0, OPTIONS.batchSize).map((c) => c.title));
  });

  it('streams: the first batch arrives without generating the rest', () => {
    const gen = syntheticRegister({ seed: 1, nowMs: NOW });
    const t = performance.now();
    const first = gen.next();
    const elapsed = performance.now() - t;
    gen.return(undefined);
    expect(first.done).toBe(false);
    expect(first.value!.collection).toBe('cases');
    expect(first.value!.records).toHaveLength(5000);
    // Generating all 400 000 records takes seconds; one batch takes a fraction of that.
    expect(elapsed).toBeLessThan(2000);
  });
});
