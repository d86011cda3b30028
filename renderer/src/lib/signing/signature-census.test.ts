import { describe, expect, test } from 'vitest';
import { PdfSignatureReport } from '../../../../shared/src/pdf-signature/signature-report';
import { DEV_TEST_KEY_ISSUER_CN } from '../../../../shared/src/protocol/dev-signing';
import { sampleFile } from '../../../../shared/src/testing/samples';
import { CENSUS_LIMITS, censusOf, filesToCount } from './signature-census';
import { signableFiles } from './sign-document';

const signature = (index: number, o: Record<string, unknown>) => ({
  index,
  objectNumber: 10 + index,
  status: 'valid',
  code: 'ok',
  signerCommonName: 'Anna Lind',
  issuer: 'CN=Testkommunens CA',
  signingTime: '2026-03-02T09:00:00.000Z',
  timestamped: false,
  coveredEnd: 1000 * index,
  coversWholeRevision: true,
  ...o,
});
const report = (signatures: object[]) =>
  PdfSignatureReport.parse({
    fileSize: 5000,
    signatures,
    changedAfterLastSignature: false,
    allValid: signatures.every((s) => (s as { status: string }).status === 'valid'),
  });

describe('signable files', () => {
  test('the newest version of each PDF, newest upload first; other types left out', () => {
    const files = [
      sampleFile({ id: 'a1', fileKey: 'a', fileVersion: 1, uploadedAt: '2026-01-01T00:00:00Z' }),
      sampleFile({ id: 'a2', fileKey: 'a', fileVersion: 2, uploadedAt: '2026-01-03T00:00:00Z' }),
      sampleFile({ id: 'b1', fileKey: 'b', fileVersion: 1, uploadedAt: '2026-01-02T00:00:00Z' }),
      sampleFile({ id: 'c1', fileKey: 'c', fileVersion: 1, mediaType: 'image/png', uploadedAt: '2026-01-04T00:00:00Z' }),
    ];
    expect(signableFiles(files).map((f) => f.id)).toEqual(['a2', 'b1']);
  });
  test('a count reads the newest files within the file and byte limits, and says how many it left out', () => {
    const many = Array.from({ length: CENSUS_LIMITS.files + 5 }, (_, i) => sampleFile({ id: `f${i}`, fileKey: `k${i}`, size: 1000 }));
    const byCount = filesToCount(many);
    expect(byCount.files).toHaveLength(CENSUS_LIMITS.files);
    expect(byCount.leftOut).toBe(5);
    const sized = [1, 2, 3, 4].map((d) => sampleFile({ id: `s${d}`, fileKey: `s${d}`, size: 400, uploadedAt: `2026-01-0${d}T00:00:00Z` }));
    expect(filesToCount(sized, { files: 10, bytes: 1000 })).toEqual({ files: [sized[3], sized[2]], leftOut: 2 });
  });
});

describe('signature census', () => {
  test('counts per month (Stockholm time) and per signer, invalid and test-key signatures apart', () => {
    const census = censusOf(
      [
        report([signature(1, {}), signature(2, { signerCommonName: 'Erik Berg', signingTime: '2026-03-31T22:30:00.000Z' })]),
        report([
          signature(1, { status: 'invalid', code: 'digest-mismatch' }),
          signature(2, { issuer: `CN=${DEV_TEST_KEY_ISSUER_CN}, O=Diarium TESTNYCKEL` }),
        ]),
        report([]),
      ],
      2,
      7,
    );
    expect(census).toMatchObject({ files: 3, leftOut: 7, unreadable: 2, signatures: 4, invalid: 1, testKey: 1 });
    // 22:30 UTC on 31 March is 00:30 on 1 April in Stockholm (summer time).
    expect(census.statistics.perMonth).toEqual([
      { month: '2026-03', count: 3 },
      { month: '2026-04', count: 1 },
    ]);
    expect(census.statistics.perSigner).toEqual([
      { signer: 'Anna Lind', count: 3 },
      { signer: 'Erik Berg', count: 1 },
    ]);
  });
  test('a signature without a signing time is counted but not placed in a month', () => {
    const census = censusOf([report([signature(1, { signingTime: undefined })])], 0, 0);
    expect(census.signatures).toBe(1);
    expect(census.statistics.perMonth).toEqual([]);
  });
});
