import { tick } from 'svelte';
import { on } from 'svelte/events';

/** After a refused save: the first field in error (in the form's order) gets the focus, once the errors are shown. */
export async function focusFirstError(
  form: HTMLElement | undefined,
  errors: Partial<Record<string, unknown>>,
  order: readonly string[],
): Promise<void> {
  const field = order.find((f) => errors[f]) ?? Object.keys(errors)[0];
  await tick();
  form?.querySelector<HTMLElement>(`[data-field="${field}"]`)?.focus();
}

/**
 * Focuses the element matching `selector` as soon as it is on the page (a new record's controls
 * appear once the replica's query answers), giving up after `timeoutMs`.
 */
export function focusWhenShown(selector: string, timeoutMs = 3000): void {
  const found = () => document.querySelector<HTMLElement>(selector);
  const now = found();
  if (now) {
    now.focus();
    return;
  }
  const observer = new MutationObserver(() => {
    const el = found();
    if (!el) return;
    stop();
    el.focus();
  });
  const timer = setTimeout(() => stop(), timeoutMs);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { childList: true, subtree: true });
}

/**
 * After a view change: the new view's heading gets the focus once it is on the page (a record's
 * view shows it when the replica answers), so a screen reader says where the user is and Tab
 * goes on from the top of the view. A view that has put the focus somewhere inside `main` itself,
 * or an open dialog, keeps it. Returns a function that stops waiting.
 */
export function focusViewHeading(main: HTMLElement, timeoutMs = 10_000): () => void {
  const tryFocus = (): boolean => {
    const heading = main.querySelector<HTMLElement>('h1');
    if (!heading) return false;
    const active = document.activeElement;
    const placed = active instanceof HTMLElement && active !== main && (main.contains(active) || active.closest('dialog'));
    if (!placed) {
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
    }
    return true;
  };
  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = setTimeout(() => stop(), timeoutMs);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(main, { childList: true, subtree: true });
  return stop;
}

const FIELD = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)';

/** The last two elements that had the focus, newest first. */
const recentlyFocused: HTMLElement[] = [];
if (typeof document !== 'undefined') {
  document.addEventListener(
    'focusin',
    (e) => {
      if (!(e.target instanceof HTMLElement)) return;
      recentlyFocused.unshift(e.target);
      recentlyFocused.length = Math.min(recentlyFocused.length, 2);
    },
    true,
  );
}

/**
 * Svelte action for inline forms (`use:inlineForm={cancel}`):
 * - when the form opens, the focus goes to its first field, unless the form placed it inside;
 * - Esc cancels, as the footer says. A combobox that closes its own list with Esc consumes the key
 *   first (combobox-keys.ts; `on` keeps Svelte's order of handlers), and the key goes no further,
 *   so a dialog around the form stays open;
 * - when the form goes (saved or cancelled) and the focus with it, the focus returns to what had it
 *   when the form opened: that control, or the one drawn again in its place (a button hidden while
 *   its form is open comes back as a new element).
 */
export function inlineForm(node: HTMLElement, cancel: () => void): { update(next: () => void): void; destroy(): void } {
  let current = cancel;
  // Not document.activeElement: a button replaced by its form has left the page (the focus is on
  // the body) before the form is there.
  const opener = recentlyFocused.find((el) => !node.contains(el)) ?? null;
  // Where a redrawn opener is looked for: around the form, never in a view that replaced it.
  const around = node.parentElement;
  const onKey = (e: Event) => {
    if (!(e instanceof KeyboardEvent) || e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    e.stopPropagation();
    current();
  };
  const off = on(node, 'keydown', onKey);
  void tick().then(() => {
    if (!node.contains(document.activeElement)) node.querySelector<HTMLElement>(FIELD)?.focus();
  });
  return {
    update: (next) => (current = next),
    destroy: () => {
      off();
      void tick().then(() => {
        const active = document.activeElement;
        if (active && active !== document.body) return;
        if (opener?.isConnected) opener.focus();
        else if (opener && around?.isConnected) redrawn(opener, around)?.focus();
      });
    },
  };
}

/** The control in `scope` that looks like `gone` to its user: same kind, same name. */
function redrawn(gone: HTMLElement, scope: HTMLElement): HTMLElement | null {
  const name = (el: Element) => `${el.getAttribute('aria-label') ?? ''}|${el.textContent?.trim() ?? ''}`;
  const wanted = name(gone);
  return [...scope.querySelectorAll<HTMLElement>(gone.tagName)].find((el) => name(el) === wanted) ?? null;
}
