import type { Input, WebContents } from 'electron';

/** Ctrl combinations a text field needs; every other one is a browser or window command. */
const editingKeys = new Set(['a', 'c', 'v', 'x', 'z', 'y']);

/** Alt combinations that move through history. */
const historyKeys = new Set(['arrowleft', 'arrowright', 'home']);

/** Keys that are commands on their own (reload, zoom, back) on some keyboards. */
const commandKeys = new Set([
  'browserback',
  'browserforward',
  'browserrefresh',
  'browserhome',
  'browsersearch',
  'browserstop',
  'browserfavorites',
  'zoomin',
  'zoomout',
  'zoomtoggle',
  'print',
  'help',
  'close',
  'new',
  'open',
  'save',
  'contextmenu',
]);

export type KeyInput = Pick<Input, 'key' | 'control' | 'meta' | 'alt' | 'shift'>;

/**
 * True for a key press the kiosk swallows: reload (F5, Ctrl+R), developer tools (F12,
 * Ctrl+Shift+I/J/C), zoom (Ctrl +, -, =, 0), closing and quitting (Ctrl+W, Ctrl+Q, Alt+F4), printing,
 * new windows, history and full screen. Typing, including AltGr characters such as @ (Ctrl+Alt on
 * Windows), and the editing shortcuts of a text field still work.
 */
export function isBlockedShortcut(input: KeyInput): boolean {
  const key = input.key.toLowerCase();
  if (/^f\d{1,2}$/.test(key)) return true;
  if (commandKeys.has(key)) return true;
  // The system key opens launchers and switches windows; the kiosk has no use for it.
  if (input.meta) return true;
  // With Shift the same letters open developer tools (Ctrl+Shift+C, I, J); only redo stays.
  if (input.control && !input.alt) return !editingKeys.has(key) || (input.shift && key !== 'z');
  if (input.alt && !input.control) return historyKeys.has(key);
  return false;
}

/** Swallows blocked shortcuts before the page or Chromium sees them. */
export function blockShortcuts(contents: Pick<WebContents, 'on'>): void {
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
}
