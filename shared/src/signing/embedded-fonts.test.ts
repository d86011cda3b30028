import { describe, expect, it } from 'vitest';
import { subsetTag } from './embedded-fonts';

describe('subsetTag', () => {
  it('is six capital letters, the same for the same font and characters in any order or repetition', () => {
    expect(subsetTag('LiberationSans', 'Åsa Öberg')).toMatch(/^[A-Z]{6}$/);
    expect(subsetTag('LiberationSans', 'Åsa Öberg')).toBe(subsetTag('LiberationSans', 'grebÖ aÅs s'));
  });

  it('differs for other characters or another font', () => {
    const tags = new Set([
      subsetTag('LiberationSans', 'Åsa Öberg'),
      subsetTag('LiberationSans', 'Bengt Lind'),
      subsetTag('LiberationSans-Bold', 'Åsa Öberg'),
      subsetTag('LiberationSans', ''),
    ]);
    expect(tags.size).toBe(4);
  });
});
