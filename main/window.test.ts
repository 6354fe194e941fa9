import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, kioskWindowOptions } from './window.js';

vi.mock('electron', () => ({}));

describe('kioskWindowOptions', () => {
  const options = kioskWindowOptions('/app/.vite/build/preload.cjs');
  const web = options.webPreferences ?? {};

  it('fills the screen as a kiosk without a menu', () => {
    expect(options.fullscreen).toBe(true);
    expect(options.kiosk).toBe(true);
    expect(options.autoHideMenuBar).toBe(true);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('loads the given preload', () => {
    expect(web.preload).toBe('/app/.vite/build/preload.cjs');
  });

  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInSubFrames', false],
    ['nodeIntegrationInWorker', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['webviewTag', false],
    ['spellcheck', false],
    ['devTools', false],
  ] as const)('sets webPreferences.%s to %s', (key, value) => {
    expect(web[key]).toBe(value);
  });

  it('opens the developer tools only when asked (development)', () => {
    expect(kioskWindowOptions('/p', { devTools: true }).webPreferences?.devTools).toBe(true);
    expect(kioskWindowOptions('/p', {}).webPreferences?.devTools).toBe(false);
  });

  it('serves the packaged renderer from app://ventanilla', () => {
    expect(APP_ORIGIN).toBe('app://ventanilla');
    expect(APP_ENTRY_URL).toBe('app://ventanilla/index.html');
  });
});
