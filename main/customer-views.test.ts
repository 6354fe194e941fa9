import type { BaseWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FakeBaseWindow,
  created,
  fakeElectron,
  resetFakeElectron,
  type FakeSession,
  type FakeWebContentsView,
} from '../tests/doubles/fake-electron.js';

vi.mock('electron', async () => (await import('../tests/doubles/fake-electron.js')).fakeElectron);

const { createCustomerViews } = await import('./customer-views.js');

const payments = { paymentsUrl: 'https://pagos.example.com/', paymentsInsideKiosk: true };

function setUp() {
  const window = new FakeBaseWindow({});
  const serveApp = vi.fn();
  const onInput = vi.fn();
  const log = vi.fn();
  const views = createCustomerViews({
    window: window as unknown as BaseWindow,
    preloadPath: '/app/.vite/build/preload.cjs',
    entryUrl: 'app://ventanilla/index.html',
    appOrigin: 'app://ventanilla',
    serveApp,
    onInput,
    log,
  });
  return { window, views, serveApp, onInput, log };
}

function sessionOf(view: FakeWebContentsView | undefined): FakeSession {
  const partition = view?.options.webPreferences?.partition as string;
  const session = created.sessions.get(partition);
  if (!session) throw new Error(`no session ${partition}`);
  return session;
}

function expectWiped(session: FakeSession): void {
  expect(session.clearStorageData).toHaveBeenCalledOnce();
  expect(session.clearCache).toHaveBeenCalledOnce();
  expect(session.clearAuthCache).toHaveBeenCalledOnce();
  expect(session.closeAllConnections).toHaveBeenCalledOnce();
}

describe('customer views', () => {
  beforeEach(() => {
    resetFakeElectron();
    vi.clearAllMocks();
  });

  it('opens the app in a fresh in-memory partition, locked down and served by app://', async () => {
    const { window, views, serveApp } = setUp();
    await views.newCustomer();

    const [view] = created.views;
    const partition = view?.options.webPreferences?.partition as string;
    expect(partition).toMatch(
      /^kiosk-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(partition).not.toContain('persist:');
    expect(fakeElectron.session.fromPartition).toHaveBeenCalledWith(partition, { cache: false });
    expect(view?.options.webPreferences).toMatchObject({
      preload: '/app/.vite/build/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    const session = sessionOf(view);
    expect(serveApp).toHaveBeenCalledWith(session);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(session.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(view?.webContents.loadURL).toHaveBeenCalledWith('app://ventanilla/index.html');
    expect(window.children).toEqual([view]);
    expect(view?.webContents.focus).toHaveBeenCalledOnce();
    expect(view?.setBounds).toHaveBeenLastCalledWith({ x: 0, y: 0, width: 1080, height: 1920 });
    expect(views.partition()).toBe(partition);
  });

  it('locks the app page to its origin: navigation, pop-ups, shortcuts', async () => {
    const { views } = setUp();
    await views.newCustomer();
    const contents = created.views[0]?.webContents;
    expect(contents?.navigate('will-navigate', 'https://evil.example/').prevented).toBe(true);
    expect(contents?.navigate('will-navigate', 'app://ventanilla/index.html').prevented).toBe(
      false,
    );
    expect(contents?.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('at the end of a visit: the app in a new partition first, then the old one closed and wiped', async () => {
    const { window, views } = setUp();
    await views.newCustomer();
    await views.newCustomer();

    const [first, second] = created.views;
    expect(sessionOf(first).partition).not.toBe(sessionOf(second).partition);
    expect(window.children).toEqual([second]);
    expect(first?.webContents.close).toHaveBeenCalledOnce();
    expectWiped(sessionOf(first));
    expect(sessionOf(second).clearStorageData).not.toHaveBeenCalled();
    expect(second?.webContents.loadURL.mock.invocationCallOrder[0]).toBeLessThan(
      first?.webContents.close.mock.invocationCallOrder[0] ?? 0,
    );
    expect(window.contentView.addChildView.mock.invocationCallOrder[1]).toBeLessThan(
      window.contentView.removeChildView.mock.invocationCallOrder[0] ?? 0,
    );
  });

  it('turns several end-of-visit signals at once into one new partition', async () => {
    const { views } = setUp();
    await views.newCustomer();
    await Promise.all([views.newCustomer(), views.newCustomer(), views.newCustomer()]);
    expect(created.views).toHaveLength(2);
  });

  it('replaces the old page even when the new one fails to load', async () => {
    const { window, views, log } = setUp();
    await views.newCustomer();
    const first = created.views[0];
    created.onView = (view) =>
      view.webContents.loadURL.mockRejectedValueOnce(new Error('ERR_FAILED'));
    await views.newCustomer();
    expect(window.children).toEqual([created.views[1]]);
    expectWiped(sessionOf(first));
    expect(log).toHaveBeenCalledWith(expect.stringContaining('partición nueva'), expect.any(Error));
  });

  it('starts over in a new partition when the page crashes', async () => {
    const { views } = setUp();
    await views.newCustomer();
    created.views[0]?.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    await vi.waitFor(() => expect(created.views).toHaveLength(2));
    await vi.waitFor(() => expect(created.views[0]?.webContents.close).toHaveBeenCalled());
  });

  it('reports deliberate input (touch, key, click) and not pointer moves', async () => {
    const { views, onInput } = setUp();
    await views.newCustomer();
    const contents = created.views[0]?.webContents;
    contents?.emit('input-event', {}, { type: 'mouseMove' });
    expect(onInput).not.toHaveBeenCalled();
    for (const type of ['touchStart', 'mouseDown', 'keyDown', 'gestureTap']) {
      contents?.emit('input-event', {}, { type });
    }
    expect(onInput).toHaveBeenCalledTimes(4);
  });

  it('follows the window size', async () => {
    const { window, views } = setUp();
    await views.newCustomer();
    window.getContentBounds.mockReturnValue({ x: 0, y: 0, width: 768, height: 1366 });
    window.emit('resize');
    expect(created.views[0]?.setBounds).toHaveBeenLastCalledWith({
      x: 0,
      y: 0,
      width: 768,
      height: 1366,
    });
  });

  it('closes and wipes everything on close', async () => {
    const { window, views } = setUp();
    await views.newCustomer();
    views.openPayments('https://pagos.example.com/?token=abc', payments);
    await views.close();
    expect(window.children).toEqual([]);
    for (const view of created.views) expectWiped(sessionOf(view));
    expect(views.appContents()).toBeNull();
    await views.newCustomer();
    expect(window.children).toEqual([]);
  });
});

describe('the payments page inside the kiosk', () => {
  beforeEach(() => {
    resetFakeElectron();
    vi.clearAllMocks();
  });

  async function withCustomer() {
    const setup = setUp();
    await setup.views.newCustomer();
    return setup;
  }

  it('opens in a restricted view of its own, below the app top bar', async () => {
    const { window, views } = await withCustomer();
    expect(views.openPayments('https://pagos.example.com/entrar?token=abc', payments)).toBe(true);

    const view = created.views[1];
    const preferences = view?.options.webPreferences ?? {};
    expect(preferences.partition).toMatch(/^payments-[0-9a-f-]{36}$/);
    expect(preferences.preload).toBeUndefined();
    expect(preferences).toMatchObject({ sandbox: true, contextIsolation: true, devTools: false });
    expect(view?.webContents.loadURL).toHaveBeenCalledWith(
      'https://pagos.example.com/entrar?token=abc',
    );
    expect(window.children).toEqual([created.views[0], view]);
    expect(view?.setBounds).toHaveBeenLastCalledWith({ x: 0, y: 96, width: 1080, height: 1824 });
    expect(views.paymentsOpen()).toBe(true);
  });

  it('stays on the payments site, gets no pop-ups and no permissions at all', async () => {
    const { views } = await withCustomer();
    views.openPayments('https://pagos.example.com/', payments);
    const view = created.views[1];
    const contents = view?.webContents;
    expect(contents?.navigate('will-navigate', 'https://pagos.example.com/factura').prevented).toBe(
      false,
    );
    expect(contents?.navigate('will-navigate', 'https://banco.example/').prevented).toBe(true);
    expect(contents?.navigate('will-redirect', 'app://ventanilla/index.html').prevented).toBe(true);
    expect(contents?.windowOpenHandler?.({ url: 'https://pagos.example.com/x' })).toEqual({
      action: 'deny',
    });
    const callback = vi.fn();
    sessionOf(view).requestHandler?.({}, 'media', callback, {
      requestingUrl: 'https://pagos.example.com/',
      mediaTypes: ['video'],
    });
    expect(callback).toHaveBeenCalledWith(false);
  });

  it.each([
    [
      'the cooperative does not allow it',
      'https://pagos.example.com/',
      { ...payments, paymentsInsideKiosk: false },
    ],
    ['another site', 'https://evil.example/', payments],
    ['a look-alike host', 'https://pagos.example.com.evil.example/', payments],
    [
      'plain HTTP',
      'http://pagos.example.com/',
      { ...payments, paymentsUrl: 'http://pagos.example.com/' },
    ],
  ])('is refused for %s', async (_case, url, settings) => {
    const { views } = await withCustomer();
    expect(views.openPayments(url, settings)).toBe(false);
    expect(created.views).toHaveLength(1);
  });

  it('goes with the customer: destroyed and wiped when the visit ends', async () => {
    const { window, views } = await withCustomer();
    views.openPayments('https://pagos.example.com/', payments);
    const paymentsView = created.views[1];
    await views.newCustomer();
    expect(paymentsView?.webContents.close).toHaveBeenCalledOnce();
    expectWiped(sessionOf(paymentsView));
    expect(views.paymentsOpen()).toBe(false);
    expect(window.children).toEqual([created.views[2]]);
  });

  it('tells the app how long the customer has not touched it, since the app cannot see those touches', async () => {
    const { views, onInput } = await withCustomer();
    expect(views.paymentsState()).toEqual({ open: false, idleSeconds: null });
    vi.useFakeTimers({ now: new Date('2026-11-29T12:00:00Z'), toFake: ['Date'] });
    try {
      views.openPayments('https://pagos.example.com/', payments);
      vi.setSystemTime(new Date('2026-11-29T12:00:40Z'));
      expect(views.paymentsState()).toEqual({ open: true, idleSeconds: 40 });
      created.views[1]?.webContents.emit('input-event', {}, { type: 'mouseMove' });
      expect(views.paymentsState().idleSeconds).toBe(40);
      created.views[1]?.webContents.emit('input-event', {}, { type: 'touchStart' });
      expect(views.paymentsState()).toEqual({ open: true, idleSeconds: 0 });
      expect(onInput).toHaveBeenCalledOnce();
      await views.closePayments();
      expect(views.paymentsState()).toEqual({ open: false, idleSeconds: null });
    } finally {
      vi.useRealTimers();
    }
  });

  it('can be closed on its own, leaving the app as it was', async () => {
    const { window, views } = await withCustomer();
    views.openPayments('https://pagos.example.com/', payments);
    await views.closePayments();
    expect(window.children).toEqual([created.views[0]]);
    expectWiped(sessionOf(created.views[1]));
    expect(sessionOf(created.views[0]).clearStorageData).not.toHaveBeenCalled();
  });
});
