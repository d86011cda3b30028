import { describe, expect, it } from 'vitest';
import { fileProblem, mediaTypeOf } from './files';

describe('mediaTypeOf', () => {
  it('takes the formats of files v1 by their extension when the browser names no type', () => {
    expect(mediaTypeOf({ name: 'Bilder.PPTX', type: '' })).toBe(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
    expect(mediaTypeOf({ name: 'beslut.odt', type: '' })).toBe('application/vnd.oasis.opendocument.text');
    expect(mediaTypeOf({ name: 'kalkyl.ods', type: '' })).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(mediaTypeOf({ name: 'bilder.odp', type: '' })).toBe('application/vnd.oasis.opendocument.presentation');
    expect(mediaTypeOf({ name: 'lista.csv', type: 'application/vnd.ms-excel' })).toBe('text/csv');
    expect(mediaTypeOf({ name: 'anteckning', type: 'text/plain' })).toBe('text/plain');
  });

  it('still refuses what the server does not take, in Swedish', () => {
    expect(mediaTypeOf({ name: 'gammal.doc', type: 'application/msword' })).toBeNull();
    expect(fileProblem({ name: 'gammal.doc', type: '', size: 10 })).toContain('filtypen stöds inte');
  });
});
