import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshotPath } from '../helpers/browser.js';
import { button, heading, keyboardOf, smallTargetsAndText } from './account-helpers.js';
import { axeViolations, expectNoAxeViolations } from './axe.js';
import { demoSupplyScript, maria } from './demo-supplies.js';
import { signIn, useDemoKiosk } from './supplies-helpers.js';
import { speechStub, spokenIn, type Spoken } from './speech-stub.js';

const choices = [
  { name: 'Texto grande', rootClass: 'large-text' },
  { name: 'Alto contraste', rootClass: 'high-contrast' },
] as const;

function rootClasses(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.documentElement.classList]);
}

function pressed(page: Page, name: string): Promise<string | null> {
  return button(page, name).getAttribute('aria-pressed');
}

/** Sets both choices to `on` with their buttons, checking each button says its state. */
async function choose(page: Page, on: boolean): Promise<void> {
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
async function checkChoices(page: Page, name: string): Promise<void> {
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

describe.runIf(browserAvailable())(
  '"Texto grande", "Alto contraste" and "Escuchar" (system Chromium, scripted core)',
  () => {
    const kiosk = useDemoKiosk();

    it('"Texto grande" and "Alto contraste" work on every screen and end with the session', async () => {
      kiosk.core.script(demoSupplyScript(maria, []));
      const page = await kiosk.open();
      await checkChoices(page, 'welcome');

      await button(page, 'Registrarse').click();
      await expect.poll(() => heading(page)).toBe('Registrarse');
      await checkChoices(page, 'register');
      await button(page, 'Volver').click();

      await signIn(page, maria);
      // Kept from one screen to the next while the session lasts.
      expect(await rootClasses(page)).toEqual(
        expect.arrayContaining(['large-text', 'high-contrast']),
      );
      await checkChoices(page, 'home');

      await button(page, 'Asociar Cuenta').click();
      await expect.poll(() => heading(page)).toBe('ASOCIAR CUENTA');
      await checkChoices(page, 'link-supply');
      await button(page, 'Volver').click();

      await button(page, 'Salir').click();
      await expect.poll(() => heading(page)).toContain('bienvenida');
      expect(await rootClasses(page)).toEqual([]);
      for (const choice of choices) expect(await pressed(page, choice.name)).toBe('false');
    });

    it('"Texto grande" and "Alto contraste" on the sign-in', async () => {
      const page = await kiosk.open();
      await button(page, 'Iniciar Sesión').click();
      await expect.poll(() => heading(page)).toBe('Iniciar Sesión');
      await checkChoices(page, 'sign-in');

      // The on-screen keyboard follows "Alto contraste" too: every key at 7:1 or more.
      await page.getByLabel('Correo electrónico').click();
      await keyboardOf(page).waitFor();
      const key = keyboardOf(page).locator('.hg-button').first();
      expect(
        await key.evaluate((el) => [
          getComputedStyle(el).color,
          getComputedStyle(el).backgroundColor,
        ]),
      ).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
      expect(await axeViolations(page, ['color-contrast-enhanced'])).toEqual([]);
      await expectNoAxeViolations(page, 'sign-in keyboard with "Alto contraste"');
      await page.screenshot({ path: screenshotPath('a11y-sign-in-keyboard') });
    });

    it('"Escuchar" reads the title, the instructions and the errors in Spanish, stops and repeats', async () => {
      const page = await kiosk.open({
        beforeLoad: async (page) => {
          await page.addInitScript(speechStub);
        },
      });
      const listen = button(page, 'Escuchar');
      const spoken = () => spokenIn(page);

      await listen.click();
      expect(await pressed(page, 'Escuchar')).toBe('true');
      expect((await spoken()).utterances).toEqual<Spoken['utterances']>([
        {
          text: [
            '¡Hola! Te damos la bienvenida.',
            'Hacé tus trámites acá, sin turno y sin fila.',
            'Tocá un botón para empezar.',
          ].join(' '),
          lang: 'es-AR',
          voice: 'es-AR',
        },
      ]);
      // A second tap stops it; a third reads again.
      const cancels = (await spoken()).cancels;
      await listen.click();
      expect(await pressed(page, 'Escuchar')).toBe('false');
      expect((await spoken()).cancels).toBe(cancels + 1);
      await listen.click();
      expect((await spoken()).utterances).toHaveLength(2);
      // Finished reading, the button is ready again.
      await page.evaluate(() => window.speechSynthesis.cancel());
      await page.evaluate(() => (window as unknown as { finishSpeaking(): void }).finishSpeaking());
      expect(await pressed(page, 'Escuchar')).toBe('false');

      // Another screen stops what was being read.
      await listen.click();
      const before = (await spoken()).cancels;
      await button(page, 'Iniciar Sesión').click();
      await expect.poll(() => heading(page)).toBe('Iniciar Sesión');
      expect((await spoken()).cancels).toBeGreaterThan(before);
      expect(await pressed(page, 'Escuchar')).toBe('false');

      await button(page, 'Iniciar Sesión').click();
      await listen.click();
      expect((await spoken()).utterances.at(-1)?.text).toBe(
        [
          'Iniciar Sesión.',
          'Ingresá con el correo y la contraseña de tu cuenta.',
          'Ingresá tu correo electrónico.',
          'Ingresá tu contraseña.',
        ].join(' '),
      );
    });
  },
);
