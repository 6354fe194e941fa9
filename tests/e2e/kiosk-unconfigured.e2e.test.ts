import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKioskConfiguration } from '../../main/kiosk-config.js';
import { unconfiguredHandlers } from '../../main/unconfigured-kiosk.js';
import { startWebHost, type WebHost } from '../../src/webhost/server.js';
import { browserAvailable, launchChromium } from '../helpers/browser.js';
import { rendererDir } from '../helpers/kiosk-stack.js';
import { checkScreen, heading } from './account-helpers.js';

/**
 * A packaged kiosk without its configuration file, as main/ serves it: the built renderer on the
 * kiosk API of main/unconfigured-kiosk.ts, with the problems main/kiosk-config.ts found.
 */
describe.runIf(browserAvailable())('a kiosk IT has not configured (system Chromium)', () => {
  let browser: Browser;
  let host: WebHost;
  let page: Page;
  const configuration = readKioskConfiguration({
    env: { KIOSK_CONFIG: '/nonexistent/ventanilla/kiosco.json', KIOSK_UPDATE_CHANNEL: 'nightly' },
    demoAllowed: false,
  });

  beforeAll(async () => {
    if (configuration.state !== 'unconfigured') throw new Error('expected an unconfigured kiosk');
    host = await startWebHost({
      handlers: unconfiguredHandlers('0.0.0-test', configuration),
      rendererDir,
      port: 0,
      log: () => {},
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('says it is not configured, what is missing and what IT must do, and serves nobody', async () => {
    await page.goto(host.url);
    await expect
      .poll(() => heading(page), { timeout: 30_000 })
      .toBe('Este kiosco todavía no está configurado');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('acercate al mostrador');
    expect(text).toContain(
      'No está el archivo /nonexistent/ventanilla/kiosco.json, que dice a qué central se conecta este kiosco.',
    );
    expect(text).toContain(
      'updateChannel: tiene que ser "stable" o "beta". (de la variable KIOSK_UPDATE_CHANNEL)',
    );
    expect(text).toContain('sudo systemctl restart ventanilla');
    // Nothing of a customer's: no sign-in, no registration, no request types.
    expect(await page.getByRole('button', { name: 'Iniciar Sesión' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Registrarse' }).count()).toBe(0);
    expect(await page.getByTestId('request-type').count()).toBe(0);
    await checkScreen(page, 'unconfigured', { prefix: 'kiosk', back: false });
  });
});
