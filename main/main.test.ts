import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { kioskApi } from '../src/contract/index.js';
import type { KioskInvokeListener } from './ipc.js';

type Listener = (event: { preventDefault: () => void }) => void;

const fakes = vi.hoisted(() => {
  const appListeners = new Map<string, (event: { preventDefault: () => void }) => void>();
  const windows: { options: unknown; loadURL: ReturnType<typeof vi.fn> }[] = [];
  return {
    appListeners,
    windows,
    electron: {
      app: {
        requestSingleInstanceLock: vi.fn(() => true),
        on: vi.fn((name: string, listener: (event: { preventDefault: () => void }) => void) => {
          appListeners.set(name, listener);
        }),
        whenReady: vi.fn(() => Promise.resolve()),
        getPath: vi.fn((name: string) => `/var/lib/ventanilla-test/${name}`),
        getVersion: vi.fn(() => '0.1.0'),
        quit: vi.fn(),
        exit: vi.fn(),
      },
      ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      net: { fetch: vi.fn() },
      BrowserWindow: vi.fn(function (this: unknown, options: unknown) {
        const window = { options, loadURL: vi.fn(() => Promise.resolve()) };
        windows.push(window);
        return window;
      }),
    },
    core: { handlers: {}, start: vi.fn(), stop: vi.fn(() => Promise.resolve()) },
    createKioskCore: vi.fn(),
    central: { url: 'http://127.0.0.1:40123', close: vi.fn(() => Promise.resolve()) },
    startCentral: vi.fn(),
  };
});

vi.mock('electron', () => fakes.electron);
vi.mock('../src/kiosk/core.js', () => ({ createKioskCore: fakes.createKioskCore }));
vi.mock('./embedded-central.js', () => ({ startEmbeddedCentral: fakes.startCentral }));

const { app, ipcMain, protocol } = fakes.electron;
const userData = '/var/lib/ventanilla-test/userData';

async function boot(devServerUrl: string | undefined): Promise<void> {
  vi.stubGlobal('MAIN_WINDOW_VITE_DEV_SERVER_URL', devServerUrl);
  vi.stubGlobal('MAIN_WINDOW_VITE_NAME', 'main_window');
  await import('./main.js');
}

function channel(name: string): KioskInvokeListener {
  const call = ipcMain.handle.mock.calls.find(([registered]) => registered === name);
  if (!call) throw new Error(`no handler for ${name}`);
  return call[1] as KioskInvokeListener;
}

describe('main', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.clearAllMocks();
    fakes.appListeners.clear();
    fakes.windows.length = 0;
    fakes.createKioskCore.mockReturnValue(fakes.core);
    fakes.startCentral.mockResolvedValue(fakes.central);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
  });

  it('packaged, without CENTRAL_URL: embedded central, kiosk API, locked window on app://', async () => {
    vi.stubEnv('CENTRAL_URL', '');
    await boot(undefined);
    await vi.waitFor(() => expect(fakes.windows[0]?.loadURL).toHaveBeenCalled());

    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(fakes.startCentral).toHaveBeenCalledWith(userData);
    expect(fakes.createKioskCore).toHaveBeenCalledWith(
      expect.objectContaining({
        dataDir: userData,
        centralUrl: fakes.central.url,
        host: 'electron',
        version: '0.1.0',
      }),
    );
    expect(fakes.core.start).toHaveBeenCalledOnce();
    expect(ipcMain.handle.mock.calls.map(([name]) => name as string).sort()).toEqual(
      Object.keys(kioskApi).sort(),
    );
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));

    const window = fakes.windows[0];
    expect(window?.options).toMatchObject({
      kiosk: true,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        devTools: false,
        preload: expect.stringMatching(/[\\/]preload\.cjs$/) as unknown,
      },
    });
    expect(window?.loadURL).toHaveBeenCalledWith('app://ventanilla/index.html');

    const fromApp = { senderFrame: { url: 'app://ventanilla/index.html', parent: null } };
    const fromElsewhere = { senderFrame: { url: 'http://localhost:5173/', parent: null } };
    await expect(channel('sync:now')(fromElsewhere, undefined)).resolves.toMatchObject({
      error: { code: 'foreign_sender' },
    });
    await expect(channel('sync:now')(fromApp, { bad: 1 })).resolves.toMatchObject({
      error: { code: 'bad_input' },
    });
  });

  it('developing, with CENTRAL_URL: no embedded central, the dev server is the app', async () => {
    vi.stubEnv('CENTRAL_URL', 'https://central.example.coop');
    await boot('http://localhost:5173');
    await vi.waitFor(() => expect(fakes.windows[0]?.loadURL).toHaveBeenCalled());

    expect(fakes.startCentral).not.toHaveBeenCalled();
    expect(fakes.createKioskCore).toHaveBeenCalledWith(
      expect.objectContaining({ centralUrl: 'https://central.example.coop' }),
    );
    expect(protocol.handle).not.toHaveBeenCalled();
    expect(fakes.windows[0]?.options).toMatchObject({ webPreferences: { devTools: true } });
    expect(fakes.windows[0]?.loadURL).toHaveBeenCalledWith('http://localhost:5173');

    const fromDevServer = { senderFrame: { url: 'http://localhost:5173/', parent: null } };
    await expect(channel('sync:now')(fromDevServer, { bad: 1 })).resolves.toMatchObject({
      error: { code: 'bad_input' },
    });
  });

  it('on quit, stops the core and closes the central before letting the app go', async () => {
    vi.stubEnv('CENTRAL_URL', '');
    await boot(undefined);
    await vi.waitFor(() => expect(fakes.windows[0]?.loadURL).toHaveBeenCalled());

    const willQuit = fakes.appListeners.get('will-quit') as Listener;
    const first = { preventDefault: vi.fn() };
    willQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    expect(fakes.core.stop).toHaveBeenCalledOnce();
    expect(fakes.central.close).toHaveBeenCalledOnce();
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(Object.keys(kioskApi).length);
    expect(fakes.core.stop.mock.invocationCallOrder[0]).toBeLessThan(
      fakes.central.close.mock.invocationCallOrder[0] ?? 0,
    );

    const second = { preventDefault: vi.fn() };
    willQuit(second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('when the core cannot start, closes the central it started and exits with an error', async () => {
    vi.stubEnv('CENTRAL_URL', '');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    fakes.createKioskCore.mockImplementation(() => {
      throw new Error('disk full');
    });
    await boot(undefined);
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(1));
    expect(fakes.central.close).toHaveBeenCalledOnce();
    expect(fakes.windows).toHaveLength(0);
  });

  it('a second instance quits at once and touches nothing', async () => {
    app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await boot(undefined);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });
});
