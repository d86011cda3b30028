/** Where signature boxes go on the signature page (A4, points): two columns, five rows. */
export const PAGE_SIZE: [number, number] = [595.28, 841.89];
export const PAGE_MARKER = 'DiariumSignaturePage';
export const BOX = { width: 250, height: 100 } as const;
const LEFT = 40;
const TOP = 700;
const GAP = 15;
const COLUMNS = 2;
export const SLOTS = 10;

/** [x1, y1, x2, y2] of box `slot` (0-based), filled left to right, top to bottom. */
export function slotRect(slot: number): [number, number, number, number] {
  if (!Number.isInteger(slot) || slot < 0 || slot >= SLOTS) throw new RangeError(`no signature box ${slot}`);
  const x = LEFT + (slot % COLUMNS) * (BOX.width + GAP);
  const top = TOP - Math.floor(slot / COLUMNS) * (BOX.height + GAP);
  return [x, top - BOX.height, x + BOX.width, top];
}
