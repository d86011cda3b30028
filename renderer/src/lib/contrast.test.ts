import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHexColour, relativeLuminance } from './contrast';

describe('contrastRatio', () => {
  it('gives the known ratios of WCAG pairs', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBe(1);
    // The classic limit cases: #767676 is the lightest grey passing 4.5:1 on white, #777777 just fails.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    // The defects of issue 16: white on the blue the key label's tint gave the top bar's button
    // (axe-core reports 3.57, cut to two decimals)…
    expect(contrastRatio('#ffffff', '#4e89d6')).toBeCloseTo(3.58, 2);
    // …and the amber focus ring on white, 2:1.
    expect(contrastRatio('#f2a900', '#ffffff')).toBeCloseTo(2.01, 2);
  });

  it('does not depend on the order of the colours and reads short hex', () => {
    expect(contrastRatio('#1f5fae', '#fff')).toBe(contrastRatio('#ffffff', '#1f5fae'));
    expect(parseHexColour('#abc')).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc });
    expect(relativeLuminance(parseHexColour('#808080'))).toBeCloseTo(0.2159, 4);
  });

  it('refuses what is not an opaque hex colour', () => {
    for (const bad of ['red', '#12345', 'rgba(0,0,0,0.5)', '#ffffff80', ''])
      expect(() => parseHexColour(bad), bad).toThrow(/not an opaque hex colour/);
  });
});
