import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshotPath } from '../helpers/browser.js';
import { expectNoAxeViolations } from './axe.js';

interface Offender {
  what: string;
  size: string;
}

/**
 * What axe cannot see on a touch kiosk: every control at least 48 × 48 px and every visible text
 * at least 20 px. Answers the offenders, to be expected empty.
 */
export function smallTargetsAndText(page: Page): Promise<Offender[]> {
  return page.evaluate(() => {
    const offenders: { what: string; size: string }[] = [];
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return (
        box.width > 1 && box.height > 1 && style.visibility !== 'hidden' && style.opacity !== '0'
      );
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll('button, input, select, a, [role="button"]')) {
      if (!visible(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.width < 48 || box.height < 48) {
        offenders.push({
          what: name(el),
          size: `${Math.round(box.width)}×${Math.round(box.height)}`,
        });
      }
    }
    for (const el of document.body.querySelectorAll('*')) {
      const hasText = [...el.childNodes].some(
        (node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '',
      );
      if (!hasText || !visible(el)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 20) offenders.push({ what: name(el), size: `${size}px` });
    }
    return offenders;
  });
}

/**
 * Checks the screen's sizes, WCAG 2.2 AA (axe-core), "Volver", and that it fits the kiosk's screen without scrolling
 * (unless the on-screen keyboard is up), then takes its screenshot as the customer sees it.
 */
export async function checkScreen(
  page: Page,
  name: string,
  options: { back?: boolean; prefix?: string } = {},
): Promise<void> {
  // First, so a screen that fails a check can be looked at.
  await page.screenshot({ path: screenshotPath(`${options.prefix ?? 'account'}-${name}`) });
  expect(await smallTargetsAndText(page)).toEqual([]);
  await expectNoAxeViolations(page, name);
  const back = page.getByRole('button', { name: 'Volver' });
  expect(await back.isVisible()).toBe(options.back ?? true);
  if ((await keyboardOf(page).count()) === 0) {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollHeight - window.innerHeight,
    );
    expect(overflow, `${name} needs scrolling`).toBeLessThanOrEqual(0);
  }
}

export const keyboardOf = (page: Page) => page.getByTestId('on-screen-keyboard');

export function button(page: Page, name: string) {
  return page.getByRole('button', { name, exact: true });
}

export function field(page: Page, label: string) {
  return page.getByLabel(label, { exact: true });
}

/** Taps the field, then each key of the on-screen keyboard it opened. */
export async function typeKeys(page: Page, label: string, keys: string[]): Promise<void> {
  await field(page, label).click();
  const keyboard = keyboardOf(page);
  for (const key of keys) await keyboard.getByRole('button', { name: key, exact: true }).click();
}

/** Long values: tapped into the field, then typed as a plugged-in keyboard would. */
export async function typeText(page: Page, label: string, text: string): Promise<void> {
  await field(page, label).click();
  await page.keyboard.insertText(text);
}

export async function closeKeyboard(page: Page): Promise<void> {
  const keyboard = keyboardOf(page);
  if ((await keyboard.count()) === 0) return;
  await keyboard.getByRole('button', { name: 'Listo', exact: true }).click();
  await keyboard.waitFor({ state: 'detached' });
}

/** The message the field points to with aria-describedby (its own, next to it). */
export async function messageOf(page: Page, label: string): Promise<string> {
  const ids = ((await field(page, label).getAttribute('aria-describedby')) ?? '').split(' ');
  return (await page.locator(`[id="${ids.at(-1)}"]`).textContent())?.trim() ?? '';
}

export async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
}

/**
 * Waits until the camera scanner has read a code: its confirmation `read` is on screen and the
 * camera is off (nothing of the customer keeps being filmed).
 */
export async function waitForScan(page: Page, read: string): Promise<void> {
  const confirmation = page.getByRole('status').filter({ hasText: read });
  await expect.poll(() => confirmation.count(), { timeout: 20_000 }).toBe(1);
  expect(await page.locator('video').count()).toBe(0);
}
