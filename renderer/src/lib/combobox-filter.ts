/** One choice of a combobox: what it stores, what it says, and more words it can be found by. */
export interface ComboOption {
  value: string;
  label: string;
  hint?: string;
}

const sv = new Intl.Collator('sv', { sensitivity: 'base' });

function startsWith(word: string, prefix: string): boolean {
  return word.length >= prefix.length && sv.compare(word.slice(0, prefix.length), prefix) === 0;
}

/**
 * The options whose label or hint has, for every typed word, a word starting with it, compared
 * the Swedish way: case and accents such as é ignored, but å, ä and ö letters of their own
 * ("öb" finds "Öberg", "ob" does not). The options keep their order.
 */
export function filterOptions<T extends ComboOption>(options: readonly T[], query: string): T[] {
  const typed = query.trim().split(/\s+/).filter(Boolean);
  if (typed.length === 0) return [...options];
  return options.filter((o) => {
    const words = `${o.label} ${o.hint ?? ''}`.split(/[\s,.;:()–-]+/).filter(Boolean);
    return typed.every((q) => words.some((w) => startsWith(w, q)));
  });
}
