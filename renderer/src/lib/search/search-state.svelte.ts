import { combineLatest, type Subscription } from 'rxjs';
import { parseQuery, SEARCH_ERROR_CODES, type SearchErrorCode, type SearchNames } from '../../../../shared/src/search';
import type { AppState } from '../app-state.svelte';
import { t, tryT } from '../i18n/sv';
import { hitRow, hitsNotIn, NO_HITS, type HitRow } from './hits';
import { ReplicaParties, replicaNames } from './names';
import { searchReplica } from './replica-search';
import { searchServer } from './server-search';
import { rememberServerHits } from '../replica/open-on-demand';

/** The Swedish message for a grammar error, with where it is when the grammar says. */
export function searchErrorMessage(code: string, at?: number): string {
  const message = tryT(`search.error.${code}`, undefined, t('search.error.generic'));
  return at === undefined ? message : t('search.error.at', { message, at: at + 1 });
}

function isGrammarCode(code: string): code is SearchErrorCode {
  return (SEARCH_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * The search view's state. Lives as long as the session (like the register list), so going back
 * from a hit finds the query, its hits and the position as they were. Online the server searches
 * everything the user may read; offline, or when the server does not answer, the same parsed
 * query runs over the replica and the view says so.
 */
export class SearchState {
  text = $state('');
  /** The query the hits belong to (the text may have been edited since). */
  query = $state('');
  rows = $state.raw<HitRow[]>([]);
  more = $state(false);
  source = $state<'server' | 'replica' | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  activeId = $state<string | null>(null);
  scrollTop = $state(0);
  /** Server hits the replica does not hold (outside the working set): marked "Finns på servern". */
  serverOnly = $state.raw<ReadonlySet<string>>(NO_HITS);

  private readonly parties: ReplicaParties;
  private namesMemo: { inputs: readonly unknown[]; names: SearchNames } | null = null;
  private seq = 0;
  private presence: Subscription | null = null;

  constructor(private readonly app: AppState) {
    this.parties = new ReplicaParties(app.replica.db);
  }

  async run(text: string = this.text): Promise<void> {
    this.text = text;
    const parsed = parseQuery(text);
    if (!parsed.ok) {
      this.error = searchErrorMessage(parsed.error, parsed.at);
      return;
    }
    const seq = ++this.seq;
    this.busy = true;
    this.error = null;
    try {
      let result: { rows: HitRow[]; more: boolean; source: 'server' | 'replica' } | null = null;
      if (this.app.status.online) {
        const reply = await searchServer(this.app.replica.session, text);
        if (reply.ok) result = { rows: reply.hits.map(hitRow), more: reply.more, source: 'server' };
        else if (reply.reason === 'refused' && isGrammarCode(reply.code)) {
          if (seq === this.seq) this.error = searchErrorMessage(reply.code, reply.at);
          return;
        }
      }
      if (!result) {
        const local = await searchReplica(this.app.replica.db, parsed.query, await this.names());
        result = { rows: local.hits.map(hitRow), more: local.more, source: 'replica' };
      }
      if (seq !== this.seq) return; // a newer search has started
      this.rows = result.rows;
      this.watchPresence(result.source === 'server' ? result.rows : []);
      this.more = result.more;
      this.source = result.source;
      this.query = text;
      this.activeId = null;
      this.scrollTop = 0;
    } finally {
      if (seq === this.seq) this.busy = false;
    }
  }

  /**
   * The same names object while nothing it reads has changed: offline search keeps each record's
   * searchable text per names object, so a new one would rebuild it for the whole replica.
   */
  private async names(): Promise<SearchNames> {
    const inputs = [this.app.users, this.app.allClasses, this.app.doctypeById, await this.parties.current()] as const;
    if (!this.namesMemo || inputs.some((x, i) => x !== this.namesMemo!.inputs[i])) {
      this.namesMemo = { inputs, names: replicaNames(...inputs) };
    }
    return this.namesMemo.names;
  }

  /** Follows which server hits the replica holds, so a hit opened on demand loses its mark when it arrives. */
  private watchPresence(rows: readonly HitRow[]): void {
    this.presence?.unsubscribe();
    this.serverOnly = NO_HITS;
    rememberServerHits(rows);
    if (rows.length === 0) return;
    const { db } = this.app.replica;
    const ids = (collection: HitRow['collection']): string[] => rows.filter((r) => r.collection === collection).map((r) => r.id);
    this.presence = combineLatest([db.cases.findByIds(ids('cases')).$, db.documents.findByIds(ids('documents')).$]).subscribe(
      ([cases, documents]) => {
        this.serverOnly = hitsNotIn(rows, { cases, documents });
      },
    );
  }

  dispose(): void {
    this.presence?.unsubscribe();
    rememberServerHits([]); // the next session on this page knows nothing of these hits
    this.parties.dispose();
  }
}
