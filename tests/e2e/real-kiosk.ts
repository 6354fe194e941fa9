import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { TestEngine } from '../../central/testing/engines.js';
import type { SmtpMailbox } from '../../central/testing/smtp-mailbox.js';
import { browserAvailable, launchChromium, screenshotPath } from '../helpers/browser.js';
import { useEngineKiosk, type EngineKiosk, type KioskStack } from '../helpers/kiosk-stack.js';

export type RealKiosk = {
  stack: KioskStack;
  mailbox: SmtpMailbox;
  browser: Browser;
  page: Page;
  /** A screenshot named `<prefix>-<engine>-<name>`, to be looked at. */
  shot: (name: string) => Promise<Buffer>;
};

/**
 * One page of the system Chromium on the whole kiosk as `npm run web` runs it (web host, real
 * core, real central on `engine`, a real SMTP server), for the suite that calls it.
 */
export function useRealKiosk(
  engine: TestEngine,
  options: {
    prefix: string;
    /** Controls the page's clock from the start (the inactivity timer). */
    clock?: boolean;
    /** Runs once the stack is up, before the page opens. */
    prepare?: (kiosk: EngineKiosk) => Promise<void>;
    /** Extra Chromium switches (e.g. a fake camera), asked for once `prepare` has run. */
    chromiumArgs?: () => string[] | Promise<string[]>;
  },
): RealKiosk {
  const engineKiosk = useEngineKiosk(
    engine,
    (started) => options.prepare?.(started) ?? Promise.resolve(),
  );
  const kiosk = {} as RealKiosk;
  beforeAll(async () => {
    if (!browserAvailable()) return;
    kiosk.stack = engineKiosk.stack;
    kiosk.mailbox = engineKiosk.mailbox;
    kiosk.browser = await launchChromium((await options.chromiumArgs?.()) ?? []);
    kiosk.page = await kiosk.browser.newPage({ viewport: { width: 1280, height: 1024 } });
    kiosk.shot = (name) =>
      kiosk.page.screenshot({ path: screenshotPath(`${options.prefix}-${engine.name}-${name}`) });
    if (options.clock) await kiosk.page.clock.install();
    await kiosk.page.goto(kiosk.stack.url);
  }, 120_000);
  afterAll(async () => {
    await kiosk.browser?.close();
  });
  return kiosk;
}
