/**
 * Every time a customer reads (screens, receipts, mails) is Argentina's, whatever zone the
 * machine that shows it was set to.
 */
export const argentinaTimeZone = 'America/Argentina/Buenos_Aires';
