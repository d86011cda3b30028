/**
 * Counting the signatures in the register's PDFs for the statistics view: the newest version of
 * each PDF file the replica holds a record of (so only files the user may read; earlier versions
 * hold the same signatures, fewer of them), newest first, read one at a time from the file cache
 * or downloaded into it, and bounded in files and bytes.
 */
import type { FileRecord } from '../../../../shared/src';
import type { PdfSignatureReport } from '../../../../shared/src/pdf-signature/signature-report';
import { signatureStatistics, type SignatureRecord, type SignatureStatistics } from '../../../../shared/src/pdf-signature/statistics';
import { isDevTestIssuer } from '../../../../shared/src/protocol/dev-signing';
import { signableFiles } from './sign-document';

/** At most this much per count, so a huge register cannot freeze the view or fill the disk. */
export const CENSUS_LIMITS = { files: 1000, bytes: 250 * 1024 * 1024 } as const;

export interface CensusSelection {
  /** What is read: the newest files that fit both limits. */
  readonly files: FileRecord[];
  /** Older files left out by the limits. */
  readonly leftOut: number;
}

export interface SignatureCensus {
  readonly files: number;
  readonly leftOut: number;
  readonly unreadable: number;
  readonly signatures: number;
  readonly invalid: number;
  readonly testKey: number;
  readonly statistics: SignatureStatistics;
}

export function filesToCount(files: readonly FileRecord[], limits: { files: number; bytes: number } = CENSUS_LIMITS): CensusSelection {
  const candidates = signableFiles(files);
  let bytes = 0;
  let n = 0;
  for (const f of candidates) {
    if (n === limits.files || bytes + f.size > limits.bytes) break;
    bytes += f.size;
    n++;
  }
  return { files: candidates.slice(0, n), leftOut: candidates.length - n };
}

/** Folds the reports of the counted files; signatures without a signing time are counted but not per month. */
export function censusOf(reports: readonly PdfSignatureReport[], unreadable: number, leftOut: number): SignatureCensus {
  const all = reports.flatMap((r) => r.signatures);
  const records: SignatureRecord[] = all
    .filter((s) => s.signingTime)
    .map((s) => ({ signer: s.signerCommonName ?? s.signerSubject ?? '?', signedAt: s.signingTime! }));
  return {
    files: reports.length,
    leftOut,
    unreadable,
    signatures: all.length,
    invalid: all.filter((s) => s.status !== 'valid').length,
    testKey: all.filter((s) => isDevTestIssuer(s.issuer ?? '')).length,
    statistics: signatureStatistics(records),
  };
}
