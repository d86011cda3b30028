/**
 * A picture as a one-page flat OpenDocument text (.fodt) that Writer turns into PDF/A: Draw, which
 * would open pictures itself, is not installed. The picture keeps its pixels; the page shows it at
 * 150 dpi, shrunk to fit an A4 page with 1 cm margins.
 */

export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

const DPI = 150;
const CM_PER_INCH = 2.54;
/** The A4 page less 1 cm margins, less a little so the paragraph holding the picture never spills onto a second page. */
const MAX_WIDTH_CM = 18.8;
const MAX_HEIGHT_CM = 27.2;

function tiffSize(b: Buffer): PixelSize | null {
  const le = b.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (le ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const u32 = (at: number) => (le ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > b.length) return null;
  let width = 0;
  let height = 0;
  for (let i = 0, n = u16(ifd); i < n && ifd + 2 + i * 12 + 12 <= b.length; i++) {
    const entry = ifd + 2 + i * 12;
    const value = u16(entry + 2) === 3 ? u16(entry + 8) : u32(entry + 8);
    if (u16(entry) === 256) width = value;
    if (u16(entry) === 257) height = value;
  }
  return width > 0 && height > 0 ? { width, height } : null;
}

function jpegSize(b: Buffer): PixelSize | null {
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    // Start-of-frame markers C0–CF, except DHT (C4), JPG (C8) and DAC (CC), carry the size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
    }
    at += 2 + b.readUInt16BE(at + 2);
  }
  return null;
}

/** The picture's size in pixels from its header, or null when the header cannot be read. */
export function pixelSize(bytes: Uint8Array, mimeType: string): PixelSize | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    let size: PixelSize | null = null;
    if (mimeType === 'image/png' && b.toString('latin1', 12, 16) === 'IHDR')
      size = { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
    if (mimeType === 'image/gif' && b.length >= 10) size = { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
    if (mimeType === 'image/jpeg') size = jpegSize(b);
    if (mimeType === 'image/tiff' && b.length >= 8) size = tiffSize(b);
    return size && size.width > 0 && size.height > 0 ? size : null;
  } catch {
    return null; // a header cut short
  }
}

/** The picture's size on the page in centimetres: 150 dpi, shrunk (never stretched) to fit. */
export function pageSizeCm(px: PixelSize): { width: number; height: number } {
  const width = (px.width / DPI) * CM_PER_INCH;
  const height = (px.height / DPI) * CM_PER_INCH;
  const scale = Math.min(1, MAX_WIDTH_CM / width, MAX_HEIGHT_CM / height);
  return { width: width * scale, height: height * scale };
}

/** The flat ODT holding the picture, or null when the picture's size cannot be read. */
export function imagePageDocument(bytes: Uint8Array, mimeType: string): string | null {
  const px = pixelSize(bytes, mimeType);
  if (!px) return null;
  const { width, height } = pageSizeCm(px);
  const base64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles>
<style:page-layout style:name="pl"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1cm" fo:margin-bottom="1cm" fo:margin-left="1cm" fo:margin-right="1cm"/></style:page-layout>
<style:style style:name="p" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-top="0cm" fo:margin-bottom="0cm"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pl"/></office:master-styles>
<office:body><office:text><text:p text:style-name="p"><draw:frame text:anchor-type="as-char" svg:width="${width.toFixed(3)}cm" svg:height="${height.toFixed(3)}cm"><draw:image draw:mime-type="${mimeType}"><office:binary-data>${base64}</office:binary-data></draw:image></draw:frame></text:p></office:text></office:body>
</office:document>
`;
}
