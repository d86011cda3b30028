/** The reader's page viewer, its pure parts: page bounds, zoom steps and drawn highlight areas. */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

export function clampPage(n: number, count: number): number {
  if (!Number.isFinite(n)) return 1;
  return Math.min(Math.max(1, Math.round(n)), Math.max(1, count));
}

/** The next zoom step up (1) or down (-1) from the current scale. */
export function nextZoom(current: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > current + 1e-9) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
  return [...ZOOM_STEPS].reverse().find((z) => z < current - 1e-9) ?? ZOOM_STEPS[0];
}

/** Smaller than this (PDF units) is a tap, not a highlight. */
const MIN_SIDE = 4;

/** A drag from (x0, y0) to (x1, y1) as a rectangle inside the page, or null for a tap. */
export function normalRect(
  d: { x0: number; y0: number; x1: number; y1: number },
  page: { width: number; height: number },
): { x: number; y: number; w: number; h: number } | null {
  const clampX = (v: number) => Math.min(Math.max(0, v), page.width);
  const clampY = (v: number) => Math.min(Math.max(0, v), page.height);
  const x = clampX(Math.min(d.x0, d.x1));
  const y = clampY(Math.min(d.y0, d.y1));
  const w = clampX(Math.max(d.x0, d.x1)) - x;
  const h = clampY(Math.max(d.y0, d.y1)) - y;
  return w < MIN_SIDE || h < MIN_SIDE ? null : { x, y, w, h };
}

/** The largest zoom step at which a page `pageWidth` wide fits `available` pixels (at least the smallest step). */
export function fitZoom(available: number, pageWidth: number): number {
  if (!(available > 0) || !(pageWidth > 0)) return 1;
  return [...ZOOM_STEPS].reverse().find((z) => z * pageWidth <= available) ?? ZOOM_STEPS[0];
}
