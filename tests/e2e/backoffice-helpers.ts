import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  staffPassword,
  startRequestsApp,
  type RequestsApp,
} from '../../central/requests/test-app.js';
import type { TestEngine } from '../../central/testing/engines.js';
import { launchChromium } from '../helpers/browser.js';

export type BackofficeCentral = { h: RequestsApp; url: string; browser: Browser };

/**
 * A real central on the engine, listening on a loopback port (its back office at `url/oficina`),
 * and the system Chromium, for one suite.
 */
export function useBackofficeCentral(engine: TestEngine): BackofficeCentral {
  const started = {} as BackofficeCentral;
  beforeAll(async () => {
    started.h = await startRequestsApp(engine, { staffSessionLifetimeMs: 8 * 3_600_000 });
    await started.h.app.listen({ host: '127.0.0.1', port: 0 });
    started.url = `http://127.0.0.1:${(started.h.app.server.address() as AddressInfo).port}`;
    started.browser = await launchChromium();
  });
  afterAll(async () => {
    await started.browser?.close();
  });
  return started;
}

/** A desktop page (1366×768, Spanish of Argentina) signed in to the back office as `email`. */
export async function officePage(central: BackofficeCentral, path: string): Promise<Page> {
  const page = await central.browser.newPage({
    viewport: { width: 1366, height: 768 },
    locale: 'es-AR',
  });
  await page.goto(`${central.url}${path}`);
  return page;
}

export async function signInAs(page: Page, email: string, password = staffPassword) {
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}
