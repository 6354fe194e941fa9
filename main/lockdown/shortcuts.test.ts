import { describe, expect, it, vi } from 'vitest';
import { FakeWebContents } from '../../tests/doubles/fake-electron.js';
import { blockShortcuts, isBlockedShortcut, type KeyInput } from './shortcuts.js';

vi.mock('electron', () => ({}));

function press(combo: string): KeyInput {
  const parts = combo.split('+');
  const key = parts.at(-1) === '' ? '+' : (parts.at(-1) ?? '');
  const modifiers = new Set(parts.slice(0, -1));
  return {
    key,
    control: modifiers.has('Ctrl'),
    shift: modifiers.has('Shift'),
    alt: modifiers.has('Alt'),
    meta: modifiers.has('Meta'),
  };
}

const blocked = [
  ['F5', 'reload'],
  ['Ctrl+r', 'reload'],
  ['Ctrl+Shift+R', 'reload without cache'],
  ['BrowserRefresh', 'reload key'],
  ['F12', 'developer tools'],
  ['Ctrl+Shift+I', 'developer tools'],
  ['Ctrl+Shift+J', 'console'],
  ['Ctrl+Shift+C', 'inspect element'],
  ['Ctrl+u', 'view source'],
  ['Ctrl++', 'zoom in'],
  ['Ctrl+=', 'zoom in'],
  ['Ctrl+Shift++', 'zoom in'],
  ['Ctrl+-', 'zoom out'],
  ['Ctrl+0', 'reset zoom'],
  ['ZoomIn', 'zoom key'],
  ['Ctrl+w', 'close'],
  ['Ctrl+F4', 'close'],
  ['Ctrl+q', 'quit'],
  ['Alt+F4', 'close the window'],
  ['F11', 'full screen'],
  ['Ctrl+p', 'print dialog'],
  ['Ctrl+n', 'new window'],
  ['Ctrl+t', 'new tab'],
  ['Ctrl+s', 'save page'],
  ['Ctrl+o', 'open file'],
  ['Ctrl+f', 'find'],
  ['Alt+ArrowLeft', 'back'],
  ['Alt+ArrowRight', 'forward'],
  ['Alt+Home', 'home page'],
  ['BrowserBack', 'back key'],
  ['Meta+d', 'system key'],
  ['Meta+c', 'system key'],
  ['F1', 'help'],
] as const;

const allowed = [
  ['a', 'a letter'],
  ['Shift+A', 'a capital'],
  ['ñ', 'ñ'],
  ['7', 'a digit'],
  ['Enter', 'enter'],
  ['Backspace', 'backspace'],
  ['Tab', 'next field'],
  ['Escape', 'escape'],
  ['ArrowLeft', 'caret left'],
  ['Ctrl+c', 'copy'],
  ['Ctrl+v', 'paste'],
  ['Ctrl+x', 'cut'],
  ['Ctrl+a', 'select all'],
  ['Ctrl+z', 'undo'],
  ['Ctrl+Shift+Z', 'redo'],
  ['Ctrl+Alt+@', 'AltGr+Q on Windows'],
  ['Alt+@', 'AltGr+Q on Linux'],
] as const;

describe('isBlockedShortcut', () => {
  it.each(blocked)('blocks %s (%s)', (combo) => {
    expect(isBlockedShortcut(press(combo))).toBe(true);
  });

  it.each(allowed)('lets %s through (%s)', (combo) => {
    expect(isBlockedShortcut(press(combo))).toBe(false);
  });
});

describe('blockShortcuts', () => {
  it('prevents the blocked key presses before the page sees them, and only those', () => {
    const contents = new FakeWebContents();
    blockShortcuts(contents as never);
    expect(contents.prevented('before-input-event', { type: 'keyDown', ...press('F5') })).toBe(
      true,
    );
    expect(contents.prevented('before-input-event', { type: 'keyDown', ...press('Ctrl+Q') })).toBe(
      true,
    );
    expect(contents.prevented('before-input-event', { type: 'keyDown', ...press('b') })).toBe(
      false,
    );
  });
});
