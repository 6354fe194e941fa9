import QRCode from 'qrcode';
import type { Catalog, PaymentsViewState } from '../contract/index.js';
import { renderPaymentCoupon } from '../documents/coupon.js';
import type { CustomerSession } from '../session/customer-session.js';
import { CentralError, type CentralClient } from '../sync/central-client.js';
import { centralCall } from './central-errors.js';
import type { KioskHandlers } from './dispatch.js';
import { KioskError, kioskErrors } from './errors.js';
import type { Printer } from './printer.js';

type SupplyMethods =
  | 'supplies:link'
  | 'supplies:list'
  | 'invoice:latest'
  | 'invoice:lookup'
  | 'payments:handoff'
  | 'payments:open'
  | 'payments:state'
  | 'payments:close'
  | 'coupon:print';

/**
 * The shell's view for the cooperative's payments page (main/customer-views.ts): it refuses any
 * URL off the configured site, and goes with the customer's session.
 */
export type PaymentsView = {
  open(url: string, settings: { paymentsUrl: string; paymentsInsideKiosk: boolean }): boolean;
  close(): Promise<void>;
  state(): PaymentsViewState;
};

/** Supplies, invoices, the payments hand-off and the coupon: the customer's own account data. */
export function supplyHandlers(deps: {
  client: CentralClient;
  session: CustomerSession;
  printer: Printer;
  catalog: () => Catalog | null;
  resourcesDir: string;
  /** The branch enrolment gave this kiosk, printed on the coupon. */
  branch: () => string | undefined;
  paymentsView?: PaymentsView;
  now: () => Date;
}): Pick<KioskHandlers, SupplyMethods> {
  const { client, session } = deps;

  /** A call on the signed-in customer's behalf; a refused token ends the session here too. */
  async function asCustomer<T>(run: (token: string) => Promise<T>): Promise<T> {
    const token = session.token();
    if (!token) throw kioskErrors.sessionRequired();
    try {
      return await centralCall(() => run(token));
    } catch (error) {
      if (error instanceof KioskError && error.code.startsWith('session_')) session.expire();
      throw error;
    }
  }

  return {
    'supplies:link': (body) => asCustomer((token) => client.call('linkSupply', { body, token })),
    'supplies:list': () => asCustomer((token) => client.call('listSupplies', { token })),
    'invoice:latest': ({ supplyNumber }) =>
      asCustomer(async (token) => {
        const [invoice, list] = await Promise.all([
          client
            .call('latestInvoice', { params: { supplyNumber }, token })
            .catch((error: unknown) => {
              if (error instanceof CentralError && error.body?.code === 'no_invoice') return null;
              throw error;
            }),
          client.call('listSupplies', { token }),
        ]);
        const supply = list.supplies.find((candidate) => candidate.number === supplyNumber);
        if (invoice && supply) session.rememberInvoice(supply, invoice);
        return invoice;
      }),
    'invoice:lookup': async (body) => {
      const found = await centralCall(() => client.call('lookupInvoice', { body }));
      session.rememberInvoice(found.supply, found.invoice);
      return found;
    },
    'payments:handoff': () =>
      asCustomer(async (token) => {
        const handoff = await client.call('paymentsHandoff', { token });
        const qrSvg = await QRCode.toString(handoff.url, {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        });
        const insideKiosk = deps.catalog()?.settings.paymentsInsideKiosk ?? false;
        return { ...handoff, qrSvg, insideKiosk };
      }),
    'payments:open': () =>
      asCustomer(async (token) => {
        const settings = deps.catalog()?.settings;
        if (!deps.paymentsView || !settings?.paymentsInsideKiosk) return { opened: false };
        // A link of its own: the one in the QR code may be on the customer's phone already.
        const handoff = await client.call('paymentsHandoff', { token });
        return { opened: deps.paymentsView.open(handoff.url, settings) };
      }),
    'payments:state': () =>
      Promise.resolve(deps.paymentsView?.state() ?? { open: false, idleSeconds: null }),
    'payments:close': async () => {
      await deps.paymentsView?.close();
      return { closed: true as const };
    },
    'coupon:print': async ({ invoiceNumber }) => {
      const seen = session.invoiceSeen(invoiceNumber);
      if (!seen) {
        throw new KioskError(
          'invoice_not_shown',
          'Primero buscá la factura y después imprimí su cupón.',
        );
      }
      const { invoice } = seen;
      // A paid invoice, which the billing system may send without its barcode, has no coupon.
      if (invoice.state !== 'pendiente' || invoice.paymentBarcode === null) {
        throw new KioskError(
          'invoice_paid',
          'Esta factura ya está pagada: no tiene cupón de pago.',
        );
      }
      const branding = deps.catalog()?.branding;
      const pdf = await renderPaymentCoupon({
        branding: branding ?? { cooperativeName: '', fullName: '' },
        supply: seen.supply,
        invoice: { ...invoice, paymentBarcode: invoice.paymentBarcode },
        printedAt: deps.now(),
        branch: deps.branch(),
        resourcesDir: deps.resourcesDir,
      });
      return deps.printer.print(pdf, {
        kind: 'coupon',
        name: `cupon-${invoiceNumber.replace(/[^\w-]/g, '')}`,
        folder: session.tempDir(),
      });
    },
  };
}
