import type { ClassNode, DocumentType, Party, User } from '../../../../shared/src';
import type { SearchNames } from '../../../../shared/src/search';

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
