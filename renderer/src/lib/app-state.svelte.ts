import { getContext, setContext } from 'svelte';
import type { Subscription } from 'rxjs';
import {
  canQualityAssure,
  canHandleCases,
  canReadAudit,
  swedishDate,
  hasPermission,
  isMember,
  type ClassNode,
  type DocumentType,
  type Group,
  type Register,
  type User,
} from '../../../shared/src';
import type { Replica } from './replica/replica';
import type { Flow } from '../../../shared/src/model/flow';
import { dueReminders } from './flows';
import { dueQueue } from '../../../shared/src/rules/watches';
import { showOsNotifications } from './personal/os-notify';
import type { ConflictNotice, PendingUpload, RejectionNotice, SyncStatus } from './replica/types';
import { collator } from './i18n/labels';
import { indexBy } from './collections';

/** Which registration form is open. */
export type FormRequest = { kind: 'case' } | { kind: 'document'; caseId: string } | { kind: 'free' };

const REGISTER_KEY = 'diarium.registerId';

/**
 * State every view of a signed-in session shares: the replica, the directory, the current
 * register with its classification plan and document types, and the sync bookkeeping.
 */
export class AppState {
  users = $state.raw<ReadonlyMap<string, User>>(indexBy<User, string>([], (u) => u.id));
  registers = $state.raw<Register[]>([]);
  allGroups = $state.raw<Group[]>([]);
  /** Steps of approval flows waiting for this user that are due today or overdue (the nav badge). */
  approvalsDue = $state(0);
  /** Watches due today or overdue and unread notifications (the Bevakningar badge). */
  personalDue = $state(0);
  chosenRegisterId = $state<string>('');
  allClasses = $state.raw<ClassNode[]>([]);
  allDoctypes = $state.raw<DocumentType[]>([]);
  status = $state.raw<SyncStatus>({
    online: false,
    pendingChanges: 0,
    pendingUploads: 0,
    initialSync: { done: false, usable: false, received: 0, expected: null },
    lastError: null,
  });
  rejections = $state.raw<RejectionNotice[]>([]);
  conflicts = $state.raw<ConflictNotice[]>([]);
  uploads = $state.raw<PendingUpload[]>([]);
  form = $state<FormRequest | null>(null);
  /** Set while the second-factor prompt is open (restricted content asked for). */
  secondFactorAsked = $state(false);
  /** Set while enrolment of the second factor (QR code) is open. */
  secondFactorEnrol = $state(false);
  /** The case open in the case view, for "new document in the open case". */
  openCaseId = $state<string | null>(null);

  /** The signed-in user as the directory has it now (roles may change), else as signed in. */
  user = $derived.by<User>(() => this.users.get(this.replica.session.user.id) ?? this.replica.session.user);
  registerId = $derived.by(() => {
    const mine = this.user.registerIds;
    if (this.chosenRegisterId && mine.includes(this.chosenRegisterId)) return this.chosenRegisterId;
    return mine[0] ?? '';
  });
  register = $derived(this.registers.find((r) => r.id === this.registerId) ?? null);
  classes = $derived(this.allClasses.filter((c) => c.registerId === this.registerId).sort((a, b) => collator.compare(a.code, b.code)));
  classByCode = $derived(indexBy(this.classes, (c) => c.code));
  doctypes = $derived(this.allDoctypes.filter((d) => d.registerId === this.registerId).sort((a, b) => collator.compare(a.name, b.name)));
  doctypeById = $derived(indexBy(this.allDoctypes, (d) => d.id));
  /** Administrators keep the value lists (legal grounds). */
  canConfigure = $derived(this.registerId !== '' && isMember(this.user, this.registerId) && hasPermission(this.user, 'config.edit'));
  canQa = $derived(this.registerId !== '' && canQualityAssure(this.user, this.registerId));
  /** Whether to offer registration at all (the process and the case decide the rest). */
  canRegisterCases = $derived(this.registerId !== '' && isMember(this.user, this.registerId) && hasPermission(this.user, 'case.register'));
  canRegisterDocuments = $derived(
    this.registerId !== '' && isMember(this.user, this.registerId) && hasPermission(this.user, 'document.register'),
  );

  private subs: Subscription[] = [];

  constructor(readonly replica: Replica) {
    try {
      this.chosenRegisterId = localStorage.getItem(REGISTER_KEY) ?? '';
    } catch {
      this.chosenRegisterId = '';
    }
  }

  start(): () => void {
    const { db } = this.replica;
    this.subs.push(
      db.users.find().$.subscribe((docs) => {
        this.users = indexBy(
          docs.map((d) => d._data as User),
          (u) => u.id,
        );
      }),
      db.registers.find().$.subscribe((docs) => {
        this.registers = docs.map((d) => d._data as Register);
      }),
      db.groups.find().$.subscribe((docs) => {
        this.allGroups = docs.map((d) => d._data as Group);
      }),
      db.flows.find().$.subscribe((docs) => {
        this.approvalsDue = dueReminders(
          docs.map((d) => d._data as Flow),
          this.user.id,
          swedishDate(Date.now()),
        ).length;
      }),
      db.classes.find().$.subscribe((docs) => {
        this.allClasses = docs.map((d) => d._data as ClassNode);
      }),
      db.doctypes.find().$.subscribe((docs) => {
        this.allDoctypes = docs.map((d) => d._data as DocumentType);
      }),
      this.replica.status.subscribe((s) => (this.status = s)),
      this.replica.rejections.subscribe((r) => (this.rejections = r)),
      this.replica.conflicts.subscribe((c) => (this.conflicts = c)),
      this.replica.uploads.subscribe((u) => (this.uploads = u)),
      this.replica.personal.lists.subscribe((l) => {
        this.personalDue = dueQueue(l.watches, swedishDate(Date.now())).length + l.unread;
      }),
      this.replica.personal.fresh.subscribe(showOsNotifications),
    );
    return () => {
      for (const s of this.subs) s.unsubscribe();
      this.subs = [];
    };
  }

  chooseRegister(id: string): void {
    this.chosenRegisterId = id;
    try {
      localStorage.setItem(REGISTER_KEY, id);
    } catch {
      // Private mode: the choice lasts for this session only.
    }
  }

  userName(id: string): string {
    if (!id) return '';
    return this.users.get(id)?.displayName ?? id;
  }

  /** Users who can be responsible for a case in the current register (their role handles cases), sorted by name. */
  officers = $derived(
    [...this.users.values()]
      .filter((u) => canHandleCases(u, this.registerId))
      .sort((a, b) => collator.compare(a.displayName, b.displayName)),
  );

  /** Groups of the current register (for named access). */
  groups = $derived(this.allGroups.filter((g) => g.registerId === this.registerId));

  /** Opens the second-factor prompt; the server then re-sends what the user may now read. */
  requestSecondFactor = (): void => {
    this.secondFactorAsked = true;
  };

  /** The actor register is a right of its own: audit readers and the responsible officer. */
  mayReadHistory(record: { registerId: string; responsibleUserId: string }, parentCase: { responsibleUserId: string } | null): boolean {
    return (
      canReadAudit(this.user, record.registerId) ||
      record.responsibleUserId === this.user.id ||
      parentCase?.responsibleUserId === this.user.id
    );
  }

  groupName(id: string): string {
    return this.allGroups.find((g) => g.id === id)?.name ?? id;
  }

  processLabel(code: string): string {
    const node = this.classByCode.get(code);
    return node ? `${node.code} ${node.title}` : code;
  }
}

const KEY = Symbol('diarium.app');

export function provideApp(app: AppState): void {
  setContext(KEY, app);
}

export function getApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('AppState missing: use inside the Shell');
  return app;
}
