import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium, screenshotPath } from '../helpers/browser.js';
import { startKioskStack, type KioskStack } from '../helpers/kiosk-stack.js';
import { expectNoAxeViolations } from './axe.js';

const requestTitles = [
  'Solicitud Alta Energía',
  'Solicitud de Servicio Social',
  'Solicitud de Servicio Internet',
  'Solicitud de Revisión de Pilar',
];

describe.runIf(browserAvailable())('welcome screen (system Chromium, web host)', () => {
  let browser: Browser;
  let stack: KioskStack;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startKioskStack();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the cooperative, the two entry buttons and the catalogue from the central', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    const served = await page.goto(stack.url);
    // The policy is a header (frame-ancestors counts only there), not a meta tag the console
    // complains of on every load.
    expect(served?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('bienvenida');
    expect(await page.getByRole('img', { name: /Logo de COPELCO/ }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Registrarse' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Iniciar Sesión' }).isVisible()).toBe(true);
    const titles = await page
      .getByTestId('request-type')
      .getByRole('heading', { level: 3 })
      .allTextContents();
    expect(titles).toEqual(requestTitles);
    await expect.poll(() => page.getByTestId('sync-status').textContent()).toContain('En línea');
    await expectNoAxeViolations(page, 'the welcome');
    await page.screenshot({ path: screenshotPath('welcome-online'), fullPage: true });
    const icon = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
      const answer = link ? await fetch(link.href) : null;
      return { status: answer?.status, type: answer?.headers.get('content-type') };
    });
    expect(icon).toEqual({ status: 200, type: expect.stringContaining('image/svg+xml') as string });
    expect(consoleErrors).toEqual([]);
    expect(failed).toEqual([]);
  });

  it('after the central stops, a reload still shows the cached catalogue and says it is offline', async () => {
    await stack.stopCentral();
    const status = await stack.core.handlers['sync:now'](undefined);
    expect(status.online).toBe(false);

    await page.reload();
    await expect
      .poll(() => page.getByTestId('sync-status').textContent())
      .toContain('Sin conexión');
    const titles = await page
      .getByTestId('request-type')
      .getByRole('heading', { level: 3 })
      .allTextContents();
    expect(titles).toEqual(requestTitles);
    expect(await page.getByRole('note').textContent()).toContain('no hay conexión');
    await expectNoAxeViolations(page, 'the welcome, offline');
    await page.screenshot({ path: screenshotPath('welcome-offline'), fullPage: true });
    await page.close();
  });
});
