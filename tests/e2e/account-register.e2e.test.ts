import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.js';
import { fakeCameraArgs } from '../helpers/camera-frame.js';
import { writeDniCamera } from '../helpers/dni-image.js';
import {
  button,
  checkScreen,
  closeKeyboard,
  field,
  heading,
  keyboardOf,
  messageOf,
  typeKeys,
  typeText,
  waitForScan,
} from './account-helpers.js';
import { refusal } from './scripted-kiosk-core.js';
import { useScriptedKiosk } from './scripted-suite.js';

const dniPayload =
  '00512345678@PEÑA ÑANDÚ@MARÍA DE LOS ÁNGELES@F@30123456@B@15/07/1983@12/03/2014@239';

describe.runIf(browserAvailable())('"Registrarse" screens (system Chromium, scripted core)', () => {
  const kiosk = useScriptedKiosk({
    browserArgs: async (workDir) => {
      const camera = await writeDniCamera(dniPayload, workDir, { latin1: true });
      return fakeCameraArgs(camera.y4m);
    },
  });

  async function openRegister(options: { touch?: boolean } = {}): Promise<Page> {
    const page = await kiosk.open(options);
    await button(page, 'Registrarse').click();
    await expect.poll(() => heading(page)).toBe('Registrarse');
    return page;
  }

  const currentStep = (page: Page) =>
    page
      .locator('[aria-current="step"]')
      .textContent()
      .then((text) => text?.trim());

  it('checks each field as it is typed and says why next to it', async () => {
    const page = await openRegister();
    await checkScreen(page, 'register-1');
    const number = field(page, 'Número de documento');
    expect(await number.getAttribute('inputmode')).toBe('none');
    // Nothing is flagged before the customer types.
    expect(await messageOf(page, 'Número de documento')).toBe('');

    await typeKeys(page, 'Número de documento', ['3', '0', '1']);
    expect(await keyboardOf(page).getAttribute('data-layout')).toBe('numeric');
    expect(await messageOf(page, 'Número de documento')).toContain('El DNI tiene de 7 a 8 números');
    expect(await number.getAttribute('aria-invalid')).toBe('true');
    await checkScreen(page, 'register-1-typing');
    await typeKeys(page, 'Número de documento', ['2', '3', '4', '5']);
    expect(await messageOf(page, 'Número de documento')).toBe('');
    expect(await number.getAttribute('aria-invalid')).toBe('false');

    // The same number is too short for a CUIT: the rule follows the chosen document.
    await closeKeyboard(page);
    await page.getByText('CUIT', { exact: true }).click();
    expect(await messageOf(page, 'Número de documento')).toContain('El CUIT tiene 11 números');
    await page.getByText('DNI', { exact: true }).click();
    expect(await messageOf(page, 'Número de documento')).toBe('');

    // The date gets its slashes on the numeric pad, and the age rule runs as it is typed.
    await typeKeys(page, 'Fecha de nacimiento', ['2', '5', '0', '5', '2', '0', '2', '0']);
    expect(await field(page, 'Fecha de nacimiento').inputValue()).toBe('25/05/2020');
    expect(await messageOf(page, 'Fecha de nacimiento')).toContain('18 años o más');
    await typeKeys(page, 'Fecha de nacimiento', ['Borrar', 'Borrar', 'Borrar']);
    expect(await field(page, 'Fecha de nacimiento').inputValue()).toBe('25/05/2');
    await typeKeys(page, 'Fecha de nacimiento', ['Borrar', '1', '9', '8', '0']);
    expect(await field(page, 'Fecha de nacimiento').inputValue()).toBe('25/05/1980');
    expect(await messageOf(page, 'Fecha de nacimiento')).toBe('');
    await closeKeyboard(page);

    // "Siguiente" with the step complete; an empty field on the next step is pointed at.
    await button(page, 'Siguiente').click();
    expect(await currentStep(page)).toContain('Tu nombre y teléfono');
    await button(page, 'Siguiente').click();
    expect(await messageOf(page, 'Nombre')).toBe('Ingresá tu nombre.');
    expect(await messageOf(page, 'Teléfono')).toContain('Ingresá un teléfono');
    expect(await field(page, 'Nombre').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await currentStep(page)).toContain('Tu nombre y teléfono');
  });

  it('reads the DNI with the camera, keeps everything across steps, and shows a refusal next to its field', async () => {
    const page = await openRegister();
    await typeKeys(page, 'Número de documento', ['2', '0', '1', '2', '3', '4', '5']);
    await closeKeyboard(page);

    await button(page, 'Leer mi DNI con la cámara').click();
    await page.locator('video').waitFor();
    await checkScreen(page, 'register-1-camera');
    await waitForScan(page, 'Leímos el DNI');
    expect(await field(page, 'Número de documento').inputValue()).toBe('30123456');
    expect(await field(page, 'Fecha de nacimiento').inputValue()).toBe('15/07/1983');
    await checkScreen(page, 'register-1-scanned');

    await button(page, 'Siguiente').click();
    expect(await field(page, 'Nombre').inputValue()).toBe('María de los Ángeles');
    expect(await field(page, 'Apellido').inputValue()).toBe('Peña Ñandú');
    await typeKeys(page, 'Teléfono', [...'3794123456']);
    expect(await messageOf(page, 'Teléfono')).toBe('');
    await closeKeyboard(page);
    await checkScreen(page, 'register-2');

    await button(page, 'Siguiente').click();
    await typeKeys(page, 'Correo electrónico', ['m', 'a', 'r', 'i', 'a']);
    expect(await keyboardOf(page).getAttribute('data-layout')).toBe('email');
    expect(await messageOf(page, 'Correo electrónico')).toContain('nombre@ejemplo.com');
    await keyboardOf(page).getByRole('button', { name: '@gmail.com', exact: true }).click();
    expect(await messageOf(page, 'Correo electrónico')).toBe('');
    await typeText(page, 'Contraseña', 'corta');
    expect(await messageOf(page, 'Contraseña')).toContain('al menos 8 caracteres');
    await page.keyboard.insertText(' no tanto');
    expect(await messageOf(page, 'Contraseña')).toBe('');
    const password = field(page, 'Contraseña');
    expect(await password.getAttribute('type')).toBe('password');
    await button(page, 'Mostrar').click();
    expect(await password.getAttribute('type')).toBe('text');
    // The toggle keeps the keyboard on the password.
    expect(await keyboardOf(page).count()).toBe(1);
    await closeKeyboard(page);
    await checkScreen(page, 'register-3');
    await button(page, 'Ocultar').click();
    expect(await password.getAttribute('type')).toBe('password');

    // Back and forth: nothing typed is lost.
    await button(page, 'Volver').click();
    expect(await field(page, 'Teléfono').inputValue()).toBe('3794123456');
    await button(page, 'Volver').click();
    expect(await field(page, 'Número de documento').inputValue()).toBe('30123456');
    await button(page, 'Siguiente').click();
    await button(page, 'Siguiente').click();
    expect(await field(page, 'Correo electrónico').inputValue()).toBe('maria@gmail.com');
    expect(await password.inputValue()).toBe('corta no tanto');

    // The kiosk refuses the document: the customer is taken to it, with the reason beside it.
    const refusedMessage = 'Revisá el número: no coincide con el del padrón de la cooperativa.';
    kiosk.core.script({
      'account:register': () => refusal('invalid_field', refusedMessage, 'documentNumber'),
    });
    await button(page, 'Registrarse').click();
    await expect.poll(() => currentStep(page)).toContain('Tu documento');
    expect(await messageOf(page, 'Número de documento')).toBe(refusedMessage);
    expect(await field(page, 'Número de documento').inputValue()).toBe('30123456');
    expect(await field(page, 'Fecha de nacimiento').inputValue()).toBe('15/07/1983');
    const focused = await field(page, 'Número de documento').evaluate(
      (el) => el === document.activeElement,
    );
    expect(focused).toBe(true);
    await checkScreen(page, 'register-refused');

    // Changing the number takes the old refusal away.
    await keyboardOf(page).getByRole('button', { name: 'Borrar', exact: true }).click();
    expect(await messageOf(page, 'Número de documento')).toBe('');
    await keyboardOf(page).getByRole('button', { name: '7', exact: true }).click();
    await closeKeyboard(page);

    // A refusal without a field is shown above the button, and everything stays.
    await button(page, 'Siguiente').click();
    await button(page, 'Siguiente').click();
    kiosk.core.script({
      'account:register': () =>
        refusal('central_unreachable', 'No pudimos comunicarnos con la cooperativa.'),
    });
    await button(page, 'Registrarse').click();
    await expect
      .poll(() => page.getByTestId('form-alert').textContent())
      .toContain('No pudimos comunicarnos');
    expect(await field(page, 'Correo electrónico').inputValue()).toBe('maria@gmail.com');
    expect(await password.inputValue()).toBe('corta no tanto');
    await checkScreen(page, 'register-alert');

    kiosk.core.script({ 'account:register': () => Promise.resolve({ email: 'maria@gmail.com' }) });
    await button(page, 'Registrarse').click();
    await expect.poll(() => heading(page)).toBe('Registro exitoso');
    expect(kiosk.core.callsOf('account:register').at(-1)).toEqual({
      email: 'maria@gmail.com',
      password: 'corta no tanto',
      firstName: 'María de los Ángeles',
      lastName: 'Peña Ñandú',
      documentType: 'DNI',
      documentNumber: '30123457',
      birthDate: '1983-07-15',
      phone: '3794123456',
    });
    expect(await page.getByText('maria@gmail.com').count()).toBeGreaterThan(0);
    await checkScreen(page, 'registered');

    await button(page, 'Ingresar el código').click();
    await expect.poll(() => heading(page)).toBe('Activá tu cuenta');
    expect(await page.getByText('te mandamos a maria@gmail.com').count()).toBe(1);
    // The registration form was emptied once sent: back on it, nothing of the customer remains.
    await button(page, 'Volver').click();
    await button(page, 'Volver').click();
    await button(page, 'Registrarse').click();
    expect(await field(page, 'Número de documento').inputValue()).toBe('');
  });

  it('shows "Enviando…" on a busy, disabled button while the kiosk answers', async () => {
    const page = await openRegister();
    // A complete form, typed as a plugged-in keyboard would, to get to the button.
    await typeText(page, 'Número de documento', '30123456');
    await typeText(page, 'Fecha de nacimiento', '15071983');
    await closeKeyboard(page);
    await button(page, 'Siguiente').click();
    await typeText(page, 'Nombre', 'María');
    await typeText(page, 'Apellido', 'Peña');
    await typeText(page, 'Teléfono', '3794123456');
    await closeKeyboard(page);
    await button(page, 'Siguiente').click();
    await typeText(page, 'Correo electrónico', 'maria@gmail.com');
    await typeText(page, 'Contraseña', 'una clave larga');
    await closeKeyboard(page);

    let answer: (value: { email: string }) => void = () => {};
    kiosk.core.script({
      'account:register': () => new Promise((resolve) => (answer = resolve)),
    });
    await button(page, 'Registrarse').click();
    const busy = page.getByRole('button', { name: 'Enviando…' });
    await busy.waitFor();
    expect(await busy.isDisabled()).toBe(true);
    expect(await busy.getAttribute('aria-busy')).toBe('true');
    await checkScreen(page, 'register-sending');
    answer({ email: 'maria@gmail.com' });
    await expect.poll(() => heading(page)).toBe('Registro exitoso');
  });

  it('does not lose a tap on "Siguiente" made while the on-screen keyboard is up', async () => {
    const page = await openRegister({ touch: true });
    await field(page, 'Número de documento').tap();
    for (const key of '30123456') {
      await keyboardOf(page).getByRole('button', { name: key, exact: true }).tap();
    }
    await field(page, 'Fecha de nacimiento').tap();
    for (const key of '15071983') {
      await keyboardOf(page).getByRole('button', { name: key, exact: true }).tap();
    }
    // The finger lands on the part of the button still showing above the keyboard; the
    // keyboard closes on that touch, and the page must not move the button away from it.
    const next = await button(page, 'Siguiente').boundingBox();
    const keyboard = await keyboardOf(page).boundingBox();
    const y = Math.min(next!.y + 10, keyboard!.y - 4);
    await page.touchscreen.tap(next!.x + next!.width / 2, y);
    await expect.poll(() => currentStep(page)).toContain('Tu nombre y teléfono');
  });
});
