import { describe, expect, it, vi } from 'vitest';
import { kioskApi } from '../src/contract/index.js';
import { dispatch, type KioskHandlers } from '../src/kiosk/dispatch.js';
import { KioskError } from '../src/kiosk/errors.js';
import { testHandlers } from '../src/testing/test-handlers.js';
import {
  isAppFrame,
  originOf,
  registerKioskApi,
  type KioskInvokeListener,
  type KioskIpcMain,
  type SenderFrame,
} from './ipc.js';

vi.mock('electron', () => ({}));

const APP = 'app://ventanilla';

const syncStatus = { online: true, lastSyncAt: null, lastAttemptAt: null, lastError: null };

function fakeHandlers(overrides: Partial<KioskHandlers> = {}): KioskHandlers {
  return {
    ...testHandlers(),
    'app:info': vi.fn(() =>
      Promise.resolve({ version: '0.1.0', host: 'electron' as const, branding: null }),
    ),
    'catalog:get': vi.fn(() => Promise.resolve({ catalog: null, syncedAt: null })),
    'sync:status': vi.fn(() => Promise.resolve(syncStatus)),
    'sync:now': vi.fn(() => Promise.resolve(syncStatus)),
    ...overrides,
  };
}

/** ipcMain as Electron behaves: one handler per channel, invoking an unknown channel rejects. */
function fakeIpcMain() {
  const channels = new Map<string, KioskInvokeListener>();
  const handle = vi.fn((channel: string, listener: KioskInvokeListener) => {
    if (channels.has(channel)) throw new Error(`second handler for ${channel}`);
    channels.set(channel, listener);
  });
  const removeHandler = vi.fn((channel: string) => void channels.delete(channel));
  const ipcMain: KioskIpcMain = { handle, removeHandler };
  const invoke = (channel: string, frame: SenderFrame | null, ...args: unknown[]) => {
    const listener = channels.get(channel);
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return listener({ senderFrame: frame }, ...args);
  };
  return { ipcMain, handle, removeHandler, channels, invoke };
}

const topFrame = (url: string): SenderFrame => ({ url, parent: null });
const appFrame = topFrame(`${APP}/index.html`);

function setUp(handlers = fakeHandlers()) {
  const ipc = fakeIpcMain();
  const log = vi.fn();
  const dispose = registerKioskApi(ipc.ipcMain, handlers, (f) => isAppFrame(f, APP), log);
  return { ...ipc, handlers, log, dispose };
}

describe('registerKioskApi', () => {
  it('registers every method of the kiosk API map, and nothing more', () => {
    const { handle, channels } = setUp();
    expect([...channels.keys()].sort()).toEqual(Object.keys(kioskApi).sort());
    expect(handle).toHaveBeenCalledTimes(Object.keys(kioskApi).length);
  });

  it('has no channel for a name outside the map, and dispatch refuses such a name', async () => {
    const { invoke, channels } = setUp();
    for (const channel of ['fs:read', 'kiosk:invoke', 'toString', '__proto__']) {
      expect(channels.has(channel)).toBe(false);
      await expect(invoke(channel, appFrame)).rejects.toThrow(/No handler/);
      await expect(dispatch(fakeHandlers(), channel, undefined)).resolves.toMatchObject({
        ok: false,
        error: { code: 'unknown_method' },
      });
    }
  });

  it('answers a good call with the value of the handler table', async () => {
    const table = fakeHandlers();
    const { invoke } = setUp(table);
    await expect(invoke('app:info', appFrame, undefined)).resolves.toEqual({
      ok: true,
      value: { version: '0.1.0', host: 'electron', branding: null },
    });
    await expect(invoke('sync:now', appFrame, undefined)).resolves.toEqual({
      ok: true,
      value: syncStatus,
    });
    expect(table['sync:now']).toHaveBeenCalledOnce();
  });

  it('refuses a bad payload with bad_input and never calls the handler', async () => {
    const table = fakeHandlers();
    const { invoke } = setUp(table);
    for (const payload of [{ evil: true }, 'x', 42, null, []]) {
      await expect(invoke('catalog:get', appFrame, payload)).resolves.toMatchObject({
        ok: false,
        error: { code: 'bad_input' },
      });
    }
    expect(table['catalog:get']).not.toHaveBeenCalled();
  });

  it('refuses a foreign sender with foreign_sender, never calls the handler, and logs it', async () => {
    const table = fakeHandlers();
    const { invoke, log } = setUp(table);
    const foreign: (SenderFrame | null)[] = [
      null,
      topFrame('https://evil.example/index.html'),
      topFrame('file:///opt/ventanilla/index.html'),
      topFrame('app://ventanilla.evil/index.html'),
      { url: `${APP}/index.html`, parent: appFrame },
    ];
    for (const frame of foreign) {
      const result = await invoke('sync:now', frame, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'foreign_sender' } });
      expect(result).toHaveProperty('error.message', expect.stringMatching(/\S/));
    }
    expect(table['sync:now']).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(foreign.length);
  });

  it('passes a KioskError through and hides any other failure behind internal', async () => {
    const { invoke, log } = setUp(
      fakeHandlers({
        'sync:now': () => Promise.reject(new KioskError('central_down', 'La central no responde.')),
        'sync:status': () => Promise.reject(new Error('secret /var/lib/x')),
      }),
    );
    await expect(invoke('sync:now', appFrame, undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'central_down', message: 'La central no responde.' },
    });
    const hidden = await invoke('sync:status', appFrame, undefined);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('secret');
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ method: 'sync:status' }));
  });

  it('removes exactly its handlers when disposed', () => {
    const { removeHandler, channels, dispose } = setUp();
    dispose();
    expect(channels.size).toBe(0);
    expect(removeHandler).toHaveBeenCalledTimes(Object.keys(kioskApi).length);
  });
});

describe('isAppFrame', () => {
  it('trusts only the top frame of the app origin', () => {
    expect(isAppFrame(appFrame, APP)).toBe(true);
    expect(isAppFrame(topFrame(`${APP}/`), APP)).toBe(true);
    expect(isAppFrame(topFrame('APP://VENTANILLA/index.html'), APP)).toBe(true);
    expect(isAppFrame({ url: `${APP}/index.html`, parent: appFrame }, APP)).toBe(false);
    expect(isAppFrame(null, APP)).toBe(false);
  });

  it('trusts the Vite dev server origin while developing, port included', () => {
    const dev = 'http://localhost:5173';
    expect(isAppFrame(topFrame('http://localhost:5173/'), dev)).toBe(true);
    expect(isAppFrame(topFrame('http://localhost:5173/screens/x?y=1#z'), dev)).toBe(true);
    expect(isAppFrame(topFrame('http://localhost:5174/'), dev)).toBe(false);
    expect(isAppFrame(topFrame('https://localhost:5173/'), dev)).toBe(false);
    expect(isAppFrame(appFrame, dev)).toBe(false);
  });

  it('never trusts URLs without a host, other hosts, or a frame that is gone', () => {
    for (const url of [
      'about:blank',
      'data:text/html,<p>x</p>',
      'file:///index.html',
      'app://evil/index.html',
      'app://ventanilla.evil/',
      'app://ventanilla@evil/',
      'https://ventanilla/',
      'not a url',
      '',
    ]) {
      expect(isAppFrame(topFrame(url), APP), url).toBe(false);
    }
    const gone = {
      get url(): string {
        throw new Error('Render frame was disposed');
      },
      parent: null,
    };
    expect(isAppFrame(gone, APP)).toBe(false);
    expect(isAppFrame(topFrame('file:///index.html'), 'file:///')).toBe(false);
  });

  it('builds origins for schemes Node does not know', () => {
    expect(new URL(`${APP}/index.html`).origin).toBe('null');
    expect(originOf(`${APP}/index.html`)).toBe(APP);
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
    expect(originOf('https://example.org:443/')).toBe('https://example.org');
    expect(originOf('about:blank')).toBeNull();
  });
});
