import { describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  appViewPreferences,
  kioskWindowOptions,
  paymentsViewPreferences,
} from './window.js';

vi.mock('electron', () => ({}));

const lockedItems = [
  ['contextIsolation', true],
  ['sandbox', true],
  ['nodeIntegration', false],
  ['nodeIntegrationInSubFrames', false],
  ['nodeIntegrationInWorker', false],
  ['webSecurity', true],
  ['allowRunningInsecureContent', false],
  ['webviewTag', false],
  ['plugins', false],
  ['experimentalFeatures', false],
  ['navigateOnDragDrop', false],
  ['spellcheck', false],
  ['devTools', false],
] as const;

describe('kioskWindowOptions', () => {
  const options = kioskWindowOptions();

  it('fills the screen as a kiosk without a frame or a menu', () => {
    expect(options.fullscreen).toBe(true);
    expect(options.kiosk).toBe(true);
    expect(options.frame).toBe(false);
    expect(options.autoHideMenuBar).toBe(true);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('holds no page of its own (the customer views do)', () => {
    expect(options).not.toHaveProperty('webPreferences');
  });
});

describe('appViewPreferences', () => {
  const web = appViewPreferences('/app/.vite/build/preload.cjs', 'kiosk-1234');

  it('loads the given preload in the given partition', () => {
    expect(web.preload).toBe('/app/.vite/build/preload.cjs');
    expect(web.partition).toBe('kiosk-1234');
  });

  it.each(lockedItems)('sets webPreferences.%s to %s', (key, value) => {
    expect(web[key]).toBe(value);
  });

  it('opens the developer tools only when asked (development)', () => {
    expect(appViewPreferences('/p', 'kiosk-x', { devTools: true }).devTools).toBe(true);
    expect(appViewPreferences('/p', 'kiosk-x', {}).devTools).toBe(false);
  });
});

describe('paymentsViewPreferences', () => {
  const web = paymentsViewPreferences('payments-1');

  it('has no preload: the payments site gets no window.kiosk', () => {
    expect(web.preload).toBeUndefined();
    expect(web.partition).toBe('payments-1');
  });

  it.each(lockedItems)('sets webPreferences.%s to %s', (key, value) => {
    expect(web[key]).toBe(value);
  });
});

describe('the app origin', () => {
  it('serves the packaged renderer from app://ventanilla', () => {
    expect(APP_ORIGIN).toBe('app://ventanilla');
    expect(APP_ENTRY_URL).toBe('app://ventanilla/index.html');
  });
});
