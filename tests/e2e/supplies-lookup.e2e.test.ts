import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshotPath } from '../helpers/browser.js';
import {
  button,
  closeKeyboard,
  field,
  heading,
  smallTargetsAndText,
  typeKeys,
} from './account-helpers.js';
import { demoSupplyScript, juan, notMatched, proofOf, testClock } from './demo-supplies.js';
import { checkSupplyScreen, panelText, typeProof, useDemoKiosk } from './supplies-helpers.js';

/** The catalogue fixture's settings: 90 s without input, then 30 s to answer. */
const inactivityMs = 90_000;
const warningMs = 30_000;

describe.runIf(browserAvailable())(
  '"Consultar factura sin cuenta" (system Chromium, scripted core)',
  () => {
    const kiosk = useDemoKiosk({
      script: () => ({
        ...demoSupplyScript(juan, []),
      }),
    });

    /** Juan's overdue "servicio social" supply, found by one of its invoices' numbers. */
    async function consult(page: Page): Promise<void> {
      await button(page, 'Consultar factura sin cuenta').click();
      await expect.poll(() => heading(page)).toBe('Consultar factura sin cuenta');
      await typeProof(page, '000700000902', juan);
      await button(page, 'Consultar').click();
      await expect.poll(() => heading(page)).toBe('Tu última factura');
    }

    /** Nothing of Juan's left: not on screen, not in the page's storage. */
    async function expectForgotten(page: Page): Promise<void> {
      await expect.poll(() => heading(page), { timeout: 10_000 }).toContain('bienvenida');
      const html = await page.content();
      for (const value of ['200452', 'Belgrano 455', '4.250,00', '17654321', '0007-00000902']) {
        expect(html).not.toContain(value);
      }
      const storage = await page.evaluate(() => sessionStorage.length + localStorage.length);
      expect(storage).toBe(0);
    }

    it('shows the supply and its last invoice from the proof, with its coupon, and forgets it on "Salir"', async () => {
      const page = await kiosk.open({ clock: testClock });
      // The welcome with the whole catalogue scrolls; its top, with the three choices, is shown.
      expect(await smallTargetsAndText(page)).toEqual([]);
      await page.screenshot({ path: screenshotPath('supplies-welcome') });
      await button(page, 'Consultar factura sin cuenta').click();
      await expect.poll(() => heading(page)).toBe('Consultar factura sin cuenta');
      await checkSupplyScreen(page, 'lookup');

      // A wrong birth date: the one refusal, everything kept.
      await typeProof(page, '000700000902', { ...juan, typedBirthDate: '30091963' });
      await button(page, 'Consultar').click();
      await expect.poll(() => page.getByTestId('form-alert').textContent()).toContain(notMatched);
      expect(await field(page, 'Número de suministro o de factura').inputValue()).toBe(
        '000700000902',
      );
      await checkSupplyScreen(page, 'lookup-refused');

      await field(page, 'Fecha de nacimiento').fill('');
      await typeKeys(page, 'Fecha de nacimiento', [...juan.typedBirthDate]);
      await closeKeyboard(page);
      await button(page, 'Consultar').click();
      await expect.poll(() => heading(page)).toBe('Tu última factura');
      expect(kiosk.core.callsOf('invoice:lookup').at(-1)).toEqual(proofOf('000700000902', juan));
      expect(await panelText(page, 'current-supply')).toContain('Suministro N.º 200452');
      expect(await panelText(page, 'current-supply')).toContain('Belgrano 455, Colón');
      expect(await panelText(page, 'last-invoice')).toContain('$ 4.250,00');
      expect(await page.getByTestId('invoice-state').textContent()).toContain('Vencida');
      await checkSupplyScreen(page, 'lookup-result');

      kiosk.core.script({ 'coupon:print': () => Promise.resolve({ outcome: 'printed' }) });
      await button(page, 'Imprimir cupón de pago').click();
      await expect
        .poll(() => page.getByTestId('coupon-outcome').textContent())
        .toContain('Listo: retirá tu cupón');
      expect(kiosk.core.callsOf('coupon:print')).toEqual([{ invoiceNumber: '0007-00000902' }]);
      await button(page, 'Volver').click();
      await expect.poll(() => heading(page)).toBe('Tu última factura');

      await button(page, 'Salir').click();
      await expectForgotten(page);
      expect(kiosk.core.callsOf('session:signOut')).toHaveLength(1);
    });

    it('asks "¿Seguís ahí?" on the consultation too, and forgets it when nobody answers', async () => {
      const page = await kiosk.open({ clock: testClock });
      await consult(page);
      await page.clock.runFor(inactivityMs);
      await page.getByRole('alertdialog', { name: '¿Seguís ahí?' }).waitFor();
      await page.clock.runFor(warningMs);
      await expectForgotten(page);
      expect(kiosk.core.callsOf('session:signOut')).toHaveLength(1);
    });

    it('forgets the consultation when the customer goes back to the welcome', async () => {
      const page = await kiosk.open({ clock: testClock });
      await consult(page);
      await button(page, 'Volver').click();
      // One step back: the proof is still there, to look up another supply.
      expect(await field(page, 'Número de documento').inputValue()).toBe('17654321');
      await button(page, 'Volver').click();
      await expectForgotten(page);
      expect(kiosk.core.callsOf('session:signOut')).toHaveLength(1);
      await button(page, 'Consultar factura sin cuenta').click();
      expect(await field(page, 'Número de documento').inputValue()).toBe('');
    });
  },
);
