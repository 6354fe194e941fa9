import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshotPath } from '../helpers/browser.js';
import { button, heading, keyboardOf } from './account-helpers.js';
import { checkChoices, choices, pressed, rootClasses } from './a11y-choices.js';
import { axeViolations, expectNoAxeViolations } from './axe.js';
import { demoSupplyScript, maria } from './demo-supplies.js';
import { signIn, useDemoKiosk } from './supplies-helpers.js';
import { speechStub, spokenIn, type Spoken } from './speech-stub.js';

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
