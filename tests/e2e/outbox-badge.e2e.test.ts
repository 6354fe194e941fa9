import { describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.js';
import { checkScreen, heading } from './account-helpers.js';
import { useScriptedKiosk } from './scripted-suite.js';

const outbox = (waiting: number) => ({
  waiting,
  rejected: 0,
  needsAuth: 0,
  oldestWaitingAt: waiting > 0 ? '2026-11-28T12:00:00.000Z' : null,
});

describe.runIf(browserAvailable())(
  'requests waiting in the kiosk (system Chromium, scripted core)',
  () => {
    const kiosk = useScriptedKiosk();

    it('says how many requests wait to be sent, next to the link state, and nothing when none', async () => {
      kiosk.core.script({ 'outbox:status': () => Promise.resolve(outbox(3)) });
      const page = await kiosk.open();
      await expect.poll(() => heading(page)).toContain('bienvenida');
      const badge = page.getByTestId('sync-status');
      await expect.poll(() => badge.textContent()).toContain('3 trámites por enviar');
      await checkScreen(page, 'outbox-waiting', { back: false });

      kiosk.core.script({ 'outbox:status': () => Promise.resolve(outbox(1)) });
      await page.reload();
      await expect.poll(() => badge.textContent()).toContain('1 trámite por enviar');

      kiosk.core.script({ 'outbox:status': () => Promise.resolve(outbox(0)) });
      await page.reload();
      await expect.poll(() => badge.textContent()).toContain('En línea');
      await expect.poll(() => badge.textContent()).not.toContain('por enviar');
    });
  },
);
