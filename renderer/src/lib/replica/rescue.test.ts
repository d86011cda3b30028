import { describe, expect, it } from 'vitest';
import type { RawInstance, RawReplica } from './raw-replica';
import { pendingInRaw, reapplyPlan, type PlainChange } from './rescue';

const rx = (lwt: number) => ({ _deleted: false, _meta: { lwt }, _rev: `1-${lwt}`, _attachments: {} });
const schema = (version: number) => ({ version }) as RawInstance['schema'];
const collectionDoc = (name: string, version: number) => ({
  id: `collection|${name}-${version}`,
  context: 'collection',
  _deleted: false,
  data: { name, schema: { version }, connectedStorages: [{ collectionName: `meta-${name}` }] },
});
const meta = (id: string, docData: Record<string, unknown>) => ({ id: `${id}|0`, isCheckpoint: '0', itemId: id, docData });

function raw(parts: { name: string; version: number; rows: Record<string, unknown>[]; metas: Record<string, unknown>[] }[]): RawReplica {
  return {
    format: 'diarium-raw-replica-1',
    instances: [
      { collectionName: '_rxdb_internal', schema: schema(0), rows: parts.map((p) => collectionDoc(p.name, p.version)) },
      ...parts.flatMap((p) => [
        { collectionName: p.name, schema: schema(p.version), rows: p.rows },
        {
          collectionName: `meta-${p.name}`,
          schema: schema(p.version),
          rows: [...p.metas, { id: 'UP|1', isCheckpoint: '1', itemId: 'UP', checkpointData: {} }],
        },
      ]),
    ],
  };
}

describe('pendingInRaw', () => {
  it('finds records changed locally (differ from the assumed server state, or never acknowledged), ignoring RxDB bookkeeping and read-only collections', () => {
    const synced = { id: 'p1', name: 'Anna', city: 'Norrby', syncVersion: 2 };
    const edited = { id: 'p2', name: 'Berit', city: 'Fixturby', syncVersion: 1 };
    const found = pendingInRaw(
      raw([
        {
          name: 'parties',
          version: 0,
          rows: [
            { ...synced, ...rx(5) },
            { ...edited, ...rx(6) },
            { id: 'p3', name: 'Ny', ...rx(7) },
          ],
          // The assumed state has no _meta/_rev: only the record counts.
          metas: [meta('p1', { ...synced, _deleted: false }), meta('p2', { ...edited, city: 'Norrby', _deleted: false })],
        },
        { name: 'classes', version: 0, rows: [{ id: 'c1', ...rx(1) }], metas: [] },
      ]),
    );
    expect(found.map((c) => [c.collection, c.id, c.base?.city ?? null])).toEqual([
      ['parties', 'p2', 'Norrby'],
      ['parties', 'p3', null],
    ]);
    expect(found[0]!.record.city).toBe('Fixturby');
  });

  it('takes a record from the oldest version when a migration stopped half-way and left it twice', () => {
    const found = pendingInRaw(
      raw([
        { name: 'cases', version: 1, rows: [{ id: 'k1', title: 'halvt migrerad', ...rx(9) }], metas: [] },
        { name: 'cases', version: 0, rows: [{ id: 'k1', title: 'original', ...rx(3) }], metas: [] },
      ]),
    );
    expect(found).toEqual([expect.objectContaining({ id: 'k1', version: 0, record: expect.objectContaining({ title: 'original' }) })]);
  });
});

describe('reapplyPlan', () => {
  const change = (
    collection: PlainChange['collection'],
    id: string,
    record: Record<string, unknown>,
    base: Record<string, unknown> | null,
  ): PlainChange => ({ collection, id, record, base });

  it('inserts what the server never had, merges edits field by field, and puts cases before their documents', () => {
    const current: Record<string, Record<string, unknown>> = {
      'documents/d1': { id: 'd1', title: 'Gammal titel', sender: 'Nytt på servern', syncVersion: 3 },
      'parties/p1': { id: 'p1', city: 'Fixturby', syncVersion: 2 },
    };
    const plan = reapplyPlan(
      [
        change('documents', 'd2', { id: 'd2', caseId: 'k1', title: 'Ny handling' }, null),
        change(
          'documents',
          'd1',
          { id: 'd1', title: 'Rättad titel', sender: 'Min ändring', syncVersion: 2 },
          { id: 'd1', title: 'Gammal titel', sender: 'Gammal', syncVersion: 2 },
        ),
        change('cases', 'k1', { id: 'k1', title: 'Nytt ärende' }, null),
        change('parties', 'p1', { id: 'p1', city: 'Fixturby', syncVersion: 1 }, { id: 'p1', city: 'Norrby', syncVersion: 1 }),
        change('cases', 'k9', { id: 'k9', title: 'Borttaget' }, { id: 'k9', title: 'x' }),
      ],
      (c, id) => current[`${c}/${id}`] ?? null,
    );
    expect(plan).toEqual([
      { kind: 'unchanged', collection: 'parties', id: 'p1' },
      { kind: 'insert', collection: 'cases', id: 'k1', record: { id: 'k1', title: 'Nytt ärende' } },
      { kind: 'gone', collection: 'cases', id: 'k9' },
      { kind: 'insert', collection: 'documents', id: 'd2', record: { id: 'd2', caseId: 'k1', title: 'Ny handling' } },
      // The title was changed only here: it is applied; the sender was changed on both sides: a conflict, the server's value stays.
      {
        kind: 'patch',
        collection: 'documents',
        id: 'd1',
        patch: { title: 'Rättad titel' },
        conflicts: [{ field: 'sender', base: 'Gammal', mine: 'Min ändring', theirs: 'Nytt på servern' }],
      },
    ]);
  });
});
