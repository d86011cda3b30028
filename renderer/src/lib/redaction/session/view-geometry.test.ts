import { describe, expect, it } from 'vitest';
import {
  boxKeyAction,
  dragRect,
  keyboardBox,
  nextRotation,
  viewDeltaToPage,
  viewSize,
  viewToPage,
  zoomIn,
  zoomOut,
  type ViewRotation,
} from './view-geometry';

const W = 595;
const H = 842;

/** Where a page point appears in the view: the transforms of viewTransform applied by hand. */
function pageToView(x: number, y: number, r: ViewRotation, z: number): { x: number; y: number } {
  const [px, py] = [x * z, y * z];
  if (r === 90) return { x: H * z - py, y: px };
  if (r === 180) return { x: W * z - px, y: H * z - py };
  if (r === 270) return { x: py, y: W * z - px };
  return { x: px, y: py };
}

describe('the turned and zoomed view', () => {
  it('maps view points back to the page for every quarter turn', () => {
    for (const r of [0, 90, 180, 270] as const) {
      for (const z of [0.5, 1, 2]) {
        const v = pageToView(100, 200, r, z);
        const p = viewToPage(v.x, v.y, W, H, r, z);
        expect(p.x).toBeCloseTo(100);
        expect(p.y).toBeCloseTo(200);
      }
    }
    expect(viewSize(W, H, 90, 2)).toEqual({ width: H * 2, height: W * 2 });
    expect(viewSize(W, H, 180, 1)).toEqual({ width: W, height: H });
    expect([0, 90, 180, 270].map((r) => nextRotation(r as ViewRotation))).toEqual([90, 180, 270, 0]);
  });

  it('turns a drag in the view into a page rectangle', () => {
    const a = pageToView(100, 200, 90, 1.5);
    const b = pageToView(300, 230, 90, 1.5);
    const r = dragRect(a, b, W, H, 90, 1.5);
    expect([r.x, r.y, r.w, r.h].map((n) => Math.round(n * 1000) / 1000)).toEqual([100, 200, 200, 30]);
  });

  it('moves a box in the direction the user sees', () => {
    for (const r of [0, 90, 180, 270] as const) {
      // One step right on screen, mapped to the page and shown again, is one step right on screen.
      const d = viewDeltaToPage(5, 0, r);
      const before = pageToView(100, 100, r, 1);
      const after = pageToView(100 + d.dx, 100 + d.dy, r, 1);
      expect([after.x - before.x, after.y - before.y].map((n) => Math.round(n))).toEqual([5, 0]);
    }
  });

  it('reads the keys of a selected box', () => {
    const k = (key: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
      key,
      shiftKey: false,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      ...mods,
    });
    expect(boxKeyAction(k('ArrowRight'), 0)).toEqual({ kind: 'move', dx: 5, dy: 0 });
    expect(boxKeyAction(k('ArrowUp', { ctrlKey: true }), 0)).toEqual({ kind: 'move', dx: 0, dy: -1 });
    expect(boxKeyAction(k('ArrowRight', { shiftKey: true }), 0)).toEqual({ kind: 'resize', dw: 5, dh: 0 });
    expect(boxKeyAction(k('ArrowUp', { shiftKey: true }), 0)).toEqual({ kind: 'resize', dw: 0, dh: -5 });
    // Turned a quarter, the width on screen is the height on the page.
    expect(boxKeyAction(k('ArrowRight', { shiftKey: true }), 90)).toEqual({ kind: 'resize', dw: 0, dh: 5 });
    expect(boxKeyAction(k('Delete'), 0)).toEqual({ kind: 'remove' });
    expect(boxKeyAction(k('Backspace'), 0)).toEqual({ kind: 'remove' });
    expect(boxKeyAction(k('Escape'), 0)).toEqual({ kind: 'deselect' });
    // Alt+arrow is the browser's back and forward.
    expect(boxKeyAction(k('ArrowLeft', { altKey: true }), 0)).toBeNull();
    expect(boxKeyAction(k('a'), 0)).toBeNull();
  });

  it('starts a keyboard box in the middle of the page and steps the zoom', () => {
    expect(keyboardBox(W, H)).toEqual({ x: (W - 120) / 2, y: (H - 16) / 2, w: 120, h: 16 });
    expect(keyboardBox(50, 10)).toEqual({ x: 0, y: 0, w: 50, h: 10 });
    expect([zoomIn(1), zoomIn(1.1), zoomIn(3), zoomOut(1), zoomOut(0.5)]).toEqual([1.25, 1.25, 3, 0.75, 0.5]);
  });
});
