import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from '../helpers/browser.js';
import { heading } from './account-helpers.js';
import { startScriptedKiosk, type ScriptedKioskCore, type Script } from './scripted-kiosk-core.js';

export interface SuiteSetup {
  /** Chromium switches, made once before launch (e.g. a fake camera written to `workDir`). */
  browserArgs?: (workDir: string) => Promise<string[]>;
  /** Answers every test starts from (e.g. a catalogue); a test's own script goes on top. */
  script?: () => Script;
}

export interface OpenOptions {
  /** A fake clock, paused one second after this time: time moves only when the test moves it. */
  clock?: Date;
  /** A touch screen, so the test can tap. */
  touch?: boolean;
  /** Run in the page before the app loads (e.g. a stub of a browser boundary). */
  beforeLoad?: (page: Page) => Promise<void>;
}

export interface ScriptedKioskSuite {
  /** The scripted core: script answers per test; it is reset after each test. */
  readonly core: ScriptedKioskCore;
  /** A folder for the suite's files, removed at the end. */
  readonly workDir: string;
  /** A new page at the kiosk's size, on the welcome screen; closed after the test. */
  open(options?: OpenOptions): Promise<Page>;
}

/**
 * The frame of a renderer test suite, registered in the calling `describe`: the built renderer
 * on the web host with a scripted core, the system Chromium, and no page error left unchecked.
 */
export function useScriptedKiosk(setup: SuiteSetup = {}): ScriptedKioskSuite {
  let kiosk: Awaited<ReturnType<typeof startScriptedKiosk>> | undefined;
  let browser: Browser | undefined;
  let workDir: string | undefined;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-e2e-'));
    const args = (await setup.browserArgs?.(workDir)) ?? [];
    kiosk = await startScriptedKiosk();
    if (setup.script) kiosk.core.script(setup.script());
    browser = await launchChromium(args);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    kiosk?.core.reset();
    if (setup.script) kiosk?.core.script(setup.script());
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    expect(pageErrors.splice(0)).toEqual([]);
  });

  function started<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`${what} is used before the suite started`);
    return value;
  }

  return {
    get core() {
      return started(kiosk, 'the kiosk').core;
    },
    get workDir() {
      return started(workDir, 'the work folder');
    },
    async open(options = {}) {
      const context = await started(browser, 'the browser').newContext({
        viewport: { width: 1280, height: 1024 },
        hasTouch: options.touch ?? false,
        // The kiosks are in Argentina: times on screen (e.g. a link's expiry) are read there.
        timezoneId: 'America/Argentina/Buenos_Aires',
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      if (options.clock) {
        // Paused before the page loads: a slow load cannot run the clock past the pause.
        await page.clock.install({ time: options.clock });
        await page.clock.pauseAt(options.clock.getTime() + 1_000);
      }
      await options.beforeLoad?.(page);
      await page.goto(started(kiosk, 'the kiosk').url);
      await expect.poll(() => heading(page)).toContain('bienvenida');
      return page;
    },
  };
}
