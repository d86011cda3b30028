/**
 * The theme's colour pairs meet WCAG 2.1 AA: the focus ring is 3:1 against every surface it is
 * drawn on (1.4.11), and the key labels on the blue buttons 4.5:1 (1.4.3). Read from app.css
 * itself, so a changed token is checked as it ships.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast';

const css = readFileSync(new URL('../app.css', import.meta.url), 'utf8');

/** The custom properties of the stylesheet's :root rule. */
function rootTokens(): Map<string, string> {
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1];
  if (!root) throw new Error('app.css has no :root rule');
  const withoutComments = root.replace(/\/\*[\s\S]*?\*\//g, '');
  return new Map([...withoutComments.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const tokens = rootTokens();
const colour = (name: string): string => {
  const value = tokens.get(name);
  if (!value) throw new Error(`app.css :root has no ${name}`);
  return value;
};

/** Where controls stand (the ring is drawn just outside them, or inset on a list's own surface). */
const LIGHT_SURFACES = ['--bg', '--panel', '--accent-soft', '--warn-soft', '--danger-soft', '--ok-soft'];
const DARK_SURFACES = ['--topbar', '--topbar-raised', '--topbar-current'];

describe('theme contrast', () => {
  it.each(LIGHT_SURFACES)('the focus ring is at least 3:1 on %s', (surface) => {
    expect(contrastRatio(colour('--focus'), colour(surface))).toBeGreaterThanOrEqual(3);
  });

  it.each(DARK_SURFACES)('the focus ring in the top bar is at least 3:1 on %s', (surface) => {
    expect(contrastRatio(colour('--focus-on-dark'), colour(surface))).toBeGreaterThanOrEqual(3);
  });

  it('the top bar swaps in its own ring colour', () => {
    expect(/\.topbar\s*\{[^}]*--focus:\s*var\(--focus-on-dark\)/.test(css)).toBe(true);
  });

  it.each(['--accent', '--topbar-accent'])('white text and key labels are at least 4.5:1 on the blue of %s', (blue) => {
    expect(contrastRatio('#ffffff', colour(blue))).toBeGreaterThanOrEqual(4.5);
    // The label has no tint of its own that would lighten the blue behind it.
    expect(/button\.primary kbd\s*\{[^}]*background:\s*transparent/.test(css)).toBe(true);
  });
});
