import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBaseWindow, created, resetFakeElectron } from '../tests/doubles/fake-electron.js';
import { leaveKioskMode } from './kiosk-mode.js';
import { FakeUpdater } from '../tests/doubles/fake-updater.js';
import { kioskWindowOptions } from './window.js';

type CoreOptions = {
  requireEnrolment?: boolean;
  leaveKioskMode?: () => Promise<boolean>;
};

const fakes = vi.hoisted(() => ({
  app: {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    enableSandbox: vi.fn(),
    on: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn((name: string) => `/var/lib/ventanilla-test/${name}`),
    getVersion: vi.fn(() => '0.1.0'),
    quit: vi.fn(),
    exit: vi.fn(),
  },
  core: {
    kioskId: 'kiosk-0001',
    handlers: { 'session:current': vi.fn(() => Promise.resolve(null)) },
    start: vi.fn(),
    stop: vi.fn(() => Promise.resolve()),
  },
  createKioskCore: vi.fn(),
  startCentral: vi.fn(),
}));

const fakeModule = await vi.hoisted(() => import('../tests/doubles/fake-electron.js'));

vi.mock('electron', () => ({
  ...fakeModule.fakeElectron,
  app: fakes.app,
  ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  net: { fetch: vi.fn() },
  Menu: { setApplicationMenu: vi.fn() },
}));
vi.mock('electron-updater', () => ({ autoUpdater: new FakeUpdater(), DebUpdater: {} }));
vi.mock('../src/kiosk/core.js', () => ({ createKioskCore: fakes.createKioskCore }));
vi.mock('./embedded-central.js', () => ({ startEmbeddedCentral: fakes.startCentral }));

async function bootMain(): Promise<CoreOptions> {
  vi.stubGlobal('MAIN_WINDOW_VITE_DEV_SERVER_URL', undefined);
  vi.stubGlobal('MAIN_WINDOW_VITE_NAME', 'main_window');
  vi.stubGlobal('KIOSK_DEMO_CENTRAL', true);
  // No configuration file: the environment alone, whatever this machine has in /etc.
  vi.stubEnv('KIOSK_CONFIG', '/nonexistent/ventanilla/kiosco.json');
  await import('./main.js');
  await vi.waitFor(() => expect(created.views[0]?.webContents.loadURL).toHaveBeenCalled());
  const [options] = fakes.createKioskCore.mock.calls[0] as [CoreOptions];
  return options;
}

describe('leaving kiosk mode', () => {
  beforeEach(() => {
    vi.resetModules();
    vi.clearAllMocks();
    resetFakeElectron();
    fakes.createKioskCore.mockReturnValue(fakes.core);
    fakes.startCentral.mockResolvedValue({ url: 'http://127.0.0.1:40123', close: vi.fn() });
    vi.spyOn(console, 'log').mockImplementation(() => {});
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it('takes the kiosk window out of kiosk and full-screen mode', () => {
    const window = new FakeBaseWindow(kioskWindowOptions());
    expect(window.isKiosk() && window.isFullScreen()).toBe(true);

    expect(leaveKioskMode(window as never)).toBe(true);
    expect(window.setKiosk).toHaveBeenCalledWith(false);
    expect(window.setFullScreen).toHaveBeenCalledWith(false);
    expect(window.isKiosk()).toBe(false);
    expect(window.isFullScreen()).toBe(false);
  });

  it('says no when the window is gone, touching nothing', () => {
    const window = new FakeBaseWindow(kioskWindowOptions());
    window.destroyed = true;
    expect(leaveKioskMode(window as never)).toBe(false);
    expect(window.setKiosk).not.toHaveBeenCalled();
  });

  it('says no when the window manager keeps it full screen', () => {
    const window = new FakeBaseWindow(kioskWindowOptions());
    window.setFullScreen.mockImplementation(() => {});
    expect(leaveKioskMode(window as never)).toBe(false);
  });

  it('main/ gives the core a hook that leaves kiosk mode of its one window', async () => {
    vi.stubEnv('CENTRAL_URL', '');
    const options = await bootMain();
    const window = created.windows[0];
    expect(window?.isKiosk()).toBe(true);

    await expect(options.leaveKioskMode?.()).resolves.toBe(true);
    expect(window?.setKiosk).toHaveBeenCalledWith(false);
    expect(window?.isKiosk()).toBe(false);
    expect(window?.isFullScreen()).toBe(false);
  });

  it('requires enrolment only against the cooperative’s central, not the embedded one', async () => {
    vi.stubEnv('CENTRAL_URL', '');
    expect((await bootMain()).requireEnrolment).toBe(false);

    vi.resetModules();
    resetFakeElectron();
    fakes.createKioskCore.mockClear();
    vi.stubEnv('CENTRAL_URL', 'https://central.coop.example');
    expect((await bootMain()).requireEnrolment).toBe(true);
  });
});
