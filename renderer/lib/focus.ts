import { tick } from 'svelte';

/**
 * Moves the focus to a form field by its name once the screen has updated (a refusal may have
 * brought back an earlier step): the customer lands on what needs fixing, a screen reader reads
 * its label and message, and the on-screen keyboard opens for it.
 */
export async function focusField(name: string | null): Promise<void> {
  if (name === null) return;
  await tick();
  document.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.focus();
}
