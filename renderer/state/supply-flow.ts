import type { ApiError } from '../../src/contract/errors.js';
import { call } from '../lib/kiosk.js';
import { apiErrorOf } from './form.svelte.js';
import type { Navigation } from './navigation.svelte.js';
import type { CouponPrint, PaymentsHandoff } from './payments.svelte.js';
import type { Session } from './session.svelte.js';
import type { Supplies } from './supplies.svelte.js';
import {
  supplyProofOrder,
  type SupplyForms,
  type SupplyProofField,
  type SupplyProofForm,
} from './supply-forms.svelte.js';

/** Everything the supply and invoice screens hold of the customer. */
export interface SupplyState {
  supplies: Supplies;
  forms: SupplyForms;
  handoff: PaymentsHandoff;
  coupon: CouponPrint;
}

/**
 * What each button of the supply and invoice screens does. A refusal that says the session has
 * ended takes the kiosk back to the welcome through the same wipe as "Salir".
 */
export class SupplyFlow {
  readonly supplies: Supplies;
  readonly forms: SupplyForms;
  readonly handoff: PaymentsHandoff;
  readonly coupon: CouponPrint;

  constructor(
    readonly nav: Navigation,
    readonly session: Session,
    state: SupplyState,
  ) {
    this.supplies = state.supplies;
    this.forms = state.forms;
    this.handoff = state.handoff;
    this.coupon = state.coupon;
  }

  /** The home's data: the linked supplies (once a session) and the current one's last invoice. */
  async loadHome(): Promise<void> {
    const { status } = this.supplies;
    if (status === 'idle' || status === 'failed') await this.loadSupplies();
    const selected = this.supplies.selectedNumber;
    const invoice = selected === null ? null : this.supplies.invoices[selected];
    if (selected !== null && (!invoice || invoice.status === 'failed')) {
      await this.loadInvoice(selected);
    }
  }

  async loadSupplies(): Promise<void> {
    this.supplies.status = 'loading';
    try {
      const { supplies } = await call('supplies:list');
      if (!this.session.ending) this.supplies.loaded(supplies);
    } catch (caught) {
      const error = this.#unlessEnded(caught);
      if (!error) return;
      this.supplies.status = 'failed';
      this.supplies.failure = error.message;
    }
  }

  async loadInvoice(supplyNumber: string): Promise<void> {
    this.supplies.invoices[supplyNumber] = { status: 'loading' };
    try {
      const invoice = await call('invoice:latest', { supplyNumber });
      if (!this.session.ending)
        this.supplies.invoices[supplyNumber] = { status: 'loaded', invoice };
    } catch (caught) {
      const error = this.#unlessEnded(caught);
      if (error)
        this.supplies.invoices[supplyNumber] = { status: 'failed', message: error.message };
    }
  }

  /** The top bar's selector and "Usar este": every screen follows the current supply. */
  select(supplyNumber: string): void {
    this.supplies.selectedNumber = supplyNumber;
    const invoice = this.supplies.invoices[supplyNumber];
    if (!invoice || invoice.status === 'failed') void this.loadInvoice(supplyNumber);
  }

  /** Each visit to "ASOCIAR CUENTA" starts clean: no numbers nor errors of an earlier try. */
  startLink(): void {
    this.forms.link.startOver();
    this.supplies.justLinked = null;
    this.nav.go({ name: 'linkSupply' });
  }

  /** "Agregar": linked, the supply becomes the current one and "CUENTAS" shows it. */
  async link(): Promise<SupplyProofField | null> {
    const form = this.forms.link;
    const result = await this.#prove(form, () => call('supplies:link', form.toRequest()));
    if (!result.ok) return result.field;
    form.clear();
    this.supplies.linked(result.value);
    this.nav.home();
    this.nav.go({ name: 'supplies' });
    return null;
  }

  openSupplies(): void {
    this.supplies.justLinked = null;
    this.nav.go({ name: 'supplies' });
  }

  startLookup(): void {
    this.forms.lookup.startOver();
    this.nav.go({ name: 'lookup' });
  }

  /** "Consultar factura sin cuenta": the proof is kept, so "Volver" can try another supply. */
  async lookup(): Promise<SupplyProofField | null> {
    const form = this.forms.lookup;
    const result = await this.#prove(form, () => call('invoice:lookup', form.toRequest()));
    if (!result.ok) return result.field;
    this.supplies.consulted = result.value;
    this.nav.go({ name: 'lookupResult' });
    return null;
  }

  /**
   * "Volver". Back on the welcome after a consultation, the kiosk forgets the customer as at the
   * end of a session (the core too remembers the invoice, for its coupon).
   */
  back(): void {
    if (this.nav.current.name === 'payments') this.handoff.clear();
    const to = this.nav.back();
    if (to.name !== 'welcome') return;
    if (this.supplies.consulted) void this.session.end();
    else this.forms.lookup.clear();
  }

  async openPayments(): Promise<void> {
    this.nav.go({ name: 'payments' });
    await this.requestHandoff();
  }

  async requestHandoff(): Promise<void> {
    this.handoff.loading();
    try {
      const view = await call('payments:handoff');
      if (!this.session.ending && this.nav.current.name === 'payments') this.handoff.ready(view);
    } catch (caught) {
      const error = this.#unlessEnded(caught);
      if (error) this.handoff.failed(error.message);
    }
  }

  /**
   * "Abrir acá": the payments page in the shell's restricted view, below a bar of the app that
   * keeps "Volver al kiosco" and "Salir" in reach. The web host has no such view: it says so.
   */
  async openPaymentsInside(): Promise<void> {
    this.handoff.inside = 'opening';
    this.handoff.insideFailure = null;
    try {
      const { opened } = await call('payments:open');
      if (this.session.ending || this.nav.current.name !== 'payments') {
        if (opened) await call('payments:close');
        return;
      }
      this.handoff.inside = opened ? 'open' : 'unavailable';
      if (opened) this.nav.go({ name: 'paymentsInside' });
    } catch (caught) {
      const error = this.#unlessEnded(caught);
      if (!error) return;
      this.handoff.inside = 'failed';
      this.handoff.insideFailure = error.message;
    }
  }

  /**
   * While the page is open the app cannot see the customer's touches on it: the shell counts
   * them, and each look here keeps the app's idle clock in step. The page closes when the
   * "¿Seguís ahí?" warning must show (it would be hidden under it), and when the shell lost it.
   */
  async watchPaymentsInside(pollSeconds: number): Promise<void> {
    if (this.nav.current.name !== 'paymentsInside' || this.session.ending) return;
    if (this.session.inactivity.phase === 'warning') {
      await this.closePaymentsInside();
      return;
    }
    // A look that fails is simply the next one's job, two seconds later.
    const state = await call('payments:state').catch(() => null);
    if (state === null || this.nav.current.name !== 'paymentsInside') return;
    if (!state.open) this.#leavePaymentsInside();
    else if (state.idleSeconds !== null && state.idleSeconds < pollSeconds) {
      this.session.inactivity.activity();
    }
  }

  /** "Volver al kiosco" (once, however many looks and taps ask for it meanwhile). */
  async closePaymentsInside(): Promise<void> {
    if (this.#closingInside) return;
    this.#closingInside = true;
    try {
      await call('payments:close');
    } finally {
      this.#closingInside = false;
      this.#leavePaymentsInside();
    }
  }

  #closingInside = false;

  #leavePaymentsInside(): void {
    this.handoff.inside = 'closed';
    if (this.nav.current.name === 'paymentsInside') this.nav.back();
  }

  async printCoupon(invoiceNumber: string): Promise<void> {
    if (this.nav.current.name !== 'coupon') this.nav.go({ name: 'coupon' });
    this.coupon.printingInvoice(invoiceNumber);
    try {
      const { outcome } = await call('coupon:print', { invoiceNumber });
      if (!this.session.ending) this.coupon.status = outcome;
    } catch (caught) {
      const error = this.#unlessEnded(caught);
      if (error) this.coupon.failed(error.message);
    }
  }

  leave(): void {
    void this.session.end();
  }

  /** Sends a proof form; a refusal stays on it (and a wait, when the central asks for one). */
  async #prove<T>(
    form: SupplyProofForm,
    send: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; field: SupplyProofField | null }> {
    if (form.cooldown.running) return { ok: false, field: null };
    const invalid = form.firstInvalid(supplyProofOrder);
    if (invalid) return { ok: false, field: invalid };
    const result = await form.submit(send);
    if (result.ok) return result;
    if (this.#ended(result.error)) return { ok: false, field: null };
    if (result.error.retryAfterSeconds) form.cooldown.start(result.error.retryAfterSeconds);
    return { ok: false, field: form.refuse(result.error) };
  }

  /** The error to show, or null when the session ended (and the wipe has begun). */
  #unlessEnded(caught: unknown): ApiError | null {
    if (this.session.ending) return null;
    const error = apiErrorOf(caught);
    return this.#ended(error) ? null : error;
  }

  #ended(error: ApiError): boolean {
    if (error.code !== 'session_required') return false;
    void this.session.end();
    return true;
  }
}
