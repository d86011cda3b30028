import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { type Case, type Document, type PushResponse } from '../../../shared/src';
import { emptyMeetingRecord, type BodyMember, type MeetingRecord } from '../../../shared/src/model/meeting';
import { Flow } from '../../../shared/src/model/flow';
import { Attacker, newCase, newDocument, rawLister } from '../adversarial/attacks';
import { openProcess, type Process } from '../fixtures';
import { startTestServer, type TestServer } from '../harness';

type Rec = Record<string, unknown>;
export const REGISTER = 'reg-ks';
const DAY = 86_400_000;

/** Noon in Stockholm on a YYYY-MM-DD (winter time): far from midnight either way. */
export function noonOf(date: string): number {
  return Date.parse(`${date}T11:00:00Z`);
}

/**
 * A real server with the demo register and a clock a test moves, raw-protocol clients for the
 * demo users, and builders for the meeting records a coordinator (`mote`) sets up through pushes.
 */
export class MeetingWorld {
  private readonly clients = new Map<string, Attacker>();
  process!: Process;

  private constructor(
    readonly server: TestServer,
    private readonly clock: { now: number },
  ) {}

  static async start(today: string): Promise<MeetingWorld> {
    const clock = { now: noonOf(today) };
    const world = new MeetingWorld(await startTestServer({ now: () => clock.now }), clock);
    world.process = await openProcess(rawLister(await world.as('mote')));
    return world;
  }

  /** Moves the server's clock to noon of the day; sessions signed in before would expire, so each user signs in again. */
  setToday(date: string): void {
    this.clock.now = noonOf(date);
    this.signOutAll();
  }

  addDays(days: number): void {
    this.clock.now += days * DAY;
    this.signOutAll();
  }

  private signOutAll(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  async as(username: string): Promise<Attacker> {
    let c = this.clients.get(username);
    if (!c) {
      c = await Attacker.as(this.server.url, username);
      this.clients.set(username, c);
    }
    return c;
  }

  async stop(): Promise<void> {
    for (const c of this.clients.values()) c.close();
    await this.server.stop();
  }

  async stored(id: string, collection: 'meetings' | 'cases' | 'documents' = 'meetings'): Promise<MeetingRecord | null> {
    const rec = await this.server.storage.getRecord(collection, id);
    return rec && !rec.deleted ? (rec.data as unknown as MeetingRecord) : null;
  }

  /** Pushes a new record as `username`. */
  async create(username: string, collection: string, record: Rec): Promise<PushResponse> {
    return (await this.as(username)).push(collection, record);
  }

  /** Pushes a change from the stored state, as a client that is up to date would. */
  async update(username: string, id: string, patch: Partial<MeetingRecord> | Rec, collection = 'meetings'): Promise<PushResponse> {
    const rec = (await this.server.storage.getRecord(collection as 'meetings', id))!;
    const current = { ...rec.data, syncVersion: rec.version };
    return (await this.as(username)).push(collection, { ...current, ...patch }, current);
  }

  /** Deletes (withdraws) a record from the stored state. */
  async remove(username: string, id: string): Promise<PushResponse> {
    const rec = (await this.server.storage.getRecord('meetings', id))!;
    const current = { ...rec.data, syncVersion: rec.version };
    return (await this.as(username)).send<PushResponse>({
      t: 'push',
      collection: 'meetings',
      rows: [{ assumedMasterState: current, newDocumentState: { ...current, _deleted: true } }],
    });
  }

  async accepted(username: string, collection: string, record: Rec): Promise<MeetingRecord> {
    const res = await this.create(username, collection, record);
    expect(res.rejected, `set-up push of ${collection} ${String(record.id)} refused`).toEqual([]);
    return (await this.server.storage.getRecord(collection as 'meetings', String(record.id)))!.data as unknown as MeetingRecord;
  }

  async acceptedUpdate(username: string, id: string, patch: Partial<MeetingRecord>): Promise<MeetingRecord> {
    const res = await this.update(username, id, patch);
    expect(res.rejected, `set-up change of ${id} refused`).toEqual([]);
    return (await this.stored(id))!;
  }

  /** A case registered by `username` (officer `responsible`). */
  async newCase(username: string, o: Partial<Case> = {}): Promise<Case> {
    const c = newCase(this.process, `usr-${username}`, { responsibleUserId: `usr-${username}`, ...o });
    const res = await (await this.as(username)).push('cases', c);
    expect(res.rejected, 'set-up case refused').toEqual([]);
    return (await this.server.storage.getRecord('cases', c.id))!.data as unknown as Case;
  }

  async newDocument(username: string, caseId: string, o: Partial<Document> = {}): Promise<Document> {
    const d = newDocument(this.process, `usr-${username}`, caseId, o);
    const res = await (await this.as(username)).push('documents', d);
    expect(res.rejected, 'set-up document refused').toEqual([]);
    return (await this.server.storage.getRecord('documents', d.id))!.data as unknown as Document;
  }

  /** A meeting of `bodyId` with its items and its notice sent (the notice registered in `caseId`). */
  async noticeSent(bodyId: string, caseId: string, date: string, items: Partial<MeetingRecord>[] = []) {
    const meeting = await this.accepted('mote', 'meetings', testMeeting(bodyId, date, caseId));
    const created: MeetingRecord[] = [];
    for (const [i, o] of items.entries())
      created.push(await this.accepted('mote', 'meetings', testItem(meeting, { ordinal: i + 1, ...o })));
    const notice = await this.newDocument('mote', caseId, { title: `Kallelse ${date}` });
    const sent = await this.acceptedUpdate('mote', meeting.id, { status: 'notice_sent', noticeDocumentId: notice.id });
    return { meeting: sent, items: created };
  }

  /** The same, then held with every seat present. */
  async held(bodyId: string, caseId: string, date: string, items: Partial<MeetingRecord>[] = []) {
    const { meeting, items: created } = await this.noticeSent(bodyId, caseId, date, items);
    const running = await this.acceptedUpdate('mote', meeting.id, { status: 'held', attendance: allPresent(SEATS) });
    return { meeting: running, items: await Promise.all(created.map(async (i) => (await this.stored(i.id))!)) };
  }

  /** Held, adjusted today (minutes signed by the chair and m2) and posted today: returns the posting. */
  async posted(bodyId: string, caseId: string, date: string): Promise<MeetingRecord> {
    const { meeting } = await this.held(bodyId, caseId, date, [{ title: 'Upprop' }]);
    const minutes = await this.newDocument('mote', caseId, { title: `Protokoll ${date}` });
    await this.acceptedUpdate('mote', meeting.id, { adjusterMemberIds: ['m2'], minutesDocumentId: minutes.id });
    await this.signedFlow(minutes.id, caseId, ['usr-politiker', 'usr-handlaggare']);
    await this.acceptedUpdate('mote', meeting.id, { status: 'minutes_adjusted' });
    await this.acceptedUpdate('mote', meeting.id, { status: 'posted' });
    const rows = await this.server.storage.listWhere('meetings', 'meetingId', meeting.id);
    return rows.find((r) => r.data.kind === 'posting')!.data as unknown as MeetingRecord;
  }

  /**
   * An approved ordered flow on a document, its signature steps signed by `signers` in order,
   * written straight into the storage (the flow tests cover how signing gets there).
   */
  async signedFlow(documentId: string, caseId: string, signers: string[], o: Partial<Flow> = {}): Promise<Flow> {
    const at = new Date(this.clock.now).toISOString();
    const flow: Flow = {
      id: randomUUID(),
      registerId: REGISTER,
      syncVersion: 1,
      updatedAt: at,
      targetCollection: 'documents',
      targetId: documentId,
      caseId,
      documentId,
      mode: 'ordered',
      status: 'approved',
      steps: signers.map((u, i) => ({
        id: `s${i}`,
        approverId: u,
        role: 'approver' as const,
        dueDate: '2030-12-31',
        requiresSignature: true,
        status: 'approved' as const,
        decidedAt: at,
        decidedBy: u,
        comment: '',
        signatureFileId: `file-${i}`,
      })),
      startedBy: 'usr-mote',
      startedAt: at,
      completedAt: at,
      ...o,
    };
    await this.server.storage.transaction(async (tx) => {
      await tx.putRecord('flows', Flow.parse(flow) as unknown as Rec & { id: string; registerId: string });
    });
    return flow;
  }
}

export function member(id: string, o: Partial<BodyMember> = {}): BodyMember {
  return { id, name: `Ledamot ${id}`, party: 'S', role: 'member', from: '', to: '', substituteOrder: 0, userId: '', ...o };
}

/**
 * Kommunstyrelsen of the tests: five seats (chair m1 = Eva Ahl, the demo's elected official;
 * adjuster m2 = Erik Berg's account), two substitutes.
 */
export function testBody(id = randomUUID()): MeetingRecord {
  return {
    ...emptyMeetingRecord('body', { id, registerId: REGISTER }),
    title: 'Kommunstyrelsen',
    bodyType: 'executive_board',
    terms: [{ id: 't1', from: '2027-01-01', to: '2030-12-31' }],
    members: [
      member('m1', { role: 'chair', userId: 'usr-politiker', name: 'Eva Ahl' }),
      member('m2', { role: 'vice_chair', party: 'M', userId: 'usr-handlaggare' }),
      member('m3', { party: 'M' }),
      member('m4'),
      member('m5', { party: 'C' }),
      member('e1', { role: 'substitute', substituteOrder: 1 }),
      member('e2', { role: 'substitute', party: 'M', substituteOrder: 1 }),
    ],
  };
}

export function testMeeting(bodyId: string, date: string, caseId = '', o: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    ...emptyMeetingRecord('meeting', { id: randomUUID(), registerId: REGISTER }),
    title: 'Kommunstyrelsens sammanträde',
    bodyId,
    caseId,
    date,
    startTime: '09:00',
    place: 'Sessionssalen',
    minutesKeptAt: 'Kommunkansliet, Stadshuset',
    ...o,
  };
}

export function testItem(meeting: MeetingRecord, o: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    ...emptyMeetingRecord('item', { id: randomUUID(), registerId: REGISTER }),
    title: 'Val av justerare',
    bodyId: meeting.bodyId,
    meetingId: meeting.id,
    itemKind: 'adjuster_election',
    ordinal: 1,
    ...o,
  };
}

/** The seats of `testBody`. */
export const SEATS = ['m1', 'm2', 'm3', 'm4', 'm5'];

/** Everyone present, nobody serving for anyone. */
export function allPresent(ids: string[]) {
  return ids.map((memberId) => ({ memberId, present: true, servingForMemberId: '', arrivedAtItemId: '', leftAtItemId: '' }));
}
