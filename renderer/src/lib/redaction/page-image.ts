import { concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFDocument, type PDFPage } from 'pdf-lib';
import type { RedactionPlatform } from './platform';

/**
 * RGBA pixels → the smallest lossless PDF image: DeviceGray when every pixel is grey (most text
 * pages), DeviceRGB otherwise; FlateDecode. Lossless keeps small text sharp, and a mostly white
 * page compresses far better than JPEG.
 */
export async function pageImage(rgba: Uint8Array, width: number, height: number, platform: RedactionPlatform): Promise<{ data: Uint8Array; gray: boolean }> {
  const pixels = width * height;
  let gray = true;
  for (let i = 0; i < pixels * 4; i += 4) {
    if (rgba[i] !== rgba[i + 1] || rgba[i] !== rgba[i + 2]) {
      gray = false;
      break;
    }
  }
  const raw = new Uint8Array(gray ? pixels : pixels * 3);
  if (gray) for (let p = 0, i = 0; p < pixels; p++, i += 4) raw[p] = rgba[i]!;
  else {
    for (let p = 0, i = 0; p < pixels * 3; p += 3, i += 4) {
      raw[p] = rgba[i]!;
      raw[p + 1] = rgba[i + 1]!;
      raw[p + 2] = rgba[i + 2]!;
    }
  }
  return { data: await platform.deflate(raw), gray };
}

/** Adds the image as the page's only picture, covering the whole page. */
export function drawPageImage(doc: PDFDocument, page: PDFPage, image: { data: Uint8Array; gray: boolean }, pixelWidth: number, pixelHeight: number, pageWidth: number, pageHeight: number): void {
  const stream = doc.context.stream(image.data, {
    Type: 'XObject', Subtype: 'Image', Width: pixelWidth, Height: pixelHeight,
    ColorSpace: image.gray ? 'DeviceGray' : 'DeviceRGB', BitsPerComponent: 8, Filter: 'FlateDecode',
  });
  const name = page.node.newXObject('Page', doc.context.register(stream));
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(pageWidth, 0, 0, pageHeight, 0, 0), drawObject(name), popGraphicsState());
}
