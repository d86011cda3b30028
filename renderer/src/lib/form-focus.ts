import { tick } from 'svelte';

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
