import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeWebContents } from '../../tests/doubles/fake-electron.js';
import { isAllowedUrl, lockDownContents } from './contents.js';

vi.mock('electron', () => ({}));

describe('isAllowedUrl', () => {
  it('accepts only the same scheme, host and port', () => {
    expect(isAllowedUrl('app://ventanilla/index.html', 'app://ventanilla')).toBe(true);
    expect(isAllowedUrl('app://VENTANILLA/x?y#z', 'app://ventanilla')).toBe(true);
    expect(isAllowedUrl('https://pagos.example.com/a', 'https://pagos.example.com/')).toBe(true);
    expect(isAllowedUrl('https://pagos.example.com:443/a', 'https://pagos.example.com')).toBe(true);
    for (const url of [
      'app://other/index.html',
      'https://ventanilla/index.html',
      'file:///etc/passwd',
      'http://pagos.example.com/',
      'https://pagos.example.com.evil.test/',
      'https://pagos.example.com:8443/',
      'about:blank',
      'data:text/html,hola',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(
        isAllowedUrl(url, url.includes('pagos') ? 'https://pagos.example.com' : 'app://ventanilla'),
        url,
      ).toBe(false);
    }
  });
});

describe('lockDownContents', () => {
  let contents: FakeWebContents;
  const log = vi.fn();

  beforeEach(() => {
    log.mockClear();
    contents = new FakeWebContents();
    lockDownContents(contents as unknown as WebContents, {
      allowedOrigin: 'app://ventanilla',
      log,
    });
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)(
    '%s: stays on the app origin and is prevented anywhere else',
    (event) => {
      expect(contents.navigate(event, 'app://ventanilla/index.html').prevented).toBe(false);
      expect(contents.navigate(event, 'https://evil.example/').prevented).toBe(true);
      expect(contents.navigate(event, 'file:///etc/passwd').prevented).toBe(true);
      expect(log).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'));
    },
  );

  it('denies window.open, whatever the URL', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'app://ventanilla/index.html' })).toEqual({
      action: 'deny',
    });
  });

  it('refuses webviews and lets no beforeunload keep a page alive', () => {
    expect(contents.prevented('will-attach-webview', {}, {})).toBe(true);
    expect(contents.prevented('will-prevent-unload')).toBe(true);
  });

  it('blocks the reload, devtools, zoom and quit shortcuts', () => {
    const keyDown = { type: 'keyDown', shift: false, alt: false, meta: false };
    expect(
      contents.prevented('before-input-event', { ...keyDown, key: 'F5', control: false }),
    ).toBe(true);
    expect(
      contents.prevented('before-input-event', { ...keyDown, key: 'F12', control: false }),
    ).toBe(true);
    expect(contents.prevented('before-input-event', { ...keyDown, key: '+', control: true })).toBe(
      true,
    );
    expect(contents.prevented('before-input-event', { ...keyDown, key: 'q', control: true })).toBe(
      true,
    );
    expect(contents.prevented('before-input-event', { ...keyDown, key: 'k', control: false })).toBe(
      false,
    );
  });

  it('keeps the zoom at 100 % after every load and every zoom attempt, pinch included', () => {
    contents.emit('did-finish-load');
    expect(contents.setZoomFactor).toHaveBeenLastCalledWith(1);
    expect(contents.setVisualZoomLevelLimits).toHaveBeenLastCalledWith(1, 1);
    contents.setZoomFactor.mockClear();
    contents.emit('zoom-changed', {}, 'in');
    expect(contents.setZoomFactor).toHaveBeenCalledWith(1);
  });

  it('closes the developer tools if anything opens them (production)', () => {
    contents.emit('devtools-opened');
    expect(contents.closeDevTools).toHaveBeenCalledOnce();
  });

  it('leaves the developer tools alone while developing', () => {
    const dev = new FakeWebContents();
    lockDownContents(dev as unknown as WebContents, {
      allowedOrigin: 'http://localhost:5173',
      devTools: true,
    });
    dev.emit('devtools-opened');
    expect(dev.closeDevTools).not.toHaveBeenCalled();
    expect(dev.navigate('will-navigate', 'http://localhost:5173/').prevented).toBe(false);
  });
});
