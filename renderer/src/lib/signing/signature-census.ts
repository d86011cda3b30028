/**
 * Counting the signatures in the register's PDFs for the statistics view: the newest version of
 * each PDF file (earlier versions hold the same signatures, fewer of them), read one at a time.
 */
import type { FileRecord } from '../../../../shared/src';
import type { PdfSignatureReport } from '../../../../shared/src/pdf-signature/signature-report';
import { signatureStatistics, type SignatureRecord, type SignatureStatistics } from '../../../../shared/src/pdf-signature/statistics';
import { isDevTestIssuer } from '../../../../shared/src/protocol/dev-signing';
import { signableFiles } from './sign-document';

/** At most this many files per count, so a huge register cannot freeze the view. */
export const CENSUS_MAX_FILES = 2000;

export interface SignatureCensus {
  readonly files: number;
  readonly unreadable: number;
  readonly signatures: number;
  readonly invalid: number;
  readonly testKey: number;
  readonly statistics: SignatureStatistics;
}

export function filesToCount(files: readonly FileRecord[]): FileRecord[] {
  return signableFiles(files).slice(0, CENSUS_MAX_FILES);
}

/** Folds the reports of the counted files; signatures without a signing time are counted but not per month. */
export function censusOf(reports: readonly PdfSignatureReport[], unreadable: number): SignatureCensus {
  const all = reports.flatMap((r) => r.signatures);
  const records: SignatureRecord[] = all
    .filter((s) => s.signingTime)
    .map((s) => ({ signer: s.signerCommonName ?? s.signerSubject ?? '?', signedAt: s.signingTime! }));
  return {
    files: reports.length,
    unreadable,
    signatures: all.length,
    invalid: all.filter((s) => s.status !== 'valid').length,
    testKey: all.filter((s) => isDevTestIssuer(s.issuer ?? '')).length,
    statistics: signatureStatistics(records),
  };
}
