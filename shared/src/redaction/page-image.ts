import {
  concatTransformationMatrix,
  copyStringIntoBuffer,
  drawObject,
  PDFStream,
  popGraphicsState,
  pushGraphicsState,
  type PDFDict,
  type PDFDocument,
  type PDFPage,
} from 'pdf-lib';
import type { RedactionPlatform } from './platform';

/** A page's pixels as a compressed PDF image; plain data, so it can cross threads. */
export interface PageImage {
  readonly pixelWidth: number;
  readonly pixelHeight: number;
  /** DeviceGray samples as they are; otherwise DeviceRGB rows, each behind a PNG "Up" predictor byte. */
  readonly gray: boolean;
  /** zlib (FlateDecode). */
  readonly data: Uint8Array;
}

/** Uncompressed samples as the PDF image will hold them. */
export interface ImageSamples {
  readonly samples: Uint8Array;
  readonly gray: boolean;
}

const PNG_UP = 2;
const HIGH_BITS = 0x80808080 | 0;
const LOW_BITS = 0x7f7f7f7f;

/** (a − b) in each of the four bytes on their own (SWAR, Hacker's Delight 2-18). */
function byteDifferences(a: number, b: number): number {
  return (((a | HIGH_BITS) - (b & LOW_BITS)) | 0) ^ ((a ^ ~b) & HIGH_BITS);
}

function pixelWords(rgba: Uint8Array, pixels: number): Int32Array {
  // One word per pixel, R in the low byte (every platform we run on is little-endian); signed, so
  // an opaque pixel (alpha 0xff in the top byte) stays an int32 for the JIT instead of a double.
  const aligned = rgba.byteOffset % 4 === 0 ? rgba : rgba.slice(0, pixels * 4);
  return new Int32Array(aligned.buffer, aligned.byteOffset, pixels);
}

/**
 * RGBA → the samples of the smallest lossless image: grey when every pixel is grey (most text
 * pages), RGB otherwise, with the PNG "Up" predictor, which turns scans and gradients into runs of
 * small numbers that deflate faster and smaller. Alpha is dropped: the page is rendered opaque.
 */
export function imageSamples(rgba: Uint8Array, width: number, height: number): ImageSamples {
  const pixels = width * height;
  const words = pixelWords(rgba, pixels);
  const gray = new Uint8Array(pixels);
  let p = 0;
  for (; p < pixels; p++) {
    const w = words[p]!;
    if (((w ^ (w >> 8)) & 0xffff) !== 0) break; // R ≠ G or G ≠ B
    gray[p] = w; // the low byte: R
  }
  if (p === pixels) return { samples: gray, gray: true };
  const rowBytes = 1 + width * 3;
  const rgb = new Uint8Array(rowBytes * height);
  for (let y = 0, q = 0, o = 0; y < height; y++) {
    rgb[o++] = PNG_UP;
    for (let x = 0; x < width; x++, q++) {
      const d = y === 0 ? words[q]! : byteDifferences(words[q]!, words[q - width]!);
      rgb[o++] = d;
      rgb[o++] = d >>> 8;
      rgb[o++] = d >>> 16;
    }
  }
  return { samples: rgb, gray: false };
}

/** The samples compressed into a lossless PDF image: lossless keeps small text sharp, and a mostly white page compresses far better than JPEG. */
export async function pageImage(
  { samples, gray }: ImageSamples,
  width: number,
  height: number,
  platform: RedactionPlatform,
): Promise<PageImage> {
  return { pixelWidth: width, pixelHeight: height, gray, data: await platform.deflate(samples) };
}

/**
 * pdf-lib's raw stream, except that saving copies the contents with one `set` where pdf-lib loops
 * over every byte (over a second for the ~150 MB of images of a 200-page copy).
 */
class ImageStream extends PDFStream {
  constructor(
    dict: PDFDict,
    private readonly contents: Uint8Array,
  ) {
    super(dict);
  }

  override getContents(): Uint8Array {
    return this.contents;
  }

  override getContentsSize(): number {
    return this.contents.length;
  }

  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    this.updateDict();
    let at = offset + this.dict.copyBytesInto(buffer, offset);
    at += copyStringIntoBuffer('\nstream\n', buffer, at);
    buffer.set(this.contents, at);
    at += this.contents.length;
    at += copyStringIntoBuffer('\nendstream', buffer, at);
    return at - offset;
  }
}

/** Adds the image as the page's only picture, covering the whole page. */
export function drawPageImage(doc: PDFDocument, page: PDFPage, image: PageImage, pageWidth: number, pageHeight: number): void {
  const { pixelWidth: Width, pixelHeight: Height } = image;
  const dict = doc.context.obj(
    image.gray
      ? { Type: 'XObject', Subtype: 'Image', Width, Height, ColorSpace: 'DeviceGray', BitsPerComponent: 8, Filter: 'FlateDecode' }
      : {
          Type: 'XObject',
          Subtype: 'Image',
          Width,
          Height,
          ColorSpace: 'DeviceRGB',
          BitsPerComponent: 8,
          Filter: 'FlateDecode',
          DecodeParms: { Predictor: 12, Colors: 3, BitsPerComponent: 8, Columns: Width },
        },
  );
  const name = page.node.newXObject('Page', doc.context.register(new ImageStream(dict, image.data)));
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(pageWidth, 0, 0, pageHeight, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
}
