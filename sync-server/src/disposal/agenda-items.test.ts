import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISPOSED_AUDIT_VALUE, type AuditEntry } from '../../../shared/src';
import { emptyMeetingRecord, type MeetingRecord } from '../../../shared/src/model/meeting';
import { sampleMeetingItem } from '../../../shared/src/testing/samples';
import { appendAudit } from '../audit/audit';
import { AuditReanchoring } from '../audit/re-anchor';
import { verifyAuditChain } from '../audit/verify-chain';
import { silentLogger } from '../logger';
import { SqliteStorage } from '../storage/sqlite.adapter';
import { disposeAgendaCopies, disposeDocumentNoticeQuotes } from './agenda-items';

describe('disposeAgendaCopies', () => {
  let dataDir: string;
  let storage: SqliteStorage;
  let n = 0;
  const newId = () => `id-${++n}`;
  const at = '2026-12-07T10:00:00.000Z';
  const quote = 'Detaljplan för kv. Björken, hemlig granne';

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'diarium-agenda-'));
    storage = new SqliteStorage(dataDir);
  });
  afterEach(async () => {
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const meeting = (id: string, status: MeetingRecord['status']): MeetingRecord => ({
    ...emptyMeetingRecord('meeting', { id, registerId: 'reg-ks' }),
    title: 'Kommunstyrelsens sammanträde',
    bodyId: 'body-1',
    status,
  });
  const item = (id: string, meetingId: string): MeetingRecord =>
    sampleMeetingItem({ id, meetingId, caseId: 'case-1', title: quote, proposal: `Förslag: ${quote}`, decision: `Beslut: ${quote}` });

  const announcement = (id: string, meetingId: string): MeetingRecord => ({
    ...emptyMeetingRecord('posting', { id, registerId: 'reg-ks' }),
    title: 'Kungörelse om sammanträde',
    bodyId: 'body-1',
    meetingId,
    postingKind: 'meeting_announcement',
    text: `§ 1 ${quote}\n§ 2 Budget 2027`,
  });

  it('empties the items of agendas not yet adjusted, the announcements quoting them and their actor-register values; minutes stay; the chain verifies', async () => {
    await storage.transaction(async (tx) => {
      for (const m of [meeting('held-1', 'held'), meeting('posted-1', 'posted')]) await tx.putRecord('meetings', m);
      for (const [id, meetingId] of [
        ['item-draft', 'held-1'],
        ['item-minutes', 'posted-1'],
      ] as const) {
        const record = await tx.putRecord('meetings', item(id, meetingId));
        await appendAudit(
          tx,
          {
            actor: { id: 'usr-mote', displayName: 'Maja Möte' },
            at,
            action: 'create',
            collection: 'meetings',
            record,
            caseId: 'case-1',
            label: 'KS 2026-00001',
            changes: [
              { field: 'title', from: '', to: quote },
              { field: 'ordinal', from: '', to: '1' },
            ],
          },
          newId,
        );
      }
      // The board's announcements of both meetings list the case by its title.
      for (const [id, meetingId] of [
        ['announce-held', 'held-1'],
        ['announce-posted', 'posted-1'],
      ] as const) {
        const record = await tx.putRecord('meetings', announcement(id, meetingId));
        await appendAudit(
          tx,
          {
            actor: { id: 'usr-mote', displayName: 'Maja Möte' },
            at,
            action: 'create',
            collection: 'meetings',
            record,
            caseId: '',
            label: 'Kungörelse',
            changes: [
              { field: 'text', from: '', to: announcement(id, meetingId).text },
              { field: 'postingKind', from: '', to: 'meeting_announcement' },
            ],
          },
          newId,
        );
      }
    });
    const out = await storage.transaction((tx) =>
      disposeAgendaCopies(tx, new AuditReanchoring(tx, null, at, silentLogger), { id: 'case-1', title: quote }, 'Gallringsbeslut 7', at),
    );
    expect(out).toMatchObject({ inMinutes: 1, auditKept: 0 });
    expect(out.written.map((r) => `${r.collection}:${r.collection === 'meetings' ? r.id : (r.data.recordId as string)}`)).toEqual([
      'meetings:item-draft',
      'audit:item-draft',
      'meetings:announce-held',
      'audit:announce-held',
    ]);
    // The announcement of the meeting without adjusted minutes names the decision instead; the other stays.
    expect((await storage.getRecord('meetings', 'announce-held'))!.data.text).toBe('§ 1 Gallrad enligt Gallringsbeslut 7\n§ 2 Budget 2027');
    expect((await storage.getRecord('meetings', 'announce-posted'))!.data.text).toBe(`§ 1 ${quote}\n§ 2 Budget 2027`);
    const heldAudit = (await storage.listWhere('audit', 'recordId', 'announce-held'))[0]!.data as unknown as AuditEntry;
    expect(heldAudit.changes).toEqual([
      { field: 'text', from: DISPOSED_AUDIT_VALUE, to: DISPOSED_AUDIT_VALUE },
      { field: 'postingKind', from: '', to: 'meeting_announcement' },
    ]);
    expect(heldAudit.label).toBe('Kungörelse');
    const draft = (await storage.getRecord('meetings', 'item-draft'))!.data as unknown as MeetingRecord;
    expect(draft).toMatchObject({ title: 'Gallrad enligt Gallringsbeslut 7', proposal: '', decision: '', caseNumber: 'KS 2026-00001' });
    expect((await storage.getRecord('meetings', 'item-minutes'))!.data).toMatchObject({ title: quote, decision: `Beslut: ${quote}` });
    const draftAudit = (await storage.listWhere('audit', 'recordId', 'item-draft'))[0]!.data as unknown as AuditEntry;
    expect(draftAudit.label).toBe('KS 2026-00001');
    expect(draftAudit.changes).toEqual([
      { field: 'title', from: DISPOSED_AUDIT_VALUE, to: DISPOSED_AUDIT_VALUE },
      { field: 'ordinal', from: '', to: '1' },
    ]);
    const minutesAudit = (await storage.listWhere('audit', 'recordId', 'item-minutes'))[0]!.data as unknown as AuditEntry;
    expect(minutesAudit.changes[0]!.to).toBe(quote);
    const postedAudit = (await storage.listWhere('audit', 'recordId', 'announce-posted'))[0]!.data as unknown as AuditEntry;
    expect(postedAudit.changes[0]!.to).toContain(quote);
    expect(await verifyAuditChain(storage)).toEqual({ ok: true, entries: 4 });
  });

  it('a disposed document: the announcements of the meetings whose agendas list it outside adjusted minutes lose its title', async () => {
    const docTitle = 'Grannens yttrande om planket, bilaga 3';
    await storage.transaction(async (tx) => {
      for (const m of [meeting('held-1', 'held'), meeting('posted-1', 'posted'), meeting('other-1', 'held')])
        await tx.putRecord('meetings', m);
      // Other business (no case) may list a free-standing document too.
      await tx.putRecord('meetings', { ...item('item-draft', 'held-1'), caseId: '', itemKind: 'other', documentIds: ['doc-9'] });
      await tx.putRecord('meetings', { ...item('item-minutes', 'posted-1'), documentIds: ['doc-9'] });
      await tx.putRecord('meetings', { ...item('item-other', 'other-1'), documentIds: ['doc-8'] });
      for (const [id, meetingId] of [
        ['announce-held', 'held-1'],
        ['announce-posted', 'posted-1'],
        ['announce-other', 'other-1'],
      ] as const)
        await tx.putRecord('meetings', { ...announcement(id, meetingId), text: `§ 1 Övriga frågor: ${docTitle}` });
    });
    const out = await storage.transaction(async (tx) => {
      const listing = await tx.disposal.agendaItemsListing(['doc-9']);
      expect(listing.map((i) => i.id).sort()).toEqual(['item-draft', 'item-minutes']);
      return disposeDocumentNoticeQuotes(
        tx,
        new AuditReanchoring(tx, null, at, silentLogger),
        { id: 'doc-9', title: docTitle },
        listing,
        'Gallringsbeslut 7',
        at,
      );
    });
    expect(out.written.map((r) => r.id)).toEqual(['announce-held']);
    expect([...out.quoting]).toEqual([['held-1', [docTitle]]]);
    expect((await storage.getRecord('meetings', 'announce-held'))!.data.text).toBe('§ 1 Övriga frågor: Gallrad enligt Gallringsbeslut 7');
    expect((await storage.getRecord('meetings', 'announce-posted'))!.data.text).toBe(`§ 1 Övriga frågor: ${docTitle}`);
    expect((await storage.getRecord('meetings', 'announce-other'))!.data.text).toBe(`§ 1 Övriga frågor: ${docTitle}`);
    // The item keeps naming it by id: the document is a skeleton entry now.
    expect((await storage.getRecord('meetings', 'item-draft'))!.data.documentIds).toEqual(['doc-9']);
  });
});
