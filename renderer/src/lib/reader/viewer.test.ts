import { describe, expect, it } from 'vitest';
import { clampPage, fitZoom, nextZoom, normalRect } from './viewer';

describe('the reader’s page viewer', () => {
  it('keeps the page within the document', () => {
    expect([0, 1, 7, 12, Number.NaN, 3.6].map((n) => clampPage(n, 12))).toEqual([1, 1, 7, 12, 1, 4]);
    expect(clampPage(5, 0)).toBe(1);
  });

  it('zooms in and out by steps and stops at the ends', () => {
    expect(nextZoom(1, 1)).toBe(1.25);
    expect(nextZoom(1, -1)).toBe(0.75);
    expect(nextZoom(1.1, -1)).toBe(1);
    expect(nextZoom(3, 1)).toBe(3);
    expect(nextZoom(0.5, -1)).toBe(0.5);
  });

  it('a drag in any direction is a rectangle inside the page; a tap is nothing', () => {
    const page = { width: 595, height: 842 };
    expect(normalRect({ x0: 300, y0: 200, x1: 100, y1: 100 }, page)).toEqual({ x: 100, y: 100, w: 200, h: 100 });
    expect(normalRect({ x0: 500, y0: 800, x1: 700, y1: 900 }, page)).toEqual({ x: 500, y: 800, w: 95, h: 42 });
    expect(normalRect({ x0: 10, y0: 10, x1: 12, y1: 40 }, page)).toBeNull();
  });

  it('opens at the largest step that fits the width (a tablet in portrait, in landscape, a phone)', () => {
    expect(fitZoom(720, 595)).toBe(1);
    expect(fitZoom(760, 595)).toBe(1.25);
    expect(fitZoom(300, 595)).toBe(0.5);
    expect(fitZoom(0, 595)).toBe(1);
  });
});
