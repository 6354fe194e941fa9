import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../central/testing/engines.js';
import { decodeBarcodes } from '../../src/testing/barcode-decoder.js';
import { pdfText } from '../../src/testing/pdf-text.js';
import { browserAvailable } from '../helpers/browser.js';
import { demoHolder, registerAndActivate } from '../helpers/customer.js';
import { button, closeKeyboard, heading, typeKeys, typeText } from './account-helpers.js';
import { useRealKiosk } from './real-kiosk.js';
import { panelText } from './supplies-helpers.js';

/** The README's demo holder of supplies 100234 (energy) and 100235 (internet). */
const proof = { document: '20345678', birth: '12041985' };

/**
 * Supplies and invoices as a customer uses them, in the system Chromium through the web host,
 * against the real kiosk core and the real central with its demo data.
 */
describeEachEngine('supplies journey (Chromium, web host, real core and central)', (engine) => {
  const kiosk = useRealKiosk(engine, {
    prefix: 'supplies-journey',
    prepare: ({ call, mailbox }) => registerAndActivate(call, mailbox),
  });

  async function typeProof(number: string, birth = proof.birth) {
    const { page } = kiosk;
    await typeKeys(page, 'Número de suministro o de factura', [...number]);
    await closeKeyboard(page);
    await typeKeys(page, 'Número de documento', [...proof.document]);
    await typeKeys(page, 'Fecha de nacimiento', [...birth]);
    await closeKeyboard(page);
  }

  it.runIf(browserAvailable())('signs in to a home with no supply yet', async () => {
    const { page } = kiosk;
    await button(page, 'Iniciar Sesión').click();
    await typeText(page, 'Correo electrónico', demoHolder.email);
    await typeText(page, 'Contraseña', demoHolder.password);
    await closeKeyboard(page);
    await button(page, 'Iniciar Sesión').click();
    await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
    // The supplies arrive after the greeting: none linked yet.
    await expect.poll(() => button(page, 'Asociar Cuenta').isVisible()).toBe(true);
  });

  it.runIf(browserAvailable())(
    'refuses a wrong birth date with the message shown, then links the supply',
    async () => {
      const { page, shot } = kiosk;
      await button(page, 'Asociar Cuenta').click();
      await expect.poll(() => heading(page)).toBe('ASOCIAR CUENTA');
      await typeProof('100234', '13041985');
      await button(page, 'Agregar').click();
      await expect
        .poll(() => page.getByTestId('form-alert').textContent())
        .toContain('No encontramos un suministro con esos datos');
      await shot('refused');
      // Nothing typed is lost: only the date is corrected.
      await typeKeys(page, 'Fecha de nacimiento', [
        ...Array<string>(10).fill('Borrar'),
        ...proof.birth,
      ]);
      await closeKeyboard(page);
      await button(page, 'Agregar').click();
      await expect.poll(() => heading(page)).toBe('CUENTAS');
      await expect
        .poll(() => page.locator('li[aria-current="true"]').textContent())
        .toContain('100234');
      await shot('accounts');
    },
  );

  it.runIf(browserAvailable())(
    'links a second supply by its invoice number and switches the current supply',
    async () => {
      const { page, shot } = kiosk;
      await button(page, 'Asociar otra cuenta').click();
      await typeProof('0005-00004873'.replace(/-/g, ''));
      await button(page, 'Agregar').click();
      await expect.poll(() => heading(page)).toBe('CUENTAS');
      await button(page, 'Ir al inicio').click();
      await expect.poll(() => panelText(page, 'current-supply')).toContain('100235');
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('$ 15.999,00');
      const selector = page.getByTestId('supply-selector');
      await selector.getByRole('button', { expanded: false }).click();
      await selector.getByRole('button', { name: /100234/ }).click();
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('$ 19.875,40');
      expect(await panelText(page, 'current-supply')).toContain('Energía');
      await shot('home');
    },
  );

  it.runIf(browserAvailable())(
    'prints the coupon of the invoice shown, kept as a PDF',
    async () => {
      const { page, stack } = kiosk;
      await button(page, 'Imprimir cupón de pago').click();
      await expect
        .poll(() => page.getByTestId('coupon-outcome').textContent())
        .toContain('No hay impresora conectada');
      const folder = path.join(stack.kioskDir, 'tmp', 'session');
      const [text] = await pdfText(readFileSync(path.join(folder, readdirPdf(folder))));
      expect(text).toContain('Suministro N° 100234');
      expect(text?.replace(/\s/g, ' ')).toContain('$ 19.875,40');
    },
  );

  it.runIf(browserAvailable())(
    'hands off to Facturas y Pagos with a QR code of a one-time link',
    async () => {
      const { page, shot } = kiosk;
      // From the coupon's screen back to the home.
      await button(page, 'Volver').click();
      await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
      await button(page, 'Ir a Facturas y Pagos').click();
      const qr = page.getByRole('img', { name: /Código QR/ });
      await qr.waitFor();
      const [decoded] = await decodeBarcodes(await qr.screenshot());
      expect(decoded?.format).toBe('QRCode');
      expect(decoded?.text).toMatch(/\?token=[A-Za-z0-9_-]{43}$/);
      await shot('payments');
    },
  );
});

function readdirPdf(folder: string): string {
  const name = readdirSyncSafe(folder).find((file) => file.endsWith('.pdf'));
  if (!name) throw new Error(`No PDF in ${folder}`);
  return name;
}

function readdirSyncSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
