import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.js';
import {
  button,
  checkScreen,
  closeKeyboard,
  field,
  heading,
  messageOf,
  typeKeys,
  typeText,
} from './account-helpers.js';
import { refusal } from './scripted-kiosk-core.js';
import { useScriptedKiosk } from './scripted-suite.js';

const start = new Date('2025-06-02T12:00:00-03:00');

const email = 'maria@gmail.com';
const customer = { firstName: 'María', lastName: 'Peña', email };

describe.runIf(browserAvailable())(
  '"Iniciar Sesión", activation and recovery screens (system Chromium, scripted core)',
  () => {
    const kiosk = useScriptedKiosk();

    /** The kiosk with a fake clock: countdowns run only when the test says so. */
    async function openSignIn(): Promise<Page> {
      const page = await kiosk.open({ clock: start });
      await checkScreen(page, 'welcome', { back: false });
      await button(page, 'Iniciar Sesión').click();
      await expect.poll(() => heading(page)).toBe('Iniciar Sesión');
      return page;
    }

    const formAlert = (page: Page) =>
      page
        .getByTestId('form-alert')
        .textContent()
        .then((text) => text?.trim() ?? '');

    it('keeps what was typed on a refusal, takes an unactivated account to its code, and signs in', async () => {
      const page = await openSignIn();
      await checkScreen(page, 'sign-in');
      await button(page, 'Iniciar Sesión').click();
      expect(await messageOf(page, 'Correo electrónico')).toBe('Ingresá tu correo electrónico.');
      expect(await messageOf(page, 'Contraseña')).toBe('Ingresá tu contraseña.');
      await typeText(page, 'Correo electrónico', email);
      await typeText(page, 'Contraseña', 'clave equivocada');
      await closeKeyboard(page);

      const wrong = 'El correo o la contraseña no son correctos.';
      kiosk.core.script({ 'session:signIn': () => refusal('invalid_credentials', wrong) });
      await button(page, 'Iniciar Sesión').click();
      await expect.poll(() => formAlert(page)).toBe(wrong);
      expect(await field(page, 'Correo electrónico').inputValue()).toBe(email);
      expect(await field(page, 'Contraseña').inputValue()).toBe('clave equivocada');
      await checkScreen(page, 'sign-in-refused');

      const notActivated = 'Tu cuenta todavía no está activada. Ingresá el código del correo.';
      kiosk.core.script({
        'session:signIn': () => refusal('account_not_activated', notActivated),
      });
      await button(page, 'Iniciar Sesión').click();
      await expect.poll(() => heading(page)).toBe('Activá tu cuenta');
      expect(await page.getByRole('status').filter({ hasText: notActivated }).count()).toBe(1);
      expect(await page.getByText(`te mandamos a ${email}`).count()).toBe(1);
      await checkScreen(page, 'activate');

      // "Volver" leads back to the sign-in, as it was left.
      await button(page, 'Volver').click();
      expect(await field(page, 'Contraseña').inputValue()).toBe('clave equivocada');
      await button(page, 'Iniciar Sesión').click();
      await expect.poll(() => heading(page)).toBe('Activá tu cuenta');

      // "Reenviar", then a visible countdown until it may be asked again.
      kiosk.core.script({
        'account:resendActivation': () => Promise.resolve({ email, retryAfterSeconds: 60 }),
      });
      await button(page, 'Reenviar').click();
      const countdown = page.getByTestId('resend-countdown');
      await expect.poll(() => countdown.textContent()).toContain('60 segundos');
      expect(await button(page, 'Reenviar').isDisabled()).toBe(true);
      expect(await page.getByRole('status').filter({ hasText: 'correo nuevo' }).count()).toBe(1);
      await page.clock.runFor(15_000);
      await expect.poll(() => countdown.textContent()).toContain('45 segundos');
      await checkScreen(page, 'activate-resent');
      await page.clock.runFor(45_000);
      await expect.poll(() => countdown.count()).toBe(0);
      expect(await button(page, 'Reenviar').isEnabled()).toBe(true);
      expect(kiosk.core.callsOf('account:resendActivation')).toEqual([{ email }]);

      const cooling = 'Esperá un minuto antes de pedir otro correo.';
      kiosk.core.script({
        'account:resendActivation': () => refusal('resend_cooldown', cooling, undefined, 40),
      });
      await button(page, 'Reenviar').click();
      // The refusal is shown by the button it answers, with the central's wait as a countdown.
      const resendPanel = page.getByRole('region', { name: '¿No te llegó el correo?' });
      await expect.poll(() => resendPanel.getByRole('alert').textContent()).toContain(cooling);
      await expect.poll(() => countdown.textContent()).toContain('40 segundos');
      expect(await button(page, 'Reenviar').isDisabled()).toBe(true);
      await checkScreen(page, 'activate-resend-refused');

      // The code: checked as typed, a refusal beside it, the code kept.
      await typeKeys(page, 'Código de 6 números', ['1', '2', '3', '4', '5']);
      expect(await messageOf(page, 'Código de 6 números')).toContain('El código tiene 6 números');
      await typeKeys(page, 'Código de 6 números', ['6']);
      expect(await messageOf(page, 'Código de 6 números')).toBe('');
      await closeKeyboard(page);
      const badCode = 'El código no es correcto. Revisalo en el correo.';
      kiosk.core.script({ 'account:activate': () => refusal('invalid_code', badCode, 'code') });
      await button(page, 'Activar la cuenta').click();
      await expect.poll(() => messageOf(page, 'Código de 6 números')).toBe(badCode);
      expect(await field(page, 'Código de 6 números').inputValue()).toBe('123456');
      await closeKeyboard(page);
      await checkScreen(page, 'activate-refused');

      // The right code after too many wrong ones: it no longer works, and a new one is offered
      // where "Activar la cuenta" was.
      const dead =
        'Este código ya no sirve: se ingresó mal 5 veces. Pedí uno nuevo con «Reenviar».';
      kiosk.core.script({ 'account:activate': () => refusal('code_exhausted', dead, 'code') });
      await button(page, 'Activar la cuenta').click();
      await expect.poll(() => messageOf(page, 'Código de 6 números')).toBe(dead);
      await closeKeyboard(page);
      const offer = button(page, 'Reenviar: pedir un código nuevo');
      expect(await offer.isVisible()).toBe(true);
      expect(await button(page, 'Activar la cuenta').count()).toBe(0);
      await checkScreen(page, 'activate-code-dead');
      await page.clock.runFor(40_000);
      kiosk.core.script({
        'account:resendActivation': () => Promise.resolve({ email, retryAfterSeconds: 60 }),
      });
      await offer.click();
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'correo nuevo' }).count())
        .toBe(1);
      // Ready for the new mail's code: the old one and its message are gone.
      expect(await field(page, 'Código de 6 números').inputValue()).toBe('');
      expect(await messageOf(page, 'Código de 6 números')).toBe('');
      expect(await offer.count()).toBe(0);
      await typeKeys(page, 'Código de 6 números', [...'123456']);
      await closeKeyboard(page);

      kiosk.core.script({ 'account:activate': () => Promise.resolve({ activated: true }) });
      await button(page, 'Activar la cuenta').click();
      await expect.poll(() => heading(page)).toBe('Cuenta activada');
      expect(kiosk.core.callsOf('account:activate').at(-1)).toEqual({ email, code: '123456' });
      await checkScreen(page, 'activated');

      await button(page, 'Iniciar Sesión').click();
      await expect.poll(() => heading(page)).toBe('Iniciar Sesión');
      expect(await field(page, 'Correo electrónico').inputValue()).toBe(email);
      expect(await field(page, 'Contraseña').inputValue()).toBe('');

      kiosk.core.script({ 'session:signIn': () => Promise.resolve(customer) });
      await typeText(page, 'Contraseña', 'la clave buena');
      await closeKeyboard(page);
      await button(page, 'Iniciar Sesión').click();
      await expect.poll(() => heading(page)).toBe('Hola, María');
      await checkScreen(page, 'home', { back: false });

      await button(page, 'Salir').click();
      await expect.poll(() => heading(page)).toContain('bienvenida');
      expect(kiosk.core.callsOf('session:signOut')).toHaveLength(1);
    });

    it('recovers the password with the code from the mail', async () => {
      const page = await openSignIn();
      await typeText(page, 'Correo electrónico', email);
      await closeKeyboard(page);
      await button(page, '¿Olvidó su contraseña?').click();
      await expect.poll(() => heading(page)).toBe('¿Olvidó su contraseña?');
      // The address already typed comes along.
      expect(await field(page, 'Correo electrónico').inputValue()).toBe(email);
      await checkScreen(page, 'forgot-password');

      const down = 'No pudimos comunicarnos con la cooperativa. Probá de nuevo en un momento.';
      kiosk.core.script({ 'password:requestReset': () => refusal('central_unreachable', down) });
      await button(page, 'Enviar el código').click();
      await expect.poll(() => formAlert(page)).toBe(down);
      expect(await field(page, 'Correo electrónico').inputValue()).toBe(email);
      await checkScreen(page, 'forgot-password-offline');

      let answer: () => void = () => {};
      kiosk.core.script({
        'password:requestReset': () =>
          new Promise((resolve) => (answer = () => resolve({ email }))),
      });
      await button(page, 'Enviar el código').click();
      const busy = page.getByRole('button', { name: 'Enviando…' });
      await busy.waitFor();
      expect(await busy.getAttribute('aria-busy')).toBe('true');
      answer();
      await expect.poll(() => heading(page)).toBe('Elegí una contraseña nueva');
      await checkScreen(page, 'reset-password');

      await typeKeys(page, 'Código de 6 números', [...'654321']);
      await typeText(page, 'Contraseña nueva', 'corta');
      expect(await messageOf(page, 'Contraseña nueva')).toContain('al menos 8 caracteres');
      await page.keyboard.insertText(' pero segura');
      await closeKeyboard(page);
      const expired = 'El código venció. Pedí uno nuevo.';
      kiosk.core.script({ 'password:reset': () => refusal('code_expired', expired, 'code') });
      await button(page, 'Cambiar la contraseña').click();
      await expect.poll(() => messageOf(page, 'Código de 6 números')).toBe(expired);
      expect(await field(page, 'Contraseña nueva').inputValue()).toBe('corta pero segura');
      await closeKeyboard(page);
      await checkScreen(page, 'reset-password-refused');

      kiosk.core.script({ 'password:reset': () => Promise.resolve({ changed: true }) });
      await button(page, 'Cambiar la contraseña').click();
      await expect.poll(() => heading(page)).toBe('Listo, ya podés iniciar sesión');
      expect(kiosk.core.callsOf('password:reset').at(-1)).toEqual({
        email,
        code: '654321',
        password: 'corta pero segura',
      });
      await checkScreen(page, 'password-changed');
      await button(page, 'Iniciar Sesión').click();
      await expect.poll(() => heading(page)).toBe('Iniciar Sesión');
      expect(await field(page, 'Correo electrónico').inputValue()).toBe(email);
    });
  },
);
