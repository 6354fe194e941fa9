import { t } from '../../lib/messages.js';

/** "1 página", "3 páginas". */
export function pagesText(count: number): string {
  return count === 1 ? t('requests.review.pageOne') : t('requests.review.pageMany', { count });
}
