import { t } from '../../lib/messages.js';

/** "1 página", "3 páginas". */
export function pagesText(count: number): string {
  return count === 1 ? t('requests.review.pageOne') : t('requests.review.pageMany', { count });
}

/** "N.º 100234 · Av. San Martín 1234, Colón": the supply a request is about. */
export function supplyText(number: string, address: string | null): string {
  return address
    ? t('requests.supply.withAddress', { number, address })
    : t('requests.supply.number', { number });
}
