/**
 * Whether a finger (or mouse button) is down right now. A tap outside a field blurs it on the
 * press, which closes the on-screen keyboard; if the page shifted back at that moment the button
 * under the finger would move away before the release, and the tap would be lost.
 */
let pressed = false;

if (typeof window !== 'undefined') {
  window.addEventListener('mousedown', () => (pressed = true), { capture: true });
  window.addEventListener('mouseup', () => (pressed = false), { capture: true });
}

/**
 * Runs `change` now, or, during a press, right after its release: the release has been aimed
 * by then, and the click goes to what was pressed.
 */
export function afterPress(change: () => void): void {
  if (!pressed) {
    change();
    return;
  }
  window.addEventListener('mouseup', () => queueMicrotask(change), {
    once: true,
    capture: true,
  });
}
