import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { officeFileProblem } from './office-check';

const ODT = 'application/vnd.oasis.opendocument.text';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const odt = zipSync({ mimetype: [strToU8(ODT), { level: 0 }], 'content.xml': strToU8('<text:p>Beslut</text:p>') });

describe('officeFileProblem', () => {
  it('passes an ODT and a PPTX holding their text parts', () => {
    expect(officeFileProblem(odt, ODT)).toBeNull();
    expect(officeFileProblem(zipSync({ 'ppt/slides/slide1.xml': strToU8('<a:t>x</a:t>') }), PPTX)).toBeNull();
  });

  it('names a cut-off package and one without its text part', () => {
    expect(officeFileProblem(odt.subarray(0, odt.length - 30), ODT)).toMatch(/^not a readable zip package/);
    expect(officeFileProblem(zipSync({ mimetype: strToU8(ODT), 'styles.xml': strToU8('<s/>') }), ODT)).toBe(
      'the package has no part holding its text',
    );
    expect(officeFileProblem(zipSync({ 'ppt/presentation.xml': strToU8('<p/>') }), PPTX)).toBe('the package has no part holding its text');
  });

  it('leaves the formats it does not check alone', () => {
    expect(officeFileProblem(strToU8('Namn;Ort'), 'text/csv')).toBeNull();
    expect(officeFileProblem(strToU8('not a zip'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBeNull();
  });
});
