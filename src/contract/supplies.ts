import { z } from 'zod';
import { validateBirthDate } from '../domain/account.js';
import { documentTypes, normalizeDocumentNumber } from '../domain/document.js';
import { compactSupplyNumber, supplyOrInvoiceNumberPattern } from '../domain/supply.js';

/** Supplies and invoices as both sides see them (master data from the billing system). */
export const serviceKinds = ['energia', 'internet', 'servicio-social'] as const;
export const ServiceKind = z.enum(serviceKinds);
export type ServiceKind = z.infer<typeof ServiceKind>;

export const supplyStates = ['activo', 'baja', 'en-tramite'] as const;
export const SupplyState = z.enum(supplyStates);
export type SupplyState = z.infer<typeof SupplyState>;

export const Supply = z.object({
  number: z.string().regex(/^\d{1,12}$/),
  service: ServiceKind,
  address: z.string().min(1),
  state: SupplyState,
});
export type Supply = z.infer<typeof Supply>;

export const invoiceStates = ['pendiente', 'pagada', 'anulada'] as const;
export const InvoiceState = z.enum(invoiceStates);

export const Invoice = z.object({
  number: z.string().min(1),
  supplyNumber: z.string(),
  /** YYYY-MM */
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  /** Whole cents: money is never a float. */
  amountCents: z.number().int().min(0),
  /** YYYY-MM-DD */
  dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  state: InvoiceState,
  /** Unpaid and past its due date, as of the central's clock. */
  overdue: z.boolean(),
  /**
   * The string the payment barcode encodes (what the counter and payment agents scan); null for a
   * paid or annulled invoice the billing system sent without one.
   */
  paymentBarcode: z
    .string()
    .regex(/^\d{20,60}$/)
    .nullable(),
});
export type Invoice = z.infer<typeof Invoice>;

const HolderCheck = {
  documentType: z.enum(documentTypes),
  documentNumber: z.string().min(1).max(40).transform(normalizeDocumentNumber),
  /** YYYY-MM-DD */
  birthDate: z.string().superRefine((value, context) => {
    const message = validateBirthDate(value, new Date());
    if (message) context.addIssue({ code: 'custom', message });
  }),
};

/**
 * "ASOCIAR CUENTA": the supply (or an invoice of it) and the holder's data must all match. The
 * number may be the supply's, an invoice's, or the invoice's payment barcode (up to 60 digits),
 * which is what the camera reads from a printed invoice.
 */
export const LinkSupplyRequest = z.object({
  supplyOrInvoiceNumber: z
    .string()
    .transform(compactSupplyNumber)
    .pipe(
      z
        .string()
        .regex(
          supplyOrInvoiceNumberPattern,
          'Revisá el número: está arriba a la izquierda en tu factura.',
        ),
    ),
  ...HolderCheck,
});
export type LinkSupplyRequest = z.input<typeof LinkSupplyRequest>;

export const SupplyList = z.object({ supplies: z.array(Supply) });

export const SupplyParams = z.object({ supplyNumber: Supply.shape.number });

/** "Consultar factura sin cuenta": same proof as linking, answer only the last invoice. */
export const InvoiceLookupRequest = LinkSupplyRequest;
export const InvoiceLookup = z.object({ supply: Supply, invoice: Invoice });

/** "Ir a Facturas y Pagos" without signing in again: a short-lived, single-use hand-off. */
export const PaymentsHandoff = z.object({
  /** The cooperative's payments site with the one-time token in it. */
  url: z.url(),
  expiresAt: z.iso.datetime(),
});
export type PaymentsHandoff = z.infer<typeof PaymentsHandoff>;

/** What the payments site learns when it redeems the token (once). */
export const HandoffRedeemRequest = z.object({ token: z.string().min(22).max(200) });
export const HandoffRedeemed = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  supplies: z.array(Supply),
});
