import { describe, expect, it } from 'vitest';
import { imagePageDocument, pageSizeCm, pixelSize } from './image-page';

/** A PNG header: signature, IHDR length and type, width and height. */
function pngHeader(width: number, height: number): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

/** A JPEG's start: SOI, an APP0 segment, then SOF0 with height and width. */
function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x04, 0x00, 0x00];
  const sof0 = [0xff, 0xc0, 0x00, 0x0b, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x01, 0x01, 0x11, 0x00];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof0]);
}

/** A TIFF with one IFD holding ImageWidth (SHORT) and ImageLength (LONG), in either byte order. */
function tiffHeader(width: number, height: number, le: boolean): Uint8Array {
  const b = Buffer.alloc(8 + 2 + 2 * 12 + 4);
  const u16 = (v: number, at: number) => (le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at));
  b.write(le ? 'II' : 'MM', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(2, 8);
  // Tag, type (3 SHORT, 4 LONG), count, value.
  u16(256, 10);
  u16(3, 12);
  u32(1, 14);
  u16(width, 18);
  u16(257, 22);
  u16(4, 24);
  u32(1, 26);
  u32(height, 30);
  return b;
}

describe('pixelSize', () => {
  it('reads PNG, GIF, JPEG and both TIFF byte orders', () => {
    expect(pixelSize(pngHeader(640, 480), 'image/png')).toEqual({ width: 640, height: 480 });
    expect(pixelSize(Uint8Array.from([...Buffer.from('GIF89a'), 0x20, 0x03, 0x58, 0x02]), 'image/gif')).toEqual({
      width: 800,
      height: 600,
    });
    expect(pixelSize(jpegHeader(1200, 900), 'image/jpeg')).toEqual({ width: 1200, height: 900 });
    expect(pixelSize(tiffHeader(300, 70000, true), 'image/tiff')).toEqual({ width: 300, height: 70000 });
    expect(pixelSize(tiffHeader(300, 200, false), 'image/tiff')).toEqual({ width: 300, height: 200 });
  });

  it('is null for a header cut short, a zero size or bytes of another type', () => {
    expect(pixelSize(pngHeader(640, 480).subarray(0, 18), 'image/png')).toBeNull();
    expect(pixelSize(pngHeader(0, 480), 'image/png')).toBeNull();
    expect(pixelSize(jpegHeader(10, 10).subarray(0, 12), 'image/jpeg')).toBeNull();
    expect(pixelSize(pngHeader(10, 10), 'image/jpeg')).toBeNull();
    expect(pixelSize(tiffHeader(10, 10, true).subarray(0, 12), 'image/tiff')).toBeNull();
  });
});

describe('pageSizeCm', () => {
  it('shows a small picture at 150 dpi', () => {
    expect(pageSizeCm({ width: 150, height: 300 })).toEqual({ width: 2.54, height: 5.08 });
  });

  it('shrinks a wide or a tall picture to the page, keeping its proportions', () => {
    const wide = pageSizeCm({ width: 6000, height: 1500 });
    expect(wide.width).toBeCloseTo(18.8);
    expect(wide.height).toBeCloseTo(4.7);
    const tall = pageSizeCm({ width: 1000, height: 20000 });
    expect(tall.height).toBeCloseTo(27.2);
    expect(tall.width).toBeCloseTo(1.36);
  });
});

describe('imagePageDocument', () => {
  it('embeds the picture unchanged with its type and page size', () => {
    const png = pngHeader(300, 150);
    const fodt = imagePageDocument(png, 'image/png')!;
    expect(fodt).toContain(`<office:binary-data>${Buffer.from(png).toString('base64')}</office:binary-data>`);
    expect(fodt).toContain('draw:mime-type="image/png"');
    expect(fodt).toContain('svg:width="5.080cm" svg:height="2.540cm"');
  });

  it('is null when the size cannot be read', () => {
    expect(imagePageDocument(Uint8Array.from([1, 2, 3]), 'image/png')).toBeNull();
  });
});
