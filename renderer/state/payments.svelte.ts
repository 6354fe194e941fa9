import type { HandoffView } from '../../src/contract/kiosk-api.js';
import { Countdown } from './countdown.svelte.js';
import { PrintStatus } from './request-flow-state.svelte.js';

/**
 * "Ir a Facturas y Pagos": the one-time link for the customer's phone, and how long it lasts.
 * The link opens the customer's account without a password, so it goes with the session.
 */
export class PaymentsHandoff {
  status = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  view = $state<HandoffView | null>(null);
  failure = $state<string | null>(null);
  /** Seconds until the link stops working; at 0 the code is taken off the screen. */
  readonly validity = new Countdown();

  readonly expired = $derived(this.status === 'ready' && !this.validity.running);
  /** The payments page inside the kiosk (where the cooperative allows it and the shell can). */
  inside = $state<'closed' | 'opening' | 'open' | 'unavailable' | 'failed'>('closed');
  insideFailure = $state<string | null>(null);

  loading(): void {
    this.clear();
    this.status = 'loading';
  }

  ready(view: HandoffView): void {
    this.view = view;
    this.status = 'ready';
    this.validity.start(Math.floor((Date.parse(view.expiresAt) - Date.now()) / 1000));
  }

  failed(message: string): void {
    this.status = 'failed';
    this.failure = message;
  }

  clear(): void {
    this.status = 'idle';
    this.view = null;
    this.failure = null;
    this.validity.stop();
    this.inside = 'closed';
    this.insideFailure = null;
  }
}

/** "Imprimir cupón de pago": which invoice, and how the print went. */
export class CouponPrint extends PrintStatus {
  invoiceNumber = $state<string | null>(null);

  printingInvoice(invoiceNumber: string): void {
    this.invoiceNumber = invoiceNumber;
    this.printing();
  }

  override clear(): void {
    super.clear();
    this.invoiceNumber = null;
  }
}
