/**
 * What identifies a supply on a printed invoice: the supply number or the invoice number (up to
 * 20 characters, typed with or without its dots and dashes), or the payment barcode (21 to 60
 * digits), which is what the camera reads.
 */
export const supplyOrInvoiceNumberPattern = /^(?:[0-9A-Z]{1,20}|\d{21,60})$/;
export const supplyOrInvoiceNumberMaxLength = 60;

/** Dots, dashes and spaces as printed on the invoice may be typed or left out. */
export function compactSupplyNumber(typed: string): string {
  return typed.replace(/[\s.-]/g, '').toUpperCase();
}

export function isSupplyOrInvoiceNumber(typed: string): boolean {
  return supplyOrInvoiceNumberPattern.test(compactSupplyNumber(typed));
}
