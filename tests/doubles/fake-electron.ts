import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * Stand-ins for the parts of Electron the shell uses, for unit tests (Electron's binary is not
 * available to them). A test mocks `electron` with `fakeElectron` and inspects `created`.
 */

type Navigation = { url: string; prevented: boolean };
type WindowOpenHandler = (details: { url: string }) => { action: string };

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  windowOpenHandler: WindowOpenHandler | null = null;
  readonly loadURL = vi.fn((url: string) => {
    this.url = url;
    return Promise.resolve();
  });
  readonly close = vi.fn(() => {
    this.destroyed = true;
  });
  readonly isDestroyed = () => this.destroyed;
  readonly setWindowOpenHandler = vi.fn((handler: WindowOpenHandler) => {
    this.windowOpenHandler = handler;
  });
  readonly setZoomFactor = vi.fn();
  readonly setVisualZoomLevelLimits = vi.fn(() => Promise.resolve());
  readonly closeDevTools = vi.fn();
  readonly focus = vi.fn();
  readonly getPrintersAsync = vi.fn(() => Promise.resolve([] as unknown[]));
  readonly print = vi.fn(
    (_options: unknown, callback: (success: boolean, reason: string) => void) => {
      callback(true, '');
    },
  );

  /** Emits a navigation event as Electron does; tells whether a listener prevented it. */
  navigate(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect',
    url: string,
  ): Navigation {
    const navigation = { url, prevented: false };
    this.emit(event, {
      url,
      preventDefault: () => {
        navigation.prevented = true;
      },
    });
    return navigation;
  }

  /** Emits an event whose listener may call `preventDefault`; tells whether it did. */
  prevented(event: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(
      event,
      {
        preventDefault: () => {
          prevented = true;
        },
      },
      ...args,
    );
    return prevented;
  }
}

export class FakeSession extends EventEmitter {
  requestHandler: ((...args: unknown[]) => void) | null = null;
  checkHandler: ((...args: unknown[]) => boolean) | null = null;
  readonly protocol = { handle: vi.fn() };
  readonly setPermissionRequestHandler = vi.fn((handler: (...args: unknown[]) => void) => {
    this.requestHandler = handler;
  });
  readonly setPermissionCheckHandler = vi.fn((handler: (...args: unknown[]) => boolean) => {
    this.checkHandler = handler;
  });
  readonly setDevicePermissionHandler = vi.fn();
  readonly setSpellCheckerEnabled = vi.fn();
  readonly closeAllConnections = vi.fn(() => Promise.resolve());
  readonly clearStorageData = vi.fn(() => Promise.resolve());
  readonly clearCache = vi.fn(() => Promise.resolve());
  readonly clearAuthCache = vi.fn(() => Promise.resolve());

  constructor(
    readonly partition: string,
    readonly options: unknown,
  ) {
    super();
  }
}

export class FakeWebContentsView {
  readonly webContents = new FakeWebContents();
  readonly setBounds = vi.fn();
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    created.views.push(this);
    created.onView?.(this);
  }
}

export class FakeBaseWindow extends EventEmitter {
  readonly children: FakeWebContentsView[] = [];
  readonly contentView = {
    addChildView: vi.fn((view: FakeWebContentsView) => {
      this.children.push(view);
    }),
    removeChildView: vi.fn((view: FakeWebContentsView) => {
      const index = this.children.indexOf(view);
      if (index >= 0) this.children.splice(index, 1);
    }),
  };
  readonly getContentBounds = vi.fn(() => ({ x: 0, y: 0, width: 1080, height: 1920 }));
  kiosk: boolean;
  fullScreen: boolean;
  destroyed = false;
  readonly isDestroyed = () => this.destroyed;
  readonly isKiosk = () => this.kiosk;
  readonly isFullScreen = () => this.fullScreen;
  readonly setKiosk = vi.fn((flag: boolean) => {
    this.kiosk = flag;
  });
  readonly setFullScreen = vi.fn((flag: boolean) => {
    this.fullScreen = flag;
  });
  constructor(readonly options: unknown) {
    super();
    const { kiosk, fullscreen } = (options ?? {}) as { kiosk?: boolean; fullscreen?: boolean };
    this.kiosk = kiosk ?? false;
    this.fullScreen = fullscreen ?? false;
    created.windows.push(this);
  }
}

export class FakeBrowserWindow {
  readonly webContents = new FakeWebContents();
  destroyed = false;
  readonly loadURL = vi.fn((url: string) => this.webContents.loadURL(url));
  readonly isDestroyed = () => this.destroyed;
  readonly destroy = vi.fn(() => {
    this.destroyed = true;
  });
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    created.browserWindows.push(this);
    created.onBrowserWindow?.(this);
  }
}

/** Everything the fakes created since the last `resetFakeElectron()`. */
export const created = {
  views: [] as FakeWebContentsView[],
  windows: [] as FakeBaseWindow[],
  browserWindows: [] as FakeBrowserWindow[],
  sessions: new Map<string, FakeSession>(),
  /** Lets a test shape a view as it is created (a load that fails, say). */
  onView: undefined as ((view: FakeWebContentsView) => void) | undefined,
  onBrowserWindow: undefined as ((window: FakeBrowserWindow) => void) | undefined,
};

export function resetFakeElectron(): void {
  created.views.length = 0;
  created.windows.length = 0;
  created.browserWindows.length = 0;
  created.sessions.clear();
  created.onView = undefined;
  created.onBrowserWindow = undefined;
}

export const fakeElectron = {
  /** A Linux desktop without a keyring: Chromium's `basic_text`, which protects nothing. */
  safeStorage: {
    isEncryptionAvailable: vi.fn(() => true),
    getSelectedStorageBackend: vi.fn(() => 'basic_text'),
    encryptString: vi.fn((plain: string) => Buffer.from(plain)),
    decryptString: vi.fn((sealed: Buffer) => sealed.toString()),
  },
  WebContentsView: FakeWebContentsView,
  BaseWindow: FakeBaseWindow,
  BrowserWindow: FakeBrowserWindow,
  session: {
    fromPartition: vi.fn((partition: string, options?: unknown) => {
      const existing = created.sessions.get(partition);
      if (existing) return existing;
      const session = new FakeSession(partition, options);
      created.sessions.set(partition, session);
      return session;
    }),
  },
};
