import type { Case, Document, FileRecord } from '../../../../shared/src';
import type { InformationRequest } from '../../../../shared/src/model/request';
import { releasedItems } from '../../../../shared/src/rules/request';
import { buildPdfPackage, buildZipPackage, sha256Hex, type PackageCover, type PackageEntry } from './package';
import { recordLabel } from './targets';

/**
 * Puts together what a request hands out: for each record released in full its current files,
 * for each released masked the masked copy's files, and for a released case its register entry
 * (named on the cover). Files are read from the local replica, which holds only what the user
 * may read; anything missing is reported rather than left out silently.
 */
export interface DeliverySource {
  document(id: string): Document | undefined;
  case(id: string): Case | undefined;
  /** Every version of every file of a document. */
  files(documentId: string): readonly FileRecord[];
  bytes(file: FileRecord): Promise<Uint8Array>;
}

export interface DeliveryTexts {
  inFull: string;
  masked: string;
  caseEntry: string;
}

/** The newest version of each file of a document, in name order. */
export function currentFiles(files: readonly FileRecord[]): FileRecord[] {
  const newest = new Map<string, FileRecord>();
  for (const f of files) {
    const seen = newest.get(f.fileKey);
    if (!seen || f.fileVersion > seen.fileVersion) newest.set(f.fileKey, f);
  }
  return [...newest.values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

export interface DeliveryContents {
  entries: PackageEntry[];
  /** Released cases: named on the cover, they have no file of their own. */
  caseLines: string[];
  /** Labels of released records whose files this user does not have. */
  missing: string[];
}

export async function deliveryContents(request: InformationRequest, src: DeliverySource, texts: DeliveryTexts): Promise<DeliveryContents> {
  const out: DeliveryContents = { entries: [], caseLines: [], missing: [] };
  for (const item of releasedItems(request)) {
    if (item.targetCollection === 'cases') {
      const c = src.case(item.targetId);
      if (c) out.caseLines.push(`${recordLabel(c)} – ${texts.caseEntry}`);
      else out.missing.push(item.targetId);
      continue;
    }
    const original = src.document(item.targetId);
    const source = item.review === 'release_masked' ? src.document(item.maskedDocumentId) : original;
    const label = original ? recordLabel(original) : item.targetId;
    const files = source ? currentFiles(src.files(source.id)) : [];
    if (!source || files.length === 0) {
      out.missing.push(label);
      continue;
    }
    for (const f of files) {
      out.entries.push({
        label,
        note: item.review === 'release_masked' ? texts.masked : texts.inFull,
        fileName: f.name,
        mediaType: f.mediaType,
        bytes: await src.bytes(f),
      });
    }
  }
  return out;
}

export interface DeliveredPackage {
  bytes: Uint8Array;
  fileName: string;
  mediaType: string;
  sha256: string;
}

/** The package in the chosen format, named after the request's case, with its SHA-256. */
export async function buildDeliveryPackage(
  format: 'pdf' | 'zip',
  cover: PackageCover,
  contents: DeliveryContents,
  o: { creationDate: Date; baseName: string; contentsFileName: string },
): Promise<DeliveredPackage> {
  const withCases = { ...cover, lines: [...cover.lines, ...contents.caseLines] };
  const bytes = format === 'pdf' ? await buildPdfPackage(withCases, contents.entries, o) : buildZipPackage(withCases, contents.entries, o);
  const safeBase = o.baseName.replace(/[\\/:*?"<>|]+/g, '_').trim() || 'utlamnande';
  return {
    bytes,
    fileName: `${safeBase}.${format}`,
    mediaType: format === 'pdf' ? 'application/pdf' : 'application/zip',
    sha256: await sha256Hex(bytes),
  };
}
