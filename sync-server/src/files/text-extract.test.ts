import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ExtractionError, MAX_INFLATED_BYTES, extractText, xmlText } from './text-extract';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('extractText', () => {
  it('joins runs of a paragraph, separates paragraphs and decodes entities', () => {
    expect(xmlText(['<w:p><w:r><w:t>Bygg</w:t></w:r><w:r><w:t>lov</w:t></w:r></w:p><w:p><w:t>&amp; &#229;&#xE4;</w:t></w:p>'])).toBe(
      'Bygglov & åä ',
    );
  });

  it('reads the text parts of a DOCX and of an XLSX, and nothing else', async () => {
    const docx = zipSync({ 'word/document.xml': strToU8('<w:p><w:t>Beslut</w:t></w:p>'), 'word/styles.xml': strToU8('<x>Stil</x>') });
    expect(await extractText(docx, DOCX)).toBe('Beslut ');
    const xlsx = zipSync({ 'xl/sharedStrings.xml': strToU8('<si><t>Kostnad</t></si><si><t>Väg</t></si>') });
    expect(await extractText(xlsx, XLSX)).toBe('Kostnad Väg ');
    expect(await extractText(new Uint8Array([0xff, 0xd8]), 'image/jpeg')).toBe('');
  });

  it('stops inflating a zip bomb at the cap', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(MAX_INFLATED_BYTES * 4).fill(0x61) });
    await expect(extractText(bomb, DOCX)).rejects.toBeInstanceOf(ExtractionError);
  });

  it('refuses an office file without text parts and a corrupt PDF', async () => {
    await expect(extractText(zipSync({ 'a.txt': strToU8('x') }), DOCX)).rejects.toBeInstanceOf(ExtractionError);
    await expect(extractText(strToU8('%PDF-1.7\ntrasig'), 'application/pdf')).rejects.toThrow();
  });
});
