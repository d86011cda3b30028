import { describe, expect, it } from 'vitest';
import { RENDITION_MEDIA_TYPES } from '../../../shared/src/protocol/pdf-rendition';
import { conversionFormat, convertToArgument } from './formats';

describe('conversionFormat', () => {
  it('opens text documents in Writer, spreadsheets in Calc, presentations in Impress, and pictures on a Writer page', () => {
    expect(conversionFormat('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toEqual({
      app: 'writer',
      extension: 'docx',
    });
    expect(conversionFormat('application/vnd.oasis.opendocument.spreadsheet')).toEqual({ app: 'calc', extension: 'ods' });
    expect(conversionFormat('application/vnd.openxmlformats-officedocument.presentationml.presentation')).toEqual({
      app: 'impress',
      extension: 'pptx',
    });
    expect(conversionFormat('image/tiff')).toEqual({ app: 'image', mimeType: 'image/tiff' });
  });

  it('converts every type the client asks a rendition of', () => {
    for (const type of RENDITION_MEDIA_TYPES) expect(conversionFormat(type)).not.toBeNull();
  });

  it('has nothing for PDF, mail, text, or inherited keys', () => {
    for (const type of ['application/pdf', 'message/rfc822', 'text/plain', 'constructor', '__proto__'])
      expect(conversionFormat(type)).toBeNull();
  });
});

describe('convertToArgument', () => {
  it("asks each application's own export filter for PDF/A-2", () => {
    expect(convertToArgument({ app: 'writer', extension: 'odt' })).toBe(
      'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}',
    );
    expect(convertToArgument({ app: 'calc', extension: 'xlsx' })).toBe(
      'pdf:calc_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}',
    );
    expect(convertToArgument({ app: 'impress', extension: 'pptx' })).toBe(
      'pdf:impress_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}',
    );
  });

  it('keeps a picture lossless and at full resolution', () => {
    const arg = convertToArgument({ app: 'image', mimeType: 'image/png' });
    expect(arg.startsWith('pdf:writer_pdf_Export:')).toBe(true);
    expect(JSON.parse(arg.slice('pdf:writer_pdf_Export:'.length))).toEqual({
      SelectPdfVersion: { type: 'long', value: '2' },
      UseLosslessCompression: { type: 'boolean', value: 'true' },
      ReduceImageResolution: { type: 'boolean', value: 'false' },
    });
  });
});
