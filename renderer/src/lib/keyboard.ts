/**
 * Global keyboard shortcuts. Alt+letter combinations were chosen so that they collide neither
 * with Chromium (Alt+D, Alt+E, Alt+F) nor with the menu mnemonics of Electron's default menu
 * (File, Edit, View, Window, Help: Alt+F/E/V/W/H). Letters are read from `event.code`, so the
 * keyboard layout (and macOS Option characters) do not matter.
 */
export type ShortcutId = 'newCase' | 'newDocument' | 'newFreeDocument' | 'register' | 'qa' | 'search';

export interface Shortcut {
  id: ShortcutId;
  /** As shown to the user and in aria-keyshortcuts. */
  keys: string;
  matches(e: KeyboardEvent): boolean;
}

const alt = (code: string) => (e: KeyboardEvent) => e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === code;

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'newCase', keys: 'Alt+N', matches: alt('KeyN') },
  { id: 'newDocument', keys: 'Alt+I', matches: alt('KeyI') },
  { id: 'newFreeDocument', keys: 'Alt+L', matches: alt('KeyL') },
  { id: 'register', keys: 'Alt+R', matches: alt('KeyR') },
  { id: 'qa', keys: 'Alt+K', matches: alt('KeyK') },
  {
    id: 'search',
    keys: '/',
    // Only outside text fields, where "/" is a character to type.
    matches: (e) => e.key === '/' && !e.ctrlKey && !e.altKey && !e.metaKey && !isTextTarget(e.target),
  },
];

export function shortcutKeys(id: ShortcutId): string {
  return SHORTCUTS.find((s) => s.id === id)!.keys;
}

export function findShortcut(e: KeyboardEvent): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.matches(e));
}

export function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file'].includes(target.type);
  return false;
}

/** Ctrl+Enter (Cmd+Enter on macOS) saves a form. */
export function isSaveKey(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey;
}
