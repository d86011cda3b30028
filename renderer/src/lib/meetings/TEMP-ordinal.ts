// TEMP until meeting-rules is merged (shared/src/rules/meetings ordinalBetween).
export function ordinalBetween(prev?: number, next?: number): number {
  if (prev === undefined && next === undefined) return 0;
  if (prev === undefined) return next! - 10;
  if (next === undefined) return prev + 10;
  return (prev + next) / 2;
}
