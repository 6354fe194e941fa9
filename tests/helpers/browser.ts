import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The system Chromium (never a downloaded browser). On a machine without it the browser tests
 * are skipped with a visible message, except under CI, where a missing browser is a failure.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI) throw new Error(`Chromium is required in CI but ${chromiumPath} is missing.`);
  console.warn(
    `[e2e] ${chromiumPath} not found: browser tests skipped (apt-get install chromium).`,
  );
  return false;
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

/** Screenshots of each screen land here (not committed), to be looked at. */
export const screenshotDir = path.resolve('test-results/screenshots');
mkdirSync(screenshotDir, { recursive: true });

export function screenshotPath(name: string): string {
  return path.join(screenshotDir, `${name}.png`);
}
