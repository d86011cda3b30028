/** What a key does to a combobox's listbox; the component applies it to its own state. */
export type ComboboxAction =
  { kind: 'highlight'; active: number; open: boolean } | { kind: 'choose'; index: number } | { kind: 'close' } | { kind: 'none' };

/**
 * The keyboard of an ARIA 1.2 combobox with a listbox: the arrow keys move the highlight
 * (ArrowDown opens a closed list where `opensOnArrow`), Enter chooses the highlighted option (Ctrl/Cmd+Enter is left
 * to the form, which saves with it), Escape closes the list without closing a dialog around it.
 * The browser's own handling of a key used here is prevented.
 */
export function comboboxKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'preventDefault' | 'stopPropagation'>,
  list: { open: boolean; active: number; count: number; opensOnArrow: boolean },
): ComboboxAction {
  switch (e.key) {
    case 'ArrowDown':
      e.preventDefault();
      if (list.open) return { kind: 'highlight', active: Math.max(0, Math.min(list.count - 1, list.active + 1)), open: true };
      return list.opensOnArrow ? { kind: 'highlight', active: 0, open: true } : { kind: 'highlight', active: list.active, open: false };
    case 'ArrowUp':
      e.preventDefault();
      return { kind: 'highlight', active: list.open ? Math.max(0, list.active - 1) : list.active, open: list.open };
    case 'Enter':
      if (!list.open || e.ctrlKey || e.metaKey) return { kind: 'none' };
      e.preventDefault();
      return list.active < list.count ? { kind: 'choose', index: list.active } : { kind: 'none' };
    case 'Escape':
      if (!list.open) return { kind: 'none' };
      e.preventDefault();
      e.stopPropagation();
      return { kind: 'close' };
    default:
      return { kind: 'none' };
  }
}
