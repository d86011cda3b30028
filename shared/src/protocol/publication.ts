import type { BlockReason, PublicDocument, PublicFile } from '../rules/public-output';

/** The publisher's preview of the public register list for one registration day (`?date=YYYY-MM-DD`). */
export const PUBLICATION_PREVIEW_API = '/api/publication/preview';

/** One entry of the public list: the document as the policy publishes it, and its published files. */
export interface PublicListEntry extends PublicDocument {
  files: PublicFile[];
}

/** What goes out for a day, exactly, and what the publication gate holds back, with the reasons (never the values). */
export interface PublicationPreview {
  date: string;
  published: PublicListEntry[];
  blocked: { id: string; documentNumber: string; reasons: BlockReason[] }[];
  /** Files of published entries held back. */
  blockedFiles: { documentId: string; fileId: string; name: string; reasons: BlockReason[] }[];
}
