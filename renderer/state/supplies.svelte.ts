import type { Invoice, Supply } from '../../src/contract/supplies.js';

/** The last invoice of one supply as the screens show it, while it is asked for and after. */
export type InvoiceView =
  | { status: 'loading' }
  | { status: 'loaded'; invoice: Invoice | null }
  | { status: 'failed'; message: string };

/** A supply with its invoice, found by "Consultar factura sin cuenta" (no account, no list). */
export interface ConsultedInvoice {
  supply: Supply;
  invoice: Invoice;
}

/**
 * The customer's supplies: the linked ones, which one is current (the top bar's selector and
 * "Usar este" change it, every screen follows), and the last invoice of each one asked for. All of
 * it is the customer's and is forgotten with the session.
 */
export class Supplies {
  list = $state<Supply[]>([]);
  status = $state<'idle' | 'loading' | 'loaded' | 'failed'>('idle');
  failure = $state<string | null>(null);
  selectedNumber = $state<string | null>(null);
  invoices = $state<Record<string, InvoiceView>>({});
  consulted = $state<ConsultedInvoice | null>(null);
  /** The supply "Agregar" just linked, for "CUENTAS" to confirm once. */
  justLinked = $state<string | null>(null);

  readonly selected = $derived(
    this.list.find((supply) => supply.number === this.selectedNumber) ?? null,
  );
  readonly selectedInvoice = $derived(
    this.selectedNumber === null ? null : (this.invoices[this.selectedNumber] ?? null),
  );
  /** "Solicitud de Revisión de Pilar" starts only from an active energy supply. */
  readonly selectedIsActiveEnergy = $derived(
    this.selected?.service === 'energia' && this.selected.state === 'activo',
  );

  /** The list from the kiosk; the current supply stays if it is still linked, else the first. */
  loaded(list: Supply[]): void {
    this.list = list;
    this.status = 'loaded';
    this.failure = null;
    if (!list.some((supply) => supply.number === this.selectedNumber)) {
      this.selectedNumber = list[0]?.number ?? null;
    }
  }

  /** A supply just linked: added once (linking twice answers the same supply) and made current. */
  linked(supply: Supply): void {
    if (!this.list.some((known) => known.number === supply.number)) {
      this.list = [...this.list, supply];
    }
    this.status = 'loaded';
    this.selectedNumber = supply.number;
    this.justLinked = supply.number;
  }

  clear(): void {
    this.list = [];
    this.status = 'idle';
    this.failure = null;
    this.selectedNumber = null;
    this.invoices = {};
    this.consulted = null;
    this.justLinked = null;
  }
}
