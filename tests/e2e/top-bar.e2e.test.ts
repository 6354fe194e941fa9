import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshotPath } from '../helpers/browser.js';
import { button, heading } from './account-helpers.js';
import { demoSupplyScript, maria } from './demo-supplies.js';
import { panelText, signIn, useDemoKiosk } from './supplies-helpers.js';

const offlineWithWaiting = {
  'sync:status': () =>
    Promise.resolve({
      online: false,
      lastSyncAt: '2026-11-28T14:55:00.000Z',
      lastAttemptAt: '2026-11-28T15:00:00.000Z',
      lastError: 'La central no responde.',
    }),
  'outbox:status': () =>
    Promise.resolve({
      waiting: 128,
      rejected: 0,
      needsAuth: 0,
      oldestWaitingAt: '2026-11-28T12:00:00.000Z',
    }),
};

/** The top bar's height, and whether anything in it reaches past the window's width. */
function barLayout(page: Page) {
  return page.evaluate(() => {
    const bar = document.querySelector('header.top-bar')!;
    const overflowing = [...bar.querySelectorAll('*')].filter(
      (el) => el.getBoundingClientRect().right > window.innerWidth,
    ).length;
    return { height: bar.getBoundingClientRect().height, overflowing };
  });
}

describe.runIf(browserAvailable())(
  'the top bar with the cooperative’s real logo (system Chromium, scripted core)',
  () => {
    const kiosk = useDemoKiosk({
      script: () => ({ ...demoSupplyScript(maria, ['100234', '100235']), ...offlineWithWaiting }),
    });

    it('keeps one row with the logo, the supply selector, the buttons and many waiting requests', async () => {
      const page = await kiosk.open();
      await expect.poll(() => heading(page)).toContain('bienvenida');
      const badge = page.getByTestId('sync-status');
      await expect.poll(() => badge.textContent()).toContain('128 trámites por enviar');
      await page.screenshot({ path: screenshotPath('top-bar-welcome-waiting') });
      const welcome = await barLayout(page);
      expect(welcome.overflowing).toBe(0);
      expect(welcome.height).toBeLessThanOrEqual(100);

      await signIn(page, maria);
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('$ 19.875,40');
      await expect.poll(() => badge.textContent()).toContain('128');
      await page.screenshot({ path: screenshotPath('top-bar-home-waiting') });
      // Beside the supply selector the link's state is still said in words, not a dot alone.
      const state = badge.getByText('Sin conexión', { exact: true });
      expect(await state.isVisible()).toBe(true);
      const box = await state.boundingBox();
      expect(box?.width).toBeGreaterThan(80);
      expect(await state.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      const home = await barLayout(page);
      expect(home.overflowing).toBe(0);
      expect(home.height).toBeLessThanOrEqual(100);

      // With "Texto grande" the bar may take a second row, never the window's width.
      await button(page, 'Texto grande').click();
      const large = await barLayout(page);
      expect(large.overflowing).toBe(0);
      expect(await state.isVisible()).toBe(true);
      await page.screenshot({ path: screenshotPath('top-bar-home-waiting-large') });
    });
  },
);
