import type { Rect } from '../../../../../shared/src/redaction';

/**
 * The tool shows a page turned by a quarter turn at a time (view only: the marks and the output
 * stay in the page's own orientation) and zoomed. These map between the page (points, from the
 * top-left corner of the page as displayed) and the view (CSS pixels in the turned, zoomed page).
 */
export type ViewRotation = 0 | 90 | 180 | 270;

export function nextRotation(r: ViewRotation): ViewRotation {
  return ((r + 90) % 360) as ViewRotation;
}

/** The turned page's size in CSS pixels. */
export function viewSize(width: number, height: number, rotation: ViewRotation, zoom: number): { width: number; height: number } {
  const turned = rotation === 90 || rotation === 270;
  return { width: (turned ? height : width) * zoom, height: (turned ? width : height) * zoom };
}

/**
 * CSS transform for the unturned page layer (size width × height × zoom, transform-origin 0 0)
 * inside its turned box.
 */
export function viewTransform(width: number, height: number, rotation: ViewRotation, zoom: number): string {
  const w = width * zoom;
  const h = height * zoom;
  switch (rotation) {
    case 90:
      return `translate(${h}px, 0px) rotate(90deg)`;
    case 180:
      return `translate(${w}px, ${h}px) rotate(180deg)`;
    case 270:
      return `translate(0px, ${w}px) rotate(270deg)`;
    default:
      return 'none';
  }
}

/** A point of the view (CSS pixels from the turned box's top-left corner) → page points. */
export function viewToPage(
  x: number,
  y: number,
  width: number,
  height: number,
  rotation: ViewRotation,
  zoom: number,
): { x: number; y: number } {
  const X = x / zoom;
  const Y = y / zoom;
  switch (rotation) {
    case 90:
      return { x: Y, y: height - X };
    case 180:
      return { x: width - X, y: height - Y };
    case 270:
      return { x: width - Y, y: X };
    default:
      return { x: X, y: Y };
  }
}

/** The page rectangle spanned by two view points (a drag). */
export function dragRect(
  a: { x: number; y: number },
  b: { x: number; y: number },
  width: number,
  height: number,
  rotation: ViewRotation,
  zoom: number,
): Rect {
  const p = viewToPage(a.x, a.y, width, height, rotation, zoom);
  const q = viewToPage(b.x, b.y, width, height, rotation, zoom);
  return { x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), w: Math.abs(p.x - q.x), h: Math.abs(p.y - q.y) };
}

/** An arrow key's direction as the user sees it → the same direction on the unturned page. */
export function viewDeltaToPage(dx: number, dy: number, rotation: ViewRotation): { dx: number; dy: number } {
  switch (rotation) {
    case 90:
      return { dx: dy, dy: -dx };
    case 180:
      return { dx: -dx, dy: -dy };
    case 270:
      return { dx: -dy, dy: dx };
    default:
      return { dx, dy };
  }
}

export type BoxKeyAction =
  { kind: 'move'; dx: number; dy: number } | { kind: 'resize'; dw: number; dh: number } | { kind: 'remove' } | { kind: 'deselect' };

/** Points per arrow press; with Ctrl (or Cmd) a fine step. */
export const STEP = 5;
export const FINE_STEP = 1;

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * What a key does to the selected box: arrows move it (in the direction seen on screen), Shift +
 * arrows resize it (right/down grow, left/up shrink, as seen), Ctrl/Cmd makes the step fine,
 * Delete or Backspace removes it, Escape lets go of it.
 */
export function boxKeyAction(
  key: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean },
  rotation: ViewRotation,
): BoxKeyAction | null {
  if (key.key === 'Delete' || key.key === 'Backspace') return { kind: 'remove' };
  if (key.key === 'Escape') return { kind: 'deselect' };
  const arrow = ARROWS[key.key];
  if (!arrow || key.altKey) return null;
  const step = key.ctrlKey || key.metaKey ? FINE_STEP : STEP;
  if (!key.shiftKey) {
    const d = viewDeltaToPage(arrow[0] * step, arrow[1] * step, rotation);
    return { kind: 'move', dx: d.dx, dy: d.dy };
  }
  // Resizing as seen: turned 90° the box's width on screen is its height on the page.
  const turned = rotation === 90 || rotation === 270;
  const grow = arrow[0] !== 0 ? arrow[0] * step : arrow[1] * step;
  const horizontalOnScreen = arrow[0] !== 0;
  const widthOnPage = horizontalOnScreen !== turned;
  return widthOnPage ? { kind: 'resize', dw: grow, dh: 0 } : { kind: 'resize', dw: 0, dh: grow };
}

/** Where a new box drawn with the keyboard starts: centred on the page, a typical line of text. */
export function keyboardBox(width: number, height: number): Rect {
  const w = Math.min(120, width);
  const h = Math.min(16, height);
  return { x: (width - w) / 2, y: (height - h) / 2, w, h };
}

/** Zoom steps offered by the tool. */
export const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

export function zoomIn(z: number): number {
  return ZOOMS.find((s) => s > z + 1e-9) ?? ZOOMS[ZOOMS.length - 1]!;
}

export function zoomOut(z: number): number {
  return [...ZOOMS].reverse().find((s) => s < z - 1e-9) ?? ZOOMS[0];
}
