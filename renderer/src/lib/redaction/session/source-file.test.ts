import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { nodeRedactionPlatform } from '../../../../../scripts/lib/node-redaction-platform';
import { redactPdf } from '../../../../../shared/src/redaction';
import { IMAGE_DPI, imageAsPdf, redactableBytes, sourceKind, SourceFileError } from './source-file';

/** A 300 × 150 picture: white, with a black bar where a name would be. */
function picture(format: 'png' | 'jpeg'): Uint8Array {
  const canvas = createCanvas(300, 150);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, 300, 150);
  ctx.fillStyle = '#000000';
  ctx.fillRect(30, 60, 200, 20);
  return new Uint8Array(format === 'png' ? canvas.toBuffer('image/png') : canvas.toBuffer('image/jpeg'));
}

describe('files the tool opens', () => {
  it('knows PDFs and pictures it can embed, what the server renders as PDF/A, and nothing else', () => {
    expect(
      [
        'application/pdf',
        'image/png',
        'image/jpeg',
        'image/tiff',
        'message/rfc822',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'application/vnd.oasis.opendocument.text',
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
        'text/plain',
      ].map(sourceKind),
    ).toEqual(['pdf', 'png', 'jpeg', 'rendition', 'unsupported', 'rendition', 'rendition', 'rendition', 'rendition', 'unsupported']);
  });

  it('turns a PNG and a JPEG into one page whose pixels match the copy’s resolution, and the engine masks it', async () => {
    for (const format of ['png', 'jpeg'] as const) {
      const pdf = await imageAsPdf(picture(format), format);
      const doc = await nodeRedactionPlatform.getDocument({ ...nodeRedactionPlatform.documentOptions, data: pdf.slice() }).promise;
      try {
        expect(doc.numPages).toBe(1);
        const viewport = (await doc.getPage(1)).getViewport({ scale: IMAGE_DPI / 72 });
        expect([Math.round(viewport.width), Math.round(viewport.height)]).toEqual([300, 150]);
      } finally {
        await doc.destroy();
      }
      const masked = await redactPdf(
        pdf,
        { boxes: [{ page: 1, x: 0, y: 0, w: 20, h: 20, ground: 'OSL 21 kap. 3 §' }] },
        nodeRedactionPlatform,
      );
      expect(masked.pageCount).toBe(1);
    }
  });

  it('hands a PDF through unchanged and refuses other types and broken pictures with a specific error', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 …');
    expect(await redactableBytes(bytes, 'application/pdf')).toBe(bytes);
    await expect(redactableBytes(bytes, 'application/vnd.ms-outlook')).rejects.toMatchObject({ code: 'unsupported' });
    // A Word file's own bytes are never masked: the view opens the server's rendition instead.
    await expect(redactableBytes(bytes, 'application/vnd.oasis.opendocument.text')).rejects.toMatchObject({ code: 'unsupported' });
    await expect(redactableBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), 'image/png')).rejects.toBeInstanceOf(SourceFileError);
    await expect(redactableBytes(new Uint8Array([1, 2, 3]), 'image/jpeg')).rejects.toMatchObject({ code: 'unreadable-image' });
  });
});
