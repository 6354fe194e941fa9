import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../central/testing/engines.js';
import { codeIn } from '../../central/testing/smtp-mailbox.js';
import { browserAvailable } from '../helpers/browser.js';
import { button, closeKeyboard, field, heading, typeKeys, typeText } from './account-helpers.js';
import { useRealKiosk } from './real-kiosk.js';

const ana = {
  email: 'ana.journey@example.com',
  password: 'tortuga-de-rio',
  newPassword: 'carpincho-feliz',
  document: '30123456',
  birth: '25051980',
  firstName: 'Ana',
  lastName: 'Pérez',
  phone: '3434567890',
};

/** Every file below a folder, with its bytes as text (binary included): where a leak would be. */
function everyFileText(dir: string): string {
  let text = '';
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, entry);
    if (statSync(file).isFile()) text += readFileSync(file).toString('latin1');
  }
  return text;
}

/**
 * The whole account path as a customer walks it, in the system Chromium through the web host,
 * against the real kiosk core and the real central, with the activation and recovery codes read
 * from the mails a real SMTP server received.
 */
describeEachEngine('account journey (Chromium, web host, real core and central)', (engine) => {
  const kiosk = useRealKiosk(engine, { prefix: 'journey', clock: true });
  it.runIf(browserAvailable())('registers with the on-screen keyboard', async () => {
    const { page, shot } = kiosk;
    await expect.poll(() => heading(page)).toContain('bienvenida');
    await button(page, 'Registrarse').click();
    await typeKeys(page, 'Número de documento', [...ana.document]);
    await typeKeys(page, 'Fecha de nacimiento', [...ana.birth]);
    await closeKeyboard(page);
    await shot('register-1');
    await button(page, 'Siguiente').click();
    await typeText(page, 'Nombre', ana.firstName);
    await typeText(page, 'Apellido', ana.lastName);
    await typeKeys(page, 'Teléfono', [...ana.phone]);
    await closeKeyboard(page);
    await button(page, 'Siguiente').click();
    await typeText(page, 'Correo electrónico', ana.email);
    await typeText(page, 'Contraseña', ana.password);
    await closeKeyboard(page);
    await shot('register-3');
    await button(page, 'Registrarse').click();
    await expect.poll(() => heading(page)).toBe('Registro exitoso');
    await shot('registered');
  });

  it.runIf(browserAvailable())('activates with the code from the mail', async () => {
    const { page, mailbox, shot } = kiosk;
    const mail = await mailbox.next(ana.email, /^COPELCO - Activación de Cuenta$/);
    await button(page, 'Ingresar el código').click();
    await expect.poll(() => heading(page)).toBe('Activá tu cuenta');
    await typeKeys(page, 'Código de 6 números', [...codeIn(mail)]);
    await closeKeyboard(page);
    await button(page, 'Activar la cuenta').click();
    await expect.poll(() => heading(page)).toBe('Cuenta activada');
    await shot('activated');
  });

  it.runIf(browserAvailable())('signs in, then out with "Salir"', async () => {
    const { page, stack, shot } = kiosk;
    await button(page, 'Iniciar Sesión').click();
    await expect.poll(() => heading(page)).toBe('Iniciar Sesión');
    // The email comes filled in from the activation.
    expect(await field(page, 'Correo electrónico').inputValue()).toBe(ana.email);
    await typeText(page, 'Contraseña', ana.password);
    await closeKeyboard(page);
    await button(page, 'Iniciar Sesión').click();
    await expect.poll(() => heading(page)).toContain(`Hola, ${ana.firstName}`);
    await shot('home');
    await button(page, 'Salir').click();
    await expect.poll(() => heading(page)).toContain('bienvenida');
    expect(await stack.core.handlers['session:current'](undefined)).toBeNull();
  });

  it.runIf(browserAvailable())('recovers the password and signs in with the new one', async () => {
    const { page, mailbox, shot } = kiosk;
    await button(page, 'Iniciar Sesión').click();
    await button(page, '¿Olvidó su contraseña?').click();
    await typeText(page, 'Correo electrónico', ana.email);
    await closeKeyboard(page);
    await shot('forgot');
    await button(page, 'Enviar el código').click();
    await expect.poll(() => heading(page)).toBe('Elegí una contraseña nueva');
    const mail = await mailbox.next(ana.email, /contraseña/i);
    await typeKeys(page, 'Código de 6 números', [...codeIn(mail)]);
    await typeText(page, 'Contraseña nueva', ana.newPassword);
    await closeKeyboard(page);
    await shot('reset');
    await button(page, 'Cambiar la contraseña').click();
    await expect.poll(() => heading(page)).toBe('Listo, ya podés iniciar sesión');
    await button(page, 'Iniciar Sesión').click();
    await expect.poll(() => heading(page)).toBe('Iniciar Sesión');
    if ((await field(page, 'Correo electrónico').inputValue()) !== ana.email) {
      await typeText(page, 'Correo electrónico', ana.email);
    }
    await typeText(page, 'Contraseña', ana.newPassword);
    await closeKeyboard(page);
    await button(page, 'Iniciar Sesión').click();
    await expect.poll(() => heading(page)).toContain(`Hola, ${ana.firstName}`);
  });

  it.runIf(browserAvailable())(
    'forgets the customer after inactivity: nothing left in the page, its storage, the kiosk database or its temp folder',
    async () => {
      const { page, stack, shot } = kiosk;
      // Planted where later screens might keep them.
      await page.evaluate((planted) => {
        sessionStorage.setItem('canary', planted);
        localStorage.setItem('canary', planted);
      }, `${ana.email} ${ana.document}`);
      await page.clock.fastForward(91_000);
      await expect.poll(() => page.getByRole('alertdialog').count()).toBe(1);
      await shot('still-there');
      await page.clock.fastForward(31_000);
      await expect.poll(() => heading(page)).toContain('bienvenida');

      const html = await page.content();
      const storage = await page.evaluate(() =>
        JSON.stringify({ ...sessionStorage, ...localStorage }),
      );
      for (const secret of [ana.email, ana.document, ana.lastName]) {
        expect(html).not.toContain(secret);
        expect(storage).not.toContain(secret);
      }
      expect(await stack.core.handlers['session:current'](undefined)).toBeNull();
      const kioskFiles = everyFileText(stack.kioskDir);
      expect(kioskFiles).not.toContain(ana.email);
      expect(kioskFiles).not.toContain(ana.document);
    },
  );
});
