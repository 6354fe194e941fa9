import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useTempDir } from '../src/testing/use-temp-dir.js';
import { kioskApi } from '../src/contract/index.js';
import type { KioskCoreOptions } from '../src/kiosk/core.js';
import {
  FakeWebContents,
  created,
  resetFakeElectron,
  type FakeSession,
} from '../tests/doubles/fake-electron.js';
import type { KioskInvokeListener } from './ipc.js';
import { FakeUpdater } from '../tests/doubles/fake-updater.js';

type Listener = (event: { preventDefault: () => void }, ...args: unknown[]) => void;

const fakes = vi.hoisted(() => {
  const appListeners = new Map<string, (...args: never[]) => void>();
  const signedIn: { current: unknown } = { current: null };
  /** What `autoUpdater` is in the test that runs. */
  const updater: { current: unknown } = { current: null };
  /** electron-updater's DebUpdater class: the shell replaces how it installs. */
  const electronUpdatersOwn = (..._args: unknown[]) => {};
  const debUpdater = { installWithCommandRunner: electronUpdatersOwn, electronUpdatersOwn };
  return {
    debUpdater,
    appListeners,
    app: {
      isPackaged: false,
      requestSingleInstanceLock: vi.fn(() => true),
      enableSandbox: vi.fn(),
      on: vi.fn((name: string, listener: (...args: never[]) => void) => {
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
    Menu: { setApplicationMenu: vi.fn() },
    signedIn,
    core: {
      kioskId: 'kiosk-0001',
      handlers: {
        'session:current': vi.fn(() => Promise.resolve(fakes.signedIn.current)),
        'session:signOut': vi.fn(() => {
          fakes.signedIn.current = null;
          return Promise.resolve({ ended: true });
        }),
      },
      start: vi.fn(),
      stop: vi.fn(() => Promise.resolve()),
    },
    createKioskCore: vi.fn(),
    central: { url: 'http://127.0.0.1:40123', close: vi.fn(() => Promise.resolve()) },
    startCentral: vi.fn(),
    updater,
  };
});

// One instance of the fakes for the test and for every fresh import of main.js.
const fakeModule = await vi.hoisted(() => import('../tests/doubles/fake-electron.js'));

vi.mock('electron', () => ({
  ...fakeModule.fakeElectron,
  app: fakes.app,
  ipcMain: fakes.ipcMain,
  protocol: fakes.protocol,
  net: { fetch: vi.fn() },
  Menu: fakes.Menu,
}));
vi.mock('electron-updater', () => ({
  DebUpdater: fakes.debUpdater,
  get autoUpdater() {
    return fakes.updater.current;
  },
}));
vi.mock('../src/kiosk/core.js', () => ({ createKioskCore: fakes.createKioskCore }));
vi.mock('./embedded-central.js', () => ({ startEmbeddedCentral: fakes.startCentral }));

const { app, ipcMain, protocol } = fakes;
const userData = '/var/lib/ventanilla-test/userData';

async function boot(devServerUrl: string | undefined, demoBuilt = true): Promise<void> {
  vi.stubGlobal('MAIN_WINDOW_VITE_DEV_SERVER_URL', devServerUrl);
  vi.stubGlobal('MAIN_WINDOW_VITE_NAME', 'main_window');
  vi.stubGlobal('KIOSK_DEMO_CENTRAL', demoBuilt);
  await import('./main.js');
}

async function booted(devServerUrl?: string, demoBuilt = true): Promise<void> {
  await boot(devServerUrl, demoBuilt);
  await vi.waitFor(() => expect(created.views[0]?.webContents.loadURL).toHaveBeenCalled());
}

function channel(name: string): KioskInvokeListener {
  const call = ipcMain.handle.mock.calls.find(([registered]) => registered === name);
  if (!call) throw new Error(`no handler for ${name}`);
  return call[1] as KioskInvokeListener;
}

function sessionOfView(index: number): FakeSession {
  const partition = created.views[index]?.options.webPreferences?.partition as string;
  const session = created.sessions.get(partition);
  if (!session) throw new Error(`no session for view ${index}`);
  return session;
}

const fromApp = { senderFrame: { url: 'app://ventanilla/index.html', parent: null } };

let updater = new FakeUpdater();

describe('main', () => {
  const temp = useTempDir('ventanilla-main-');
  beforeEach(() => {
    vi.resetModules();
    vi.clearAllMocks();
    resetFakeElectron();
    fakes.appListeners.clear();
    fakes.app.isPackaged = false;
    fakes.signedIn.current = null;
    updater = new FakeUpdater();
    fakes.updater.current = updater;
    fakes.createKioskCore.mockReturnValue(fakes.core);
    fakes.startCentral.mockResolvedValue(fakes.central);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // No file unless a test writes one (whatever this machine has in /etc).
    vi.stubEnv('KIOSK_CONFIG', path.join(temp.dir, 'kiosco.json'));
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.unstubAllEnvs();
  });

  it('developing, without a central: embedded demo central, kiosk API, locked window on app://', async () => {
    vi.stubEnv('CENTRAL_URL', '');
    await booted(undefined);

    expect(app.enableSandbox).toHaveBeenCalledOnce();
    expect(fakes.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(fakes.startCentral).toHaveBeenCalledWith(userData);
    expect(fakes.createKioskCore).toHaveBeenCalledWith(
      expect.objectContaining({
        dataDir: userData,
        centralUrl: fakes.central.url,
        host: 'electron',
        version: '0.1.0',
        printer: expect.objectContaining({ print: expect.any(Function) as unknown }) as unknown,
      }),
    );
    expect(fakes.core.start).toHaveBeenCalledOnce();
    expect(ipcMain.handle.mock.calls.map(([name]) => name as string).sort()).toEqual(
      Object.keys(kioskApi).sort(),
    );

    expect(created.windows[0]?.options).toMatchObject({
      kiosk: true,
      fullscreen: true,
      frame: false,
    });
    const view = created.views[0];
    expect(view?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      devTools: false,
      partition: expect.stringMatching(/^kiosk-/) as unknown,
      preload: expect.stringMatching(/[\\/]preload\.cjs$/) as unknown,
    });
    expect(view?.webContents.loadURL).toHaveBeenCalledWith('app://ventanilla/index.html');
    // Served on the customer's partition, where the page lives, not on the default session.
    expect(sessionOfView(0).protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(protocol.handle).not.toHaveBeenCalled();

    const fromElsewhere = { senderFrame: { url: 'http://localhost:5173/', parent: null } };
    await expect(channel('sync:now')(fromElsewhere, undefined)).resolves.toMatchObject({
      error: { code: 'foreign_sender' },
    });
    await expect(channel('sync:now')(fromApp, { bad: 1 })).resolves.toMatchObject({
      error: { code: 'bad_input' },
    });
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('gives the core the payments view of the current customer, restricted to the payments site', async () => {
    vi.stubEnv('CENTRAL_URL', '');
    await booted(undefined);
    const [[options]] = fakes.createKioskCore.mock.calls as [[KioskCoreOptions]];
    const view = options.paymentsView;
    const settings = { paymentsUrl: 'https://pagos.example.com/', paymentsInsideKiosk: true };
    expect(view?.open('https://otro.example.com/', settings)).toBe(false);
    expect(view?.open('https://pagos.example.com/?t=abc', settings)).toBe(true);
    expect(created.views[1]?.webContents.loadURL).toHaveBeenCalledWith(
      'https://pagos.example.com/?t=abc',
    );
    expect(view?.state()).toMatchObject({ open: true });
    await view?.close();
    expect(view?.state()).toEqual({ open: false, idleSeconds: null });
  });

  it('developing, with CENTRAL_URL: no embedded central, the dev server is the app', async () => {
    vi.stubEnv('CENTRAL_URL', 'https://central.example.coop');
    await booted('http://localhost:5173');

    expect(fakes.startCentral).not.toHaveBeenCalled();
    expect(fakes.createKioskCore).toHaveBeenCalledWith(
      expect.objectContaining({ centralUrl: 'https://central.example.coop' }),
    );
    expect(sessionOfView(0).protocol.handle).not.toHaveBeenCalled();
    expect(created.views[0]?.options.webPreferences).toMatchObject({ devTools: true });
    expect(created.views[0]?.webContents.loadURL).toHaveBeenCalledWith('http://localhost:5173');

    const fromDevServer = { senderFrame: { url: 'http://localhost:5173/', parent: null } };
    await expect(channel('sync:now')(fromDevServer, { bad: 1 })).resolves.toMatchObject({
      error: { code: 'bad_input' },
    });
  });

  it('at session:signOut, moves the app to a new partition and wipes the old one', async () => {
    vi.stubEnv('CENTRAL_URL', '');
    await booted(undefined);
    await expect(channel('session:signOut')(fromApp, undefined)).resolves.toEqual({
      ok: true,
      value: { ended: true },
    });
    await vi.waitFor(() => expect(sessionOfView(0).clearStorageData).toHaveBeenCalledOnce());
    expect(sessionOfView(0).clearCache).toHaveBeenCalledOnce();
    expect(sessionOfView(0).clearAuthCache).toHaveBeenCalledOnce();
    expect(created.views[0]?.webContents.close).toHaveBeenCalledOnce();
    expect(sessionOfView(1).partition).not.toBe(sessionOfView(0).partition);
    expect(created.windows[0]?.children).toEqual([created.views[1]]);
  });

  it('puts a safety net under every page: no pop-ups, no webviews', async () => {
    vi.stubEnv('CENTRAL_URL', '');
    await booted(undefined);
    const contents = new FakeWebContents();
    const listener = fakes.appListeners.get('web-contents-created') as Listener;
    listener({ preventDefault: () => {} }, contents);
    expect(contents.windowOpenHandler?.({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
    expect(contents.prevented('will-attach-webview', {}, {})).toBe(true);
  });

  it('packaged: updates from the configured feed, installed only once the customer has left', async () => {
    vi.stubEnv('CENTRAL_URL', 'https://central.coop.example');
    vi.stubEnv('KIOSK_UPDATE_URL', 'https://actualizaciones.coop.example/ventanilla');
    vi.stubEnv('KIOSK_UPDATE_CHANNEL', 'beta');
    fakes.app.isPackaged = true;
    await booted(undefined, false);

    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://actualizaciones.coop.example/ventanilla',
    });
    expect(updater.channel).toBe('beta');
    expect(updater.autoInstallOnAppQuit).toBe(false);
    // IT moves the kiosk to stable on the central: a heartbeat's answer brings it to the updater.
    const [[options]] = fakes.createKioskCore.mock.calls as [[KioskCoreOptions]];
    options.onUpdateChannel?.('stable');
    expect(updater.channel).toBe('latest');

    fakes.signedIn.current = { firstName: 'María', lastName: 'Gómez', email: 'm@example.com' };
    updater.emit('update-downloaded', { version: '0.2.0' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(updater.quitAndInstall).not.toHaveBeenCalled();

    await channel('session:signOut')(fromApp, undefined);
    await vi.waitFor(() => expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true));
    // The deb goes to the package's checking installer, on the channel the kiosk is on.
    expect(fakes.debUpdater.installWithCommandRunner).not.toBe(
      fakes.debUpdater.electronUpdatersOwn,
    );
  });

  it("packaged, with IT's file: its central, printer and feed; enrolment required", async () => {
    writeFileSync(
      path.join(temp.dir, 'kiosco.json'),
      JSON.stringify({
        centralUrl: 'https://central.coop.example',
        printer: 'TM-T20',
        updateFeedUrl: 'https://actualizaciones.coop.example/ventanilla',
        updateChannel: 'beta',
      }),
    );
    fakes.app.isPackaged = true;
    await booted(undefined, false);
    expect(fakes.startCentral).not.toHaveBeenCalled();
    expect(fakes.createKioskCore).toHaveBeenCalledWith(
      expect.objectContaining({
        centralUrl: 'https://central.coop.example',
        requireEnrolment: true,
      }),
    );
    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://actualizaciones.coop.example/ventanilla',
    });
    expect(updater.channel).toBe('beta');
    expect(console.log).toHaveBeenCalledWith(expect.stringContaining('TM-T20'));
  });

  it.each([
    ['packaged, in a development build', true],
    ['packaged', false],
  ])(
    '%s, without a configuration file: the not-configured screen, never a demo central',
    async (_, demoBuilt) => {
      vi.stubEnv('CENTRAL_URL', '');
      fakes.app.isPackaged = true;
      await booted(undefined, demoBuilt);
      expect(fakes.startCentral).not.toHaveBeenCalled();
      expect(fakes.createKioskCore).not.toHaveBeenCalled();
      expect(updater.setFeedURL).not.toHaveBeenCalled();
      expect(created.views[0]?.webContents.loadURL).toHaveBeenCalledWith(
        'app://ventanilla/index.html',
      );
      expect(ipcMain.handle.mock.calls.map(([name]) => name as string).sort()).toEqual(
        Object.keys(kioskApi).sort(),
      );
      const info = await channel('app:info')(fromApp, undefined);
      expect(info).toMatchObject({
        ok: true,
        value: {
          host: 'electron',
          unconfigured: {
            file: path.join(temp.dir, 'kiosco.json'),
            problems: [expect.stringContaining('No está el archivo') as unknown],
          },
        },
      });
      await expect(
        channel('session:signIn')(fromApp, { email: 'a@b.ar', password: 'x' }),
      ).resolves.toMatchObject({
        ok: false,
        error: { code: 'kiosk_not_configured' },
      });
      await expect(
        channel('app:info')(
          { senderFrame: { url: 'https://x.example/', parent: null } },
          undefined,
        ),
      ).resolves.toMatchObject({
        error: { code: 'foreign_sender' },
      });
      expect(console.log).toHaveBeenCalledWith(
        expect.stringContaining('Este kiosco todavía no está configurado'),
      );
    },
  );

  it('a wrong setting opens the not-configured screen, naming it, even in development', async () => {
    vi.stubEnv('CENTRAL_URL', '');
    vi.stubEnv('KIOSK_UPDATE_CHANNEL', 'nightly');
    await booted(undefined);
    expect(fakes.startCentral).not.toHaveBeenCalled();
    expect(fakes.createKioskCore).not.toHaveBeenCalled();
    const info = (await channel('app:info')(fromApp, undefined)) as {
      value: { unconfigured: { problems: string[] } };
    };
    expect(info.value.unconfigured.problems).toEqual([
      expect.stringContaining('KIOSK_UPDATE_CHANNEL'),
    ]);
  });

  it('on quit, closes the pages, stops the core and closes the central before letting the app go', async () => {
    vi.stubEnv('CENTRAL_URL', '');
    await booted(undefined);

    const willQuit = fakes.appListeners.get('will-quit') as Listener;
    const first = { preventDefault: vi.fn() };
    willQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce());
    expect(fakes.core.stop).toHaveBeenCalledOnce();
    expect(fakes.central.close).toHaveBeenCalledOnce();
    expect(sessionOfView(0).clearStorageData).toHaveBeenCalledOnce();
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
    expect(created.windows).toHaveLength(0);
  });

  it('a second instance quits at once and touches nothing', async () => {
    app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await boot(undefined);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });
});
