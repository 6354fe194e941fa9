import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpMailbox, type SmtpMailbox } from '../../central/testing/smtp-mailbox.js';
import { backgroundMethods, isKioskMethod } from '../../src/contract/index.js';
import { dispatch } from '../../src/kiosk/dispatch.js';
import { observeKioskHandlers } from '../../src/kiosk/observed-handlers.js';
import { createCustomerPresence, presenceObserver } from '../../main/customer-presence.js';
import { browserAvailable, launchChromium } from '../helpers/browser.js';
import { registerAndActivate } from '../helpers/customer.js';
import { startKioskStack, type KioskStack } from '../helpers/kiosk-stack.js';
import { heading } from './account-helpers.js';
import { signInToHome } from './requests-helpers.js';

/** How long the page is left alone, and how idle the kiosk must say it is by then. */
const untouchedMs = 12_000;
const idleAtLeastSeconds = 10;
/** The screens poll every 5 s: two rounds at least happen while nobody touches anything. */
const pollRounds = 2;

/**
 * A kiosk nobody touches is idle, whatever its screens poll: the real core under the web host,
 * the shell's own observers of the kiosk API (main/customer-presence.ts, the install gate's
 * notion of someone at the kiosk) around it, and the built renderer polling in the system
 * Chromium. Every call the page makes on its own must be a `background` method of the contract.
 */
describe.runIf(browserAvailable())('a kiosk left alone is idle (web host, real core)', () => {
  let browser: Browser;
  let mailbox: SmtpMailbox;
  let stack: KioskStack;
  let page: Page;
  // Quiet sooner than the shell's 3 minutes, so 12 s untouched tell present from gone.
  const presence = createCustomerPresence({
    signedIn: async () => (await stack.core.handlers['session:current'](undefined)) !== null,
    quietMs: idleAtLeastSeconds * 1000,
  });
  const calls: { method: string; at: number }[] = [];

  beforeAll(async () => {
    mailbox = await startSmtpMailbox();
    stack = await startKioskStack({
      smtpUrl: mailbox.url,
      observe: (handlers) => observeKioskHandlers(handlers, presenceObserver(presence)),
    });
    await registerAndActivate(
      (method, input) => dispatch(stack.core.handlers, method, input),
      mailbox,
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
    page.on('request', (request) => {
      const method = /\/kiosk-api\/([^/?]+)$/.exec(request.url())?.[1];
      if (method) calls.push({ method: decodeURIComponent(method), at: Date.now() });
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await mailbox?.close();
  });

  /** Waits out `untouchedMs` from `since`, and at least `pollRounds` of the screens' polling. */
  async function leaveAlone(since: number): Promise<string[]> {
    const polled = () => calls.filter((call) => call.at >= since);
    await expect
      .poll(
        () =>
          Date.now() - since >= untouchedMs &&
          polled().filter((call) => call.method === 'sync:status').length >= pollRounds,
        { timeout: untouchedMs * 4, interval: 500 },
      )
      .toBe(true);
    return [...new Set(polled().map((call) => call.method))];
  }

  function notBackground(methods: string[]): string[] {
    return methods.filter((method) => !isKioskMethod(method) || !backgroundMethods.has(method));
  }

  it('the welcome screen left open: nobody is at the kiosk for the install gate', async () => {
    await page.goto(stack.url);
    await expect
      .poll(() => heading(page), { timeout: 30_000 })
      .toBe('¡Hola! Te damos la bienvenida');
    const since = Date.now();
    const polled = await leaveAlone(since);
    expect(polled).toContain('sync:status');
    expect(notBackground(polled)).toEqual([]);
    // The start-up calls of the page too (enrolment, a leftover staff session, the catalogue).
    expect(notBackground(calls.map((call) => call.method))).toEqual([]);
    await expect(presence.isPresent()).resolves.toBe(false);
  }, 90_000);

  it("a signed-in customer's page left untouched: the core counts the idle time", async () => {
    await signInToHome(page);
    // The home's own loads (supplies, requests, a draft) answer the sign-in; then hands off.
    await page.waitForLoadState('networkidle');
    const since = Date.now();
    const polled = await leaveAlone(since);
    expect(notBackground(polled)).toEqual([]);
    const current = await stack.core.handlers['session:current'](undefined);
    expect(current?.idleSeconds).toBeGreaterThanOrEqual(idleAtLeastSeconds);
    // Signed in is present, however quiet (the update waits for the visit to end).
    await expect(presence.isPresent()).resolves.toBe(true);

    // A reload now (a crashed page) still resumes the visit: 12 s is within the inactivity time.
    await page.reload();
    await expect.poll(() => heading(page), { timeout: 30_000 }).toBe('Hola, Juan');
  }, 120_000);

  it('after "Salir" the welcome is back and nobody is at the kiosk', async () => {
    await page.getByRole('button', { name: 'Salir', exact: true }).click();
    await expect
      .poll(() => heading(page), { timeout: 30_000 })
      .toBe('¡Hola! Te damos la bienvenida');
    await expect.poll(() => presence.isPresent(), { timeout: 30_000 }).toBe(false);
    await expect(stack.core.handlers['session:current'](undefined)).resolves.toBeNull();
  }, 60_000);
});
