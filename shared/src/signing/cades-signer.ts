/**
 * Fills the empty signature of `addSignaturePlaceholder`: sets its /ByteRange, signs what it
 * covers with a PAdES baseline B-B CMS (shared/src/pdf-signature/cms-build.ts) and writes the CMS
 * into /Contents. The same bytes @signpdf/signpdf produced, without Node's Buffer.
 */
import { ascii, concatBytes, lastIndexOfAscii, toBinaryString, toHex } from '../pdf-signature/bytes';
import { buildCadesSignedData, type SignatureTimestamper } from '../pdf-signature/cms-build';
import { digest } from '../pdf-signature/digest';
import type { KeySource } from './key-source';
import { BYTE_RANGE_PLACEHOLDER } from './signature-placeholder';

/** Only reached when this engine's own placeholder is wrong: a bug, not a bad input. */
function malformed(message: string): never {
  throw new Error(`signature placeholder: ${message}`);
}

/** The file without its trailing end-of-line, so /ByteRange ends exactly at %%EOF. */
function withoutTrailingNewline(pdf: Uint8Array): Uint8Array {
  let end = pdf.length;
  if (pdf[end - 1] === 0x0a) end--;
  if (pdf[end - 1] === 0x0d) end--;
  const tail = toBinaryString(pdf, Math.max(0, end - 6), end);
  if (tail !== '\n%%EOF' && tail !== '\r%%EOF') malformed('the file does not end with an %%EOF line');
  return pdf.subarray(0, end);
}

/**
 * No CMS signingTime attribute: PAdES puts the time in the dictionary's /M (see cms-build).
 * `timestamp`: PAdES B-T through a TSA client; none is configured yet, so signatures are B-B.
 */
export async function fillCadesSignature(
  prepared: Uint8Array,
  keySource: KeySource,
  timestamp?: SignatureTimestamper,
): Promise<Uint8Array> {
  const pdf = withoutTrailingNewline(prepared);
  const rangeAt = lastIndexOfAscii(pdf, BYTE_RANGE_PLACEHOLDER);
  if (rangeAt < 0) malformed('no /ByteRange placeholder');
  const rangeEnd = rangeAt + BYTE_RANGE_PLACEHOLDER.length;
  const after = toBinaryString(pdf, rangeEnd, Math.min(pdf.length, rangeEnd + 64));
  const open = /^\s*\/Contents\s*</.exec(after);
  if (!open) malformed('/Contents does not follow /ByteRange');
  const contentsAt = rangeEnd + open[0].length - 1;
  const contentsEnd = pdf.indexOf(0x3e, contentsAt) + 1; // after '>'
  if (contentsEnd <= 0) malformed('/Contents is not closed');
  const room = contentsEnd - contentsAt - 2; // hex digits between < and >

  const byteRange = `/ByteRange [0 ${contentsAt} ${contentsEnd} ${pdf.length - contentsEnd}]`;
  const withRange = concatBytes([
    pdf.subarray(0, rangeAt),
    ascii(byteRange.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' ')),
    pdf.subarray(rangeEnd),
  ]);
  const before = withRange.subarray(0, contentsAt);
  const rest = withRange.subarray(contentsEnd);

  const cms = await buildCadesSignedData({
    contentDigest: digest('sha256', [before, rest]),
    signerCertificate: keySource.certificate,
    extraCertificates: keySource.chain,
    sign: (attributes) => keySource.sign(attributes),
    timestamp,
  });
  if (cms.length * 2 > room) malformed(`the signature (${cms.length} bytes) does not fit the ${room / 2} reserved`);
  return concatBytes([before, ascii(`<${toHex(cms).padEnd(room, '0')}>`), rest]);
}
