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
