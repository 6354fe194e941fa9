import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { FakeSession } from '../../tests/doubles/fake-electron.js';
import { grantsPermissionCheck, grantsPermissionRequest, lockDownSession } from './permissions.js';

vi.mock('electron', () => ({}));

const app = 'app://ventanilla';
const fromApp = { requestingUrl: 'app://ventanilla/index.html', isMainFrame: true };

describe('grantsPermissionRequest', () => {
  it('grants the camera (media, video only) to the app origin', () => {
    expect(grantsPermissionRequest('media', { ...fromApp, mediaTypes: ['video'] }, app)).toBe(true);
  });

  it('refuses the microphone, and the camera together with it', () => {
    expect(grantsPermissionRequest('media', { ...fromApp, mediaTypes: ['audio'] }, app)).toBe(
      false,
    );
    expect(
      grantsPermissionRequest('media', { ...fromApp, mediaTypes: ['video', 'audio'] }, app),
    ).toBe(false);
    expect(grantsPermissionRequest('media', { ...fromApp, mediaTypes: [] }, app)).toBe(false);
    expect(grantsPermissionRequest('media', fromApp, app)).toBe(false);
  });

  it('refuses the camera to any other origin', () => {
    for (const requestingUrl of ['https://evil.example/', 'file:///tmp/x.html', 'about:blank']) {
      expect(
        grantsPermissionRequest('media', { requestingUrl, mediaTypes: ['video'] }, app),
        requestingUrl,
      ).toBe(false);
    }
    expect(
      grantsPermissionRequest(
        'media',
        { ...fromApp, securityOrigin: 'https://evil.example', mediaTypes: ['video'] },
        app,
      ),
    ).toBe(false);
  });

  it.each([
    'geolocation',
    'notifications',
    'display-capture',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'pointerLock',
    'midi',
    'hid',
    'serial',
    'usb',
    'idle-detection',
    'unknown',
  ])('refuses %s, even to the app', (permission) => {
    expect(grantsPermissionRequest(permission, { ...fromApp, mediaTypes: ['video'] }, app)).toBe(
      false,
    );
  });

  it('grants nothing at all where there is no camera origin (the payments site)', () => {
    const payments = { requestingUrl: 'https://pagos.example.com/', mediaTypes: ['video'] };
    expect(grantsPermissionRequest('media', payments, null)).toBe(false);
  });
});

describe('grantsPermissionCheck', () => {
  it('answers yes only for video media from the app origin', () => {
    expect(grantsPermissionCheck('media', 'app://ventanilla', { mediaType: 'video' }, app)).toBe(
      true,
    );
    expect(grantsPermissionCheck('media', 'app://ventanilla', { mediaType: 'audio' }, app)).toBe(
      false,
    );
    expect(grantsPermissionCheck('media', 'app://ventanilla', { mediaType: 'unknown' }, app)).toBe(
      false,
    );
    expect(
      grantsPermissionCheck('media', 'https://evil.example', { mediaType: 'video' }, app),
    ).toBe(false);
    expect(grantsPermissionCheck('notifications', 'app://ventanilla', {}, app)).toBe(false);
    expect(
      grantsPermissionCheck('media', 'https://pagos.example.com', { mediaType: 'video' }, null),
    ).toBe(false);
  });
});

describe('lockDownSession', () => {
  const session = new FakeSession('kiosk-1', {});
  lockDownSession(session as unknown as Session, app);

  it('installs request and check handlers with the camera rule', () => {
    const callback = vi.fn();
    session.requestHandler?.({}, 'media', callback, { ...fromApp, mediaTypes: ['video'] });
    session.requestHandler?.({}, 'geolocation', callback, fromApp);
    expect(callback.mock.calls).toEqual([[true], [false]]);
    expect(
      session.checkHandler?.(null, 'media', app, { mediaType: 'video', isMainFrame: true }),
    ).toBe(true);
    expect(
      session.checkHandler?.(null, 'media', app, { mediaType: 'audio', isMainFrame: true }),
    ).toBe(false);
  });

  it('refuses USB, HID and serial devices, downloads and the spell checker', () => {
    const deviceHandler = session.setDevicePermissionHandler.mock.calls[0]?.[0] as () => boolean;
    expect(deviceHandler()).toBe(false);
    let prevented = false;
    session.emit('will-download', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
    expect(session.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });
});
