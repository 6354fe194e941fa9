import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshotPath } from '../helpers/browser.js';
import { button, smallTargetsAndText } from './account-helpers.js';
import { axeViolations, expectNoAxeViolations } from './axe.js';

export const choices = [
  { name: 'Texto grande', rootClass: 'large-text' },
  { name: 'Alto contraste', rootClass: 'high-contrast' },
] as const;

export function rootClasses(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.documentElement.classList]);
}

export function pressed(page: Page, name: string): Promise<string | null> {
  return button(page, name).getAttribute('aria-pressed');
}

/** Sets both choices to `on` with their buttons, checking each button says its state. */
export async function choose(page: Page, on: boolean): Promise<void> {
  for (const choice of choices) {
    if ((await pressed(page, choice.name)) !== String(on)) await button(page, choice.name).click();
    expect(await pressed(page, choice.name)).toBe(String(on));
    expect((await rootClasses(page)).includes(choice.rootClass)).toBe(on);
  }
}

/**
 * On the screen shown: both buttons turn their choice off and on again, and with both on the
 * screen still passes WCAG 2.2 AA, reaches 7:1 contrast, keeps its sizes and scrolls only up and
 * down. Takes its screenshot to be looked at.
 */
export async function checkChoices(page: Page, name: string): Promise<void> {
  await choose(page, false);
  await choose(page, true);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe(
    '27.5px',
  );
  expect(
    await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
  ).toBe('rgb(0, 0, 0)');
  await expectNoAxeViolations(page, `${name} with "Texto grande" and "Alto contraste"`);
  expect(await axeViolations(page, ['color-contrast-enhanced'])).toEqual([]);
  expect(await smallTargetsAndText(page)).toEqual([]);
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(sideways, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: screenshotPath(`a11y-${name}`), fullPage: true });
}

/** `checkChoices` on a screen of a longer journey, then both choices off again for the rest. */
export async function checkChoicesAndBack(page: Page, name: string): Promise<void> {
  await checkChoices(page, name);
  await choose(page, false);
}
