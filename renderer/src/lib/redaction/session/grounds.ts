import { DEFAULT_SUGGESTION_GROUND } from '../../../../../shared/src/model/redaction';
import type { LegalGroundOption } from '../../../../../shared/src/model/restriction';
import type { MarkState } from './marks';

/**
 * The ground new masks get until the user picks another: the document's own restriction ground
 * when the register lists it (what made the document secret is the likeliest reason to mask in
 * it), else the engine's ground for suggestions when listed, else the register's first ground.
 * A register without a list falls back to the engine's ground.
 */
export function defaultGround(options: readonly LegalGroundOption[], documentGround: string): string {
  const listed = (code: string) => code !== '' && options.some((o) => o.code === code);
  if (listed(documentGround)) return documentGround;
  if (listed(DEFAULT_SUGGESTION_GROUND)) return DEFAULT_SUGGESTION_GROUND;
  return options[0]?.code ?? DEFAULT_SUGGESTION_GROUND;
}

/**
 * The grounds to choose from: the register's list, then any ground a saved draft uses that the
 * list no longer has (so opening an older draft never silently changes a ground).
 */
export function groundChoices(options: readonly LegalGroundOption[], state: MarkState, current: string): LegalGroundOption[] {
  const out = [...options];
  const seen = new Set(options.map((o) => o.code));
  for (const code of [current, ...state.marks.map((m) => m.ground), ...state.terms.map((t) => t.ground)]) {
    if (code && !seen.has(code)) {
      seen.add(code);
      out.push({ code, text: '' });
    }
  }
  return out;
}
