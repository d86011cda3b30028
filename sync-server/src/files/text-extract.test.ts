import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ExtractionError, MAX_INFLATED_BYTES, MAX_TEXT_CHARS, extractText, plainText, xmlText } from './text-extract';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const ODT = 'application/vnd.oasis.opendocument.text';
const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
const ODP = 'application/vnd.oasis.opendocument.presentation';

/** An OpenDocument package as office suites write it: mimetype first, stored, then the parts. */
const odf = (type: string, content: string) =>
  zipSync({ mimetype: [strToU8(type), { level: 0 }], 'content.xml': strToU8(content), 'styles.xml': strToU8('<s>Stilnamn</s>') });

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

  it('reads the slides and speaker notes of a PPTX, not its layouts', async () => {
    const pptx = zipSync({
      'ppt/slides/slide1.xml': strToU8(
        '<p:sld><a:p><a:r><a:t>Budget</a:t></a:r><a:r><a:t>förslag</a:t></a:r></a:p><a:p><a:t>Väg</a:t><a:br/><a:t>bro</a:t></a:p></p:sld>',
      ),
      'ppt/slides/slide12.xml': strToU8('<p:sld><a:p><a:t>Sista &amp; bilden</a:t></a:p></p:sld>'),
      'ppt/notesSlides/notesSlide1.xml': strToU8('<p:notes><a:p><a:t>Talarnotis</a:t></a:p></p:notes>'),
      'ppt/slideLayouts/slideLayout1.xml': strToU8('<a:p><a:t>Rubrikmall</a:t></a:p>'),
    });
    const text = await extractText(pptx, PPTX);
    expect(text.split(/\s+/).filter(Boolean).sort()).toEqual(['&', 'Budgetförslag', 'Sista', 'Talarnotis', 'Väg', 'bilden', 'bro']);
  });

  it('reads content.xml of an ODT, ODS and ODP: paragraphs, headings, cells, tabs and spaces apart, spans joined', async () => {
    const odt = odf(
      ODT,
      '<office:text><text:h>Beslut</text:h><text:p>Bygg<text:span>lov</text:span><text:tab/>beviljas<text:s text:c="2"/>nu<text:line-break/>Åsa</text:p></office:text>',
    );
    expect(await extractText(odt, ODT)).toBe('Beslut Bygglov beviljas nu Åsa ');
    const ods = odf(
      ODS,
      '<table:table><table:table-row><table:table-cell><text:p>Kostnad</text:p></table:table-cell><table:table-cell><text:p>1200</text:p></table:table-cell></table:table-row></table:table>',
    );
    expect((await extractText(ods, ODS)).split(/\s+/).filter(Boolean)).toEqual(['Kostnad', '1200']);
    const odp = odf(
      ODP,
      '<draw:page><draw:frame><text:p>Översikt</text:p></draw:frame><presentation:notes><text:p>Anteckning</text:p></presentation:notes></draw:page>',
    );
    expect((await extractText(odp, ODP)).split(/\s+/).filter(Boolean)).toEqual(['Översikt', 'Anteckning']);
  });

  it('refuses an OpenDocument file without content.xml and one that is not a zip', async () => {
    await expect(extractText(zipSync({ mimetype: strToU8(ODT), 'styles.xml': strToU8('<s/>') }), ODT)).rejects.toBeInstanceOf(
      ExtractionError,
    );
    await expect(extractText(odf(ODT, '<text:p>Hej</text:p>').subarray(0, 40), ODT)).rejects.toThrow();
  });

  it('reads CSV and plain text as UTF-8 (byte order mark dropped) or else Windows-1252', async () => {
    expect(await extractText(strToU8('\uFEFFNamn;Ort\nÅsa;Växjö\n'), 'text/csv')).toBe('Namn;Ort\nÅsa;Växjö\n');
    // "Årsredovisning – Ärende" as Windows-1252 (Å C5, – 96, Ä C4): not UTF-8.
    const cp1252 = new Uint8Array([0xc5, ...strToU8('rsredovisning '), 0x96, 0x20, 0xc4, ...strToU8('rende')]);
    expect(await extractText(cp1252, 'text/plain')).toBe('Årsredovisning – Ärende');
    // A character cut at the length cap is not taken for Windows-1252.
    const long = strToU8('å'.repeat(MAX_TEXT_CHARS * 3));
    const text = plainText(long);
    expect(text.length).toBe(MAX_TEXT_CHARS);
    expect(new Set(text)).toEqual(new Set(['å']));
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
