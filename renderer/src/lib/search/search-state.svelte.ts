import type { Subscription } from 'rxjs';
import type { Party } from '../../../../shared/src';
import { parseQuery, SEARCH_ERROR_CODES, type SearchErrorCode, type SearchNames } from '../../../../shared/src/search';
import type { AppState } from '../app-state.svelte';
import { t, tryT } from '../i18n/sv';
import { viewOf } from '../replica/sealing';
import { hitRow, type HitRow } from './hits';
import { replicaNames } from './names';
import { searchReplica } from './replica-search';
import { searchServer } from './server-search';

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

  private parties = new Map<string, Party>();
  private partiesSub: Subscription | null = null;
  private seq = 0;

  constructor(private readonly app: AppState) {}

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
          if (seq === this.seq) this.error = searchErrorMessage(reply.code);
          return;
        }
      }
      if (!result) {
        const local = await searchReplica(this.app.replica.db, parsed.query, await this.names());
        result = { rows: local.hits.map(hitRow), more: local.more, source: 'replica' };
      }
      if (seq !== this.seq) return; // a newer search has started
      this.rows = result.rows;
      this.more = result.more;
      this.source = result.source;
      this.query = text;
      this.activeId = null;
      this.scrollTop = 0;
    } finally {
      if (seq === this.seq) this.busy = false;
    }
  }

  private async names(): Promise<SearchNames> {
    // Parties are only needed offline: they are read with the first offline search and followed from then on.
    if (!this.partiesSub) {
      const { parties } = this.app.replica.db;
      const keep = (docs: { _data: unknown }[]) => {
        this.parties = new Map(docs.map((d) => viewOf<Party>(d)).map((p) => [p.id, p]));
      };
      keep(await parties.find().exec());
      this.partiesSub = parties.find().$.subscribe(keep);
    }
    return replicaNames(this.app.users, this.app.allClasses, this.app.doctypeById, this.parties);
  }

  dispose(): void {
    this.partiesSub?.unsubscribe();
    this.partiesSub = null;
  }
}
