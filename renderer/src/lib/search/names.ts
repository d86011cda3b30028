import type { Subscription } from 'rxjs';
import type { ClassNode, DocumentType, Party, User } from '../../../../shared/src';
import type { SearchNames } from '../../../../shared/src/search';
import type { DiariumDatabase } from '../replica/database';
import { viewOf } from '../replica/sealing';

/** The replica's parties by id, read on first use and followed from then on (only offline search needs them). */
export class ReplicaParties {
  private byId: ReadonlyMap<string, Party> = new Map();
  private sub: Subscription | null = null;

  constructor(private readonly db: DiariumDatabase) {}

  async current(): Promise<ReadonlyMap<string, Party>> {
    if (!this.sub) {
      const keep = (docs: { _data: unknown }[]) => {
        this.byId = new Map(docs.map((d) => viewOf<Party>(d)).map((p) => [p.id, p]));
      };
      keep(await this.db.parties.find().exec());
      this.sub = this.db.parties.find().$.subscribe(keep);
    }
    return this.byId;
  }

  dispose(): void {
    this.sub?.unsubscribe();
    this.sub = null;
  }
}

/** The names offline search resolves ids to, from what the replica holds (parties as the user received them). */
export function replicaNames(
  users: ReadonlyMap<string, User>,
  classes: readonly ClassNode[],
  doctypes: ReadonlyMap<string, DocumentType>,
  parties: ReadonlyMap<string, Party>,
): SearchNames {
  const processTitle = new Map(classes.map((c) => [c.code, c.title]));
  return {
    party: (id) => parties.get(id)?.name || undefined,
    user: (id) => {
      const u = users.get(id);
      return u ? [u.displayName, u.username] : [];
    },
    process: (code) => processTitle.get(code),
    documentType: (id) => doctypes.get(id)?.name,
  };
}
