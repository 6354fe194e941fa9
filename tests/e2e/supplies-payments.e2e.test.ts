import QRCode from 'qrcode';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeBarcodes } from '../../src/testing/barcode-decoder.js';
import { browserAvailable, screenshotPath } from '../helpers/browser.js';
import { button, heading } from './account-helpers.js';
import { demoSupplyScript, maria, testClock } from './demo-supplies.js';
import { refusal } from './scripted-kiosk-core.js';
import { checkSupplyScreen, panelText, signIn, useDemoKiosk } from './supplies-helpers.js';

const handoffUrl =
  'https://pagos.copelco.example/?token=Q2FzaSB0b2RvIGVzdMOhIGJpZW4gYWNhIHRhbWJpw6lu';

describe.runIf(browserAvailable())(
  '"Facturas y Pagos" and the payment coupon (system Chromium, scripted core)',
  () => {
    const kiosk = useDemoKiosk({
      script: () => ({
        ...demoSupplyScript(maria, ['100234', '100235']),
      }),
    });

    async function openHome(): Promise<Page> {
      const page = await kiosk.open({ clock: testClock });
      await signIn(page, maria);
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('$ 19.875,40');
      return page;
    }

    it('shows the hand-off as a QR code of its URL, when it expires, and takes it away after', async () => {
      // As the core draws it: the same library and options.
      const qrSvg = await QRCode.toString(handoffUrl, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
      // Each hand-off lasts five minutes from when it is asked for (the page's clock moves).
      let asked = 0;
      kiosk.core.script({
        'payments:handoff': () => {
          const expiresAt = new Date(testClock.getTime() + (asked++ * 6 + 5) * 60_000);
          return Promise.resolve({
            url: handoffUrl,
            expiresAt: expiresAt.toISOString(),
            qrSvg,
            insideKiosk: true,
          });
        },
      });
      const page = await openHome();
      await button(page, 'Ir a Facturas y Pagos').click();
      await expect.poll(() => heading(page)).toBe('Facturas y Pagos');
      const qr = page.getByRole('img', { name: /Código QR/ });
      await qr.waitFor();
      // An image, never markup of the SVG in the page.
      expect(await page.locator('main svg').count()).toBe(0);
      expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
      const decoded = await decodeBarcodes(await qr.screenshot());
      expect(decoded).toEqual([{ format: 'QRCode', text: handoffUrl }]);
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).toContain(
        'Escaneá el código con la cámara de tu celular para pagar desde ahí. El enlace sirve una sola vez y vence en 5 minutos.',
      );
      // 12:00 in Argentina, plus five minutes (the clock is paused a second after 12:00).
      expect(text).toContain('Vence a las 12:05.');
      expect(await page.getByTestId('inside-kiosk').textContent()).toContain(
        'Podés abrir la página de pagos en este kiosco.',
      );
      // The kiosk's window stays on the kiosk.
      expect(new URL(page.url()).hostname).toBe('127.0.0.1');
      await checkSupplyScreen(page, 'payments');

      // Five minutes with someone at the kiosk (a tap a minute keeps "¿Seguís ahí?" away).
      for (let minute = 0; minute < 5; minute++) {
        await page.clock.runFor(60_000);
        await page.mouse.click(5, 1000);
      }
      await expect.poll(() => qr.count()).toBe(0);
      expect(await page.getByRole('status').filter({ hasText: 'ya venció' }).count()).toBe(1);
      await checkSupplyScreen(page, 'payments-expired');
      await button(page, 'Pedir otro código').click();
      await qr.waitFor();
      expect(kiosk.core.callsOf('payments:handoff')).toHaveLength(2);
    });

    /** The hand-off, as the core answers it when the cooperative allows the page inside. */
    async function scriptInsideHandoff() {
      const qrSvg = await QRCode.toString(handoffUrl, { type: 'svg' });
      const expiresAt = new Date(testClock.getTime() + 5 * 60_000).toISOString();
      kiosk.core.script({
        'payments:handoff': () =>
          Promise.resolve({ url: handoffUrl, expiresAt, qrSvg, insideKiosk: true }),
      });
    }

    it('opens the payments page inside the kiosk below a bar with the way back, in step with the idle clock', async () => {
      await scriptInsideHandoff();
      let shellState = { open: true, idleSeconds: 0 };
      kiosk.core.script({
        'payments:open': () => Promise.resolve({ opened: true }),
        'payments:state': () => Promise.resolve(shellState),
        'payments:close': () => {
          shellState = { open: false, idleSeconds: 0 };
          return Promise.resolve({ closed: true as const });
        },
      });
      const page = await openHome();
      await button(page, 'Ir a Facturas y Pagos').click();
      await button(page, 'Abrir acá').click();
      await expect.poll(() => heading(page)).toBe('Facturas y Pagos');
      await page.locator('[data-screen="paymentsInside"]').waitFor();
      // Everything to get back fits in the 96 px the shell leaves above the payments page.
      for (const name of ['Volver al kiosco', 'Salir']) {
        const box = await button(page, name).boundingBox();
        expect(box!.y + box!.height).toBeLessThanOrEqual(96);
        expect(box!.height).toBeGreaterThanOrEqual(48);
      }
      await checkSupplyScreen(page, 'payments-inside');

      // The customer keeps touching the page below (the shell counts those touches): past the
      // idle time, no "¿Seguís ahí?".
      // Two minutes, one look at the shell every two seconds, each answered before the next.
      const before = kiosk.core.callsOf('payments:state').length;
      for (let look = 1; look <= 60; look++) {
        await page.clock.runFor(2_000);
        await expect
          .poll(() => kiosk.core.callsOf('payments:state').length)
          .toBeGreaterThanOrEqual(before + look);
      }
      expect(await page.getByRole('alertdialog').count()).toBe(0);

      // Nobody touches it any more: the warning shows, and the page goes so it can be seen.
      shellState = { open: true, idleSeconds: 200 };
      await page.clock.runFor(95_000);
      await page.getByRole('alertdialog').waitFor();
      await expect.poll(() => kiosk.core.callsOf('payments:close').length).toBe(1);
      await expect.poll(() => page.locator('[data-screen="payments"]').count()).toBe(1);
      expect(await heading(page)).toBe('Facturas y Pagos');
      await button(page, 'Sí, sigo acá').click();

      // Opened again, and closed with "Volver al kiosco".
      shellState = { open: true, idleSeconds: 0 };
      await button(page, 'Abrir acá').click();
      await page.locator('[data-screen="paymentsInside"]').waitFor();
      await button(page, 'Volver al kiosco').click();
      await page.locator('[data-screen="payments"]').waitFor();
      expect(kiosk.core.callsOf('payments:close')).toHaveLength(2);
    });

    it('says so when this kiosk cannot open the payments page, and keeps the QR code', async () => {
      await scriptInsideHandoff();
      kiosk.core.script({ 'payments:open': () => Promise.resolve({ opened: false }) });
      const page = await openHome();
      await button(page, 'Ir a Facturas y Pagos').click();
      await button(page, 'Abrir acá').click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toContain('En este kiosco no se puede abrir la página de pagos.');
      await page.getByRole('img', { name: /Código QR/ }).waitFor();
      await checkSupplyScreen(page, 'payments-inside-unavailable');
    });

    it('says when the hand-off cannot be made, and tries again', async () => {
      const down =
        'No pudimos comunicarnos con la cooperativa. Probá de nuevo en un momento o pedí ayuda en el mostrador.';
      kiosk.core.script({ 'payments:handoff': () => refusal('central_unreachable', down) });
      const page = await openHome();
      await button(page, 'Ir a Facturas y Pagos').click();
      await expect.poll(() => page.getByTestId('form-alert').textContent()).toContain(down);
      await checkSupplyScreen(page, 'payments-failed');
      await button(page, 'Probar de nuevo').click();
      await expect.poll(() => kiosk.core.callsOf('payments:handoff').length).toBe(2);
    });

    it('prints the coupon of the invoice shown, or says to ask at the counter without a printer', async () => {
      let answer: (outcome: 'printed' | 'pdf') => void = () => {};
      kiosk.core.script({
        'coupon:print': () =>
          new Promise((resolve) => (answer = (outcome) => resolve({ outcome }))),
      });
      const page = await openHome();
      const outcome = page.getByTestId('coupon-outcome');
      await button(page, 'Imprimir cupón de pago').click();
      await expect.poll(() => outcome.textContent()).toContain('Imprimiendo…');
      await expect.poll(() => kiosk.core.callsOf('coupon:print').length).toBe(1);
      expect(await heading(page)).toBe('Imprimir cupón de pago');
      await checkSupplyScreen(page, 'coupon-printing');
      answer('printed');
      await expect.poll(() => outcome.textContent()).toContain('Listo: retirá tu cupón');
      await checkSupplyScreen(page, 'coupon-printed');
      expect(kiosk.core.callsOf('coupon:print')).toEqual([{ invoiceNumber: '0003-00011642' }]);

      // The other supply's invoice, on a kiosk with no printer: the PDF was kept for staff.
      await button(page, 'Volver').click();
      await page.getByTestId('supply-selector').getByRole('button', { expanded: false }).click();
      await page
        .getByTestId('supply-selector')
        .getByRole('button', { name: /100235/ })
        .click();
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('$ 15.999,00');
      await button(page, 'Imprimir cupón de pago').click();
      // Answer the second print only once it reached the core, or the answer goes to the first.
      await expect.poll(() => kiosk.core.callsOf('coupon:print').length).toBe(2);
      answer('pdf');
      await expect
        .poll(() => outcome.textContent())
        .toContain('No hay impresora conectada. Pedí tu cupón en el mostrador.');
      expect(kiosk.core.callsOf('coupon:print').at(-1)).toEqual({ invoiceNumber: '0005-00004873' });
      await checkSupplyScreen(page, 'coupon-pdf');
    });

    it('leaves no supply on screen or in storage once the session ends', async () => {
      let answer: () => void = () => {};
      kiosk.core.script({
        'session:signOut': () =>
          new Promise((resolve) => (answer = () => resolve({ ended: true }))),
      });
      const page = await openHome();
      await page.evaluate(() => sessionStorage.setItem('canary', '100234'));
      await button(page, 'Salir').click();
      // While the core ends the session, neither the screen nor the top bar shows a supply.
      await page.getByRole('status').filter({ hasText: 'Cerrando la sesión' }).waitFor();
      const secrets = ['100234', '100235', 'San Martín 1234', '19.875,40', 'María Laura'];
      let html = await page.content();
      for (const secret of secrets) expect(html).not.toContain(secret);
      await page.screenshot({ path: screenshotPath('supplies-ending') });
      answer();
      await expect.poll(() => heading(page), { timeout: 10_000 }).toContain('bienvenida');
      html = await page.content();
      for (const secret of secrets) expect(html).not.toContain(secret);
      expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
    });
  },
);
