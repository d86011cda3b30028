// TEMP until meeting-rules is merged (shared/src/rules/meetings ordinalBetween).
export function ordinalBetween(prev?: number, next?: number): number {
  if (prev === undefined && next === undefined) return 0;
  if (prev === undefined) return next! - 10;
  if (next === undefined) return prev + 10;
  return (prev + next) / 2;
}
export function orderAgenda<T extends { ordinal: number; id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.ordinal - b.ordinal || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
