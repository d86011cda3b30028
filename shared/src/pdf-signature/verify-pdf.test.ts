import { describe, expect, test } from 'vitest';
import { findSignatures } from './find-signatures';
import { verifyPdfSignatures } from './verify-pdf';

const pdf = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('verifyPdfSignatures on hand-made files', () => {
  test('an unsigned file has no signatures and is not "all valid"', () => {
    const report = verifyPdfSignatures(pdf('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n'));
    expect(report).toEqual({ fileSize: 51, signatures: [], changedAfterLastSignature: false, allValid: false });
  });

  test('a /ByteRange that does not frame its own /Contents is invalid before any cryptography', () => {
    const report = verifyPdfSignatures(
      pdf('%PDF-1.7\n5 0 obj\n<< /Type /Sig /SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 5] /Contents <3000> >>\nendobj\n%%EOF'),
    );
    expect(report.signatures).toEqual([
      expect.objectContaining({
        index: 1,
        objectNumber: 5,
        status: 'invalid',
        code: 'byte-range-invalid',
        detail: "does not exclude exactly this signature's /Contents",
      }),
    ]);
    expect(report.allValid).toBe(false);
  });

  test('a framed /Contents that is not CMS is cms-malformed, and the revision end is checked', () => {
    const head = '%PDF-1.7\n5 0 obj\n<< /Type /Sig /ByteRange [0 AAAA BBBB CCCC] /Contents ';
    const tail = ' >>\nendobj\n%%EOF';
    const contents = '<0102>';
    const a = head.length;
    const b = a + contents.length;
    // Fixed-width numbers so the offsets do not move when filled in.
    const fill = (n: number) => String(n).padStart(4, '0');
    const text = `${head}${contents}${tail}`.replace('AAAA', fill(a)).replace('BBBB', fill(b)).replace('CCCC', fill(tail.length));
    const [sig] = verifyPdfSignatures(pdf(text)).signatures;
    expect(sig).toMatchObject({ code: 'cms-malformed', coversWholeRevision: true, coveredEnd: text.length });
  });

  test('a later definition of the same signature object replaces the earlier one; /ByteRange in other text is ignored', () => {
    const text =
      '%PDF-1.7\n5 0 obj\n<< /ByteRange [0 1 2 3] /Contents <00> /Name (old) >>\nendobj\n6 0 obj\n(/ByteRange in a string)\nendobj\n5 0 obj\n<< /ByteRange [0 1 2 3] /Contents <00> /Name (new) >>\nendobj\n%%EOF';
    expect(findSignatures(pdf(text)).map((s) => s.name)).toEqual(['new']);
  });
});
