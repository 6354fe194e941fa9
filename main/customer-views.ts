import type { BaseWindow, Session, WebContents } from 'electron';
import type { PaymentsView } from '../src/kiosk/supply-handlers.js';
import { isAllowedUrl, lockDownContents } from './lockdown/contents.js';
import { lockDownSession } from './lockdown/permissions.js';
import {
  createPartitionedView,
  destroyPartitionedView,
  type PartitionedView,
} from './partitioned-view.js';
import {
  CUSTOMER_PARTITION_PREFIX,
  PAYMENTS_PARTITION_PREFIX,
  appViewPreferences,
  paymentsViewPreferences,
} from './window.js';

export type CustomerViewsOptions = {
  window: BaseWindow;
  preloadPath: string;
  /** What a new customer's view loads: `app://ventanilla/index.html`, or the dev server. */
  entryUrl: string;
  /** The app's origin: its only navigation target and the only origin that gets the camera. */
  appOrigin: string;
  devTools?: boolean;
  /** Registers the app:// handler on a new partition (not needed against the dev server). */
  serveApp?: (session: Session) => void;
  /** Someone touched or typed on the kiosk. */
  onInput?: () => void;
  log: (message: string, error?: unknown) => void;
  /** How much of the app (its top bar, with the way back) stays visible above the payments page. */
  paymentsTopInset?: number;
};

/** The cooperative's settings for "Facturas y Pagos" (catalogue settings). */
export type PaymentsSettings = { paymentsUrl: string; paymentsInsideKiosk: boolean };

/** Input that means a person is at the kiosk (not pointer moves, which a loose mouse makes). */
const deliberateInput = new Set([
  'mouseDown',
  'mouseWheel',
  'rawKeyDown',
  'keyDown',
  'touchStart',
  'gestureTap',
  'gestureScrollBegin',
]);

const defaultPaymentsTopInset = 96;

/**
 * The pages of the kiosk window. Each customer gets the app in a fresh in-memory partition;
 * `newCustomer()` (at the end of a session) loads the app in a new partition, shows it, and only
 * then closes the old page and wipes its partition. The payments site, when the cooperative allows
 * it inside the kiosk, opens in a restricted view of its own that goes with the customer.
 */
export function createCustomerViews(options: CustomerViewsOptions) {
  const { window, log } = options;
  let customer: PartitionedView | null = null;
  let payments: PartitionedView | null = null;
  let replacing: Promise<void> | null = null;
  let closed = false;
  /** When the customer last touched the payments page: the app's idle clock cannot see it. */
  let paymentsTouchedAt = 0;

  function layout(): void {
    const { width, height } = window.getContentBounds();
    customer?.view.setBounds({ x: 0, y: 0, width, height });
    const inset = Math.min(options.paymentsTopInset ?? defaultPaymentsTopInset, height);
    payments?.view.setBounds({ x: 0, y: inset, width, height: height - inset });
  }
  window.on('resize', layout);

  function watchInput(contents: WebContents, touched?: () => void): void {
    contents.on('input-event', (_event, input) => {
      if (!deliberateInput.has(input.type)) return;
      touched?.();
      options.onInput?.();
    });
  }

  function createCustomerView(): PartitionedView {
    const created = createPartitionedView(
      CUSTOMER_PARTITION_PREFIX,
      (partition) =>
        appViewPreferences(options.preloadPath, partition, { devTools: options.devTools }),
      (session) => {
        lockDownSession(session, options.appOrigin);
        options.serveApp?.(session);
      },
    );
    const contents = created.view.webContents;
    lockDownContents(contents, {
      allowedOrigin: options.appOrigin,
      devTools: options.devTools,
      log: (message) => log(message),
    });
    watchInput(contents);
    contents.on('render-process-gone', (_event, details) => {
      log(`La página del kiosco se cerró (${details.reason}); se abre de nuevo`);
      if (customer === created) void newCustomer();
    });
    return created;
  }

  async function replaceCustomer(): Promise<void> {
    const next = createCustomerView();
    try {
      await next.view.webContents.loadURL(options.entryUrl);
    } catch (error) {
      // The old customer's page goes regardless: privacy comes before a blank screen.
      log('No se pudo cargar la aplicación en la partición nueva', error);
    }
    if (closed) {
      await destroyPartitionedView(window, next, log);
      return;
    }
    const previous = customer;
    customer = next;
    window.contentView.addChildView(next.view);
    layout();
    // A keyboard, when the kiosk has one, types into the page the customer sees.
    next.view.webContents.focus();
    await closePayments();
    if (previous) await destroyPartitionedView(window, previous, log);
  }

  /** A new customer: the app in a new partition, then the old one closed and wiped. */
  function newCustomer(): Promise<void> {
    replacing ??= replaceCustomer().finally(() => {
      replacing = null;
    });
    return replacing;
  }

  /**
   * Opens the payments page inside the kiosk, when the cooperative allows it and `url` is on its
   * payments site. False when refused; the caller then offers the QR code for the phone only.
   */
  function openPayments(url: string, settings: PaymentsSettings): boolean {
    if (closed || customer === null || !settings.paymentsInsideKiosk) return false;
    // The page handles money and a hand-off token: only the configured site, and only over TLS.
    if (!isAllowedUrl(url, settings.paymentsUrl) || !url.startsWith('https:')) {
      log(`Página de pagos rechazada: ${url}`);
      return false;
    }
    void closePayments();
    const opened = createPartitionedView(PAYMENTS_PARTITION_PREFIX, paymentsViewPreferences, (s) =>
      lockDownSession(s, null),
    );
    const contents = opened.view.webContents;
    lockDownContents(contents, { allowedOrigin: settings.paymentsUrl, log: (m) => log(m) });
    paymentsTouchedAt = Date.now();
    watchInput(contents, () => {
      paymentsTouchedAt = Date.now();
    });
    contents.on('render-process-gone', () => {
      if (payments === opened) void closePayments();
    });
    payments = opened;
    window.contentView.addChildView(opened.view);
    layout();
    contents
      .loadURL(url)
      .catch((error: unknown) => log('No se pudo abrir la página de pagos', error));
    return true;
  }

  async function closePayments(): Promise<void> {
    const open = payments;
    payments = null;
    if (open) await destroyPartitionedView(window, open, log);
  }

  return {
    newCustomer,
    openPayments,
    closePayments,
    paymentsOpen: () => payments !== null,
    /** For the app's bar above the page: still open, and seconds since the last touch on it. */
    paymentsState: () =>
      payments === null
        ? { open: false, idleSeconds: null }
        : { open: true, idleSeconds: Math.max(0, (Date.now() - paymentsTouchedAt) / 1000) },
    /** The app's page, for calls that need a live WebContents (the printer list). */
    appContents: (): WebContents | null => customer?.view.webContents ?? null,
    /** The current customer's partition name (tests and diagnostics). */
    partition: (): string | null => customer?.partition ?? null,
    async close(): Promise<void> {
      closed = true;
      window.off('resize', layout);
      await replacing;
      await closePayments();
      const last = customer;
      customer = null;
      if (last) await destroyPartitionedView(window, last, log);
    },
  };
}

export type CustomerViews = ReturnType<typeof createCustomerViews>;

/**
 * The payments view as the kiosk core uses it. The core is created before the window, so the
 * views are looked up at each call; before they exist the page simply does not open.
 */
export function paymentsViewOf(views: () => CustomerViews | null): PaymentsView {
  return {
    open: (url, settings) => views()?.openPayments(url, settings) ?? false,
    close: () => views()?.closePayments() ?? Promise.resolve(),
    state: () => views()?.paymentsState() ?? { open: false, idleSeconds: null },
  };
}
