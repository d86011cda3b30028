import { BehaviorSubject, debounceTime, distinctUntilChanged, map, merge, type Subscription } from 'rxjs';
import type { FileRecord } from '../../../../shared/src';
import type { MeetingRecord } from '../../../../shared/src/model/meeting';
import type { Replica } from '../replica/replica';
import { agendaOf, freshness, meetingsToKeep, packageDocumentIds, packageFiles, seenOf, toRelease, type Seen } from './packages';
import { PrivateNotes } from './private-notes';
import { SealedLocal } from './sealed-local';

/** "Hämtat 12 av 40 handlingar": documents with readable files, and those whose files are all cached. */
export interface PackageProgress {
  documents: number;
  fetched: number;
  /** Files that could not be downloaded this round (tried again at the next change or reconnect). */
  failed: number;
}

/** What the device holds of a meeting's package, kept sealed: everything it ever listed, and what the member saw. */
interface HeldPackage {
  documentIds: string[];
  files: { id: string; sha256: string }[];
  seen: Seen | null;
}
type Held = Record<string, HeldPackage>;

const HELD = 'reader-packages';

function union<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): T[] {
  const out = new Map(a.map((x) => [key(x), x]));
  for (const x of b) out.set(key(x), x);
  return [...out.values()];
}

/**
 * The member's meeting packages on this device: each kept meeting's files downloaded into the
 * replica's encrypted file cache in the background while online, with progress per meeting; the
 * files and private notes of packages no longer kept (meeting closed or cancelled, membership
 * ended) removed through the replica's purge. One run at a time; a change during a run runs again.
 */
export class ReaderPackages {
  readonly progress = new BehaviorSubject<ReadonlyMap<string, PackageProgress>>(new Map());
  readonly notes: PrivateNotes;
  private readonly store: SealedLocal;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private sub: Subscription | null = null;

  constructor(
    private readonly replica: Replica,
    private readonly userId: string,
  ) {
    this.store = new SealedLocal(replica.db);
    this.notes = new PrivateNotes(this.store);
  }

  start(): void {
    const { db, status } = this.replica;
    // Going online starts downloads; the first download's end sets the baseline of what is new.
    const phase = status.pipe(
      map((s) => `${s.online}|${s.initialSync.done}`),
      distinctUntilChanged(),
    );
    this.sub = merge(db.meetings.find().$, db.files.find().$, db.documents.find().$, phase)
      .pipe(debounceTime(300))
      .subscribe(() => void this.sync());
  }

  /** Runs the reconciliation now (or after the one under way); resolves when it is done. */
  sync(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.reconcile();
        } catch (err) {
          console.warn('[diarium] reader packages could not be brought up to date', err);
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.sub?.unsubscribe();
    await this.running;
  }

  /** The marks of what arrived or changed since the member last looked at the meeting, left as they are. */
  async marks(meetingId: string): Promise<Map<string, 'new' | 'changed'>> {
    const held = (await this.store.get<Held>(HELD)) ?? {};
    return freshness(held[meetingId]?.seen ?? null, await this.seenRecords(meetingId));
  }

  /**
   * The marks of what arrived since the member last looked at the meeting ("Ny", "Ändrad"); the
   * current state becomes what they have seen, so the marks show for this visit.
   */
  async acknowledge(meetingId: string): Promise<Map<string, 'new' | 'changed'>> {
    const current = await this.seenRecords(meetingId);
    const held = (await this.store.get<Held>(HELD)) ?? {};
    const pkg = held[meetingId];
    const marks = freshness(pkg?.seen ?? null, current);
    if (pkg) {
      pkg.seen = seenOf(current);
      await this.store.set(HELD, held);
    }
    return marks;
  }

  private async meetingRecords(): Promise<MeetingRecord[]> {
    return (await this.replica.db.meetings.find().exec()).map((d) => d.toMutableJSON() as MeetingRecord);
  }

  /** The items and documents of the meeting's package, with their versions. */
  private async seenRecords(meetingId: string): Promise<{ id: string; syncVersion: number }[]> {
    const records = await this.meetingRecords();
    const meeting = records.find((r) => r.id === meetingId);
    if (!meeting) return [];
    const agenda = agendaOf(records, meetingId);
    const docs = await this.replica.db.documents.findByIds(packageDocumentIds(meeting, agenda)).exec();
    return [...agenda, ...[...docs.values()].map((d) => ({ id: d.id, syncVersion: d.syncVersion }))];
  }

  private async reconcile(): Promise<void> {
    const { db } = this.replica;
    const records = await this.meetingRecords();
    const listed = meetingsToKeep(records, this.userId).map((meeting) => ({
      meeting,
      documentIds: packageDocumentIds(meeting, agendaOf(records, meeting.id)),
    }));
    const files = (
      await db.files.find({ selector: { documentId: { $in: [...new Set(listed.flatMap((p) => p.documentIds))] } } }).exec()
    ).map((d) => d.toMutableJSON() as FileRecord);
    const packages = listed.map((p) => ({ ...p, files: packageFiles(p.documentIds, files) }));
    const held = (await this.store.get<Held>(HELD)) ?? {};

    // Packages no longer kept leave first: their files and the notes on their documents.
    const leaving = Object.keys(held).filter((id) => !packages.some((p) => p.meeting.id === id));
    if (leaving.length) {
      const gone = toRelease(
        { documentIds: leaving.flatMap((id) => held[id]!.documentIds), files: leaving.flatMap((id) => held[id]!.files) },
        { documentIds: packages.flatMap((p) => p.documentIds), files: packages.flatMap((p) => p.files) },
      );
      const shas = new Set(gone.sha256s);
      await this.replica.releaseFiles(leaving.flatMap((id) => held[id]!.files).filter((f) => shas.has(f.sha256)));
      await this.notes.remove(gone.documentIds);
      for (const id of leaving) delete held[id];
    }
    // What a package ever listed is remembered before downloading, so a close mid-way still removes it.
    for (const p of packages) {
      const before = held[p.meeting.id];
      held[p.meeting.id] = {
        documentIds: union(before?.documentIds ?? [], p.documentIds, (x) => x),
        files: union(
          before?.files ?? [],
          p.files.map((f) => ({ id: f.id, sha256: f.sha256 })),
          (f) => f.id,
        ),
        seen: before?.seen ?? null,
      };
    }
    await this.store.set(HELD, held);

    const progress = new Map<string, PackageProgress>();
    const publish = () => this.progress.next(new Map(progress));
    for (const p of packages) {
      const docs = [...new Set(p.files.map((f) => f.documentId))];
      const missing = new Set<string>();
      for (const f of p.files) if (!(await this.replica.isFileCached(f.id))) missing.add(f.id);
      const count = () => docs.filter((d) => !p.files.some((f) => f.documentId === d && missing.has(f.id))).length;
      let failed = 0;
      progress.set(p.meeting.id, { documents: docs.length, fetched: count(), failed });
      publish();
      for (const f of p.files) {
        if (!missing.has(f.id) || !this.replica.status.value.online || this.stopped) continue;
        try {
          await this.replica.openFile(f.id);
          missing.delete(f.id);
        } catch {
          failed++;
        }
        progress.set(p.meeting.id, { documents: docs.length, fetched: count(), failed });
        publish();
      }
      // The first complete package after the first download is the baseline: what comes after it
      // is a late addition (during the first download, records of the package are still arriving).
      const pkg = held[p.meeting.id]!;
      if (missing.size === 0 && pkg.seen === null && this.replica.status.value.initialSync.done) {
        pkg.seen = seenOf(await this.seenRecords(p.meeting.id));
        await this.store.set(HELD, held);
      }
    }
    this.progress.next(progress);
  }
}

const running = new WeakMap<Replica, ReaderPackages>();

/** The session's reader packages, started on first use and shared by the shell and the reader views. */
export function readerPackages(replica: Replica): ReaderPackages {
  let packages = running.get(replica);
  if (!packages) {
    packages = new ReaderPackages(replica, replica.session.user.id);
    running.set(replica, packages);
    packages.start();
  }
  return packages;
}

/** Stops the session's reader packages (sign-out, or the user no longer reads meetings). */
export async function stopReaderPackages(replica: Replica): Promise<void> {
  const packages = running.get(replica);
  running.delete(replica);
  await packages?.stop();
}
