import type { Case } from '../model/case';
import type { Document } from '../model/document';
import type { RetentionRule } from '../model/document-type';
import type { FileRecord } from '../model/file';
import type { Party } from '../model/party';
import type { FileRestriction } from '../model/restriction';

/**
 * What the archive package builders are given: the records of a set of cases (or of free-standing
 * documents) as stored, with the names the records only refer to resolved by the caller.
 */

/** Which FGS generation the receiving archive takes (issue 17): FGS 2.0 by default. */
export const ARCHIVE_GENERATIONS = ['fgs2', 'fgs1'] as const;
export type ArchiveGeneration = (typeof ARCHIVE_GENERATIONS)[number];
export const DEFAULT_ARCHIVE_GENERATION: ArchiveGeneration = 'fgs2';

export interface ArchivedFile {
  file: FileRecord;
  /** Where the file lies inside the package (from the package root, `/`-separated). */
  path: string;
  /** Set when this file alone is restricted (the document's `fileRestrictions`). */
  restriction: FileRestriction | null;
  /** Its archival rendition (an office document or picture); absent when none is needed (a PDF, text). */
  rendition?: ArchivedRendition;
}

/**
 * An office document's or picture's PDF/A-2b rendition, lying beside the original in the package,
 * or why there is none (the package says so per file). `reason` is archival text, in Swedish.
 */
export type ArchivedRendition =
  { kind: 'pdfa'; path: string; name: string; size: number; sha256: string } | { kind: 'none'; reason: string };

export interface ArchivedDocument {
  document: Document;
  /** The document type's name (Handlingstyp); '' when the type is unknown. */
  documentTypeName: string;
  /** The retention rule of the document type, null when unknown. */
  retention: RetentionRule | null;
  sender: Party | null;
  recipient: Party | null;
  /** The responsible officer's display name ('' when none). */
  responsibleName: string;
  files: ArchivedFile[];
}

export interface ArchivedCase {
  case: Case;
  /** The process's title in the classification plan. */
  classTitle: string;
  responsibleName: string;
  /** The case's parties (Motpart), in the order the case names them. */
  parties: Party[];
  documents: ArchivedDocument[];
}

/** One package holds cases or free-standing documents: both schemas make that a choice. */
export type ArchiveContent =
  | { kind: 'cases'; authorityName: string; registerName: string; cases: ArchivedCase[] }
  | { kind: 'documents'; authorityName: string; registerName: string; documents: ArchivedDocument[] };

export interface PackageHeader {
  /** A UUID (FGS 1.x OBJID `UUID:<id>`). */
  id: string;
  /** The package's name: its root folder and, as CSIP asks, the root METS's OBJID. */
  name: string;
  /** ISO time in UTC, `…Z`. */
  createdAt: string;
  label: string;
  authorityName: string;
  softwareName: string;
  softwareVersion: string;
}

/** A file the package holds, as written (what METS lists with its checksum). */
export interface PackageFile {
  /** From the package root, `/`-separated. */
  path: string;
  size: number;
  sha256: string;
  mimeType: string;
  /** ISO time in UTC. */
  created: string;
}
