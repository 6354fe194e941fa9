import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshotPath } from '../helpers/browser.js';
import { button, heading } from './account-helpers.js';
import { ana, demoSupplyScript, juan, maria, testClock } from './demo-supplies.js';
import { refusal } from './scripted-kiosk-core.js';
import { speechStub, spokenIn } from './speech-stub.js';
import { checkSupplyScreen, panelText, signIn, useDemoKiosk } from './supplies-helpers.js';

describe.runIf(browserAvailable())(
  'home, "CUENTAS" and the supply selector (system Chromium, scripted core)',
  () => {
    const kiosk = useDemoKiosk();

    const selector = (page: Page) => page.getByTestId('supply-selector');

    it('without supplies: "Asociar Cuenta", no invoice, and the requests that need none', async () => {
      kiosk.core.script(demoSupplyScript(ana, []));
      const page = await kiosk.open({ clock: testClock });
      await signIn(page, ana);
      await expect.poll(() => panelText(page, 'current-supply')).toContain('Todavía no asociaste');
      expect(await panelText(page, 'current-supply')).toContain('SUMINISTRO ACTUAL');
      expect(await panelText(page, 'last-invoice')).toContain('Ultima Factura');
      await expect
        .poll(() => panelText(page, 'my-requests'))
        .toContain('Todavía no iniciaste trámites.');
      expect(await selector(page).count()).toBe(0);
      expect(await button(page, 'Asociar Cuenta').isVisible()).toBe(true);
      // "Revisión de Pilar" says why it cannot start, and does not.
      const pilar = page.getByRole('button', { name: 'Solicitud de Revisión de Pilar' });
      expect(await pilar.getAttribute('aria-disabled')).toBe('true');
      expect(await pilar.getAttribute('aria-describedby')).toBeTruthy();
      // Playwright waits for an aria-disabled button to be enabled: tap it as a finger would.
      await pilar.click({ force: true });
      expect(await heading(page)).toBe('Hola, Ana Sofía');
      await checkSupplyScreen(page, 'home-empty', { back: false });

      await page.getByRole('button', { name: 'Solicitud Alta Energía' }).click();
      await expect.poll(() => heading(page)).toBe('Solicitud Alta Energía');
      await checkSupplyScreen(page, 'request-soon');
      await button(page, 'Volver').click();
      await expect.poll(() => heading(page)).toBe('Hola, Ana Sofía');
    });

    it('with supplies: the current one, its last invoice, and the selector that switches both', async () => {
      kiosk.core.script(demoSupplyScript(maria, ['100234', '100235']));
      const page = await kiosk.open({ clock: testClock });
      await signIn(page, maria);
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('$ 19.875,40');
      const supply = await panelText(page, 'current-supply');
      expect(supply).toContain('Suministro N.º 100234');
      expect(supply).toContain('Energía');
      expect(supply).toContain('Av. San Martín 1234, Colón');
      expect(supply).toContain('Estado: Activo');
      const invoice = await panelText(page, 'last-invoice');
      expect(invoice).toContain('Factura de marzo de 2026');
      expect(invoice).toContain('N.º de factura: 0003-00011642');
      expect(invoice).toContain('Vence el 10 de abril de 2026');
      expect(invoice).not.toContain('Vencida');
      expect((await page.getByTestId('invoice-state').textContent())?.trim()).toBe('Pendiente');
      expect(await selector(page).textContent()).toContain('N.º 100234 · Energía');
      const pilar = page.getByRole('button', { name: 'Solicitud de Revisión de Pilar' });
      expect(await pilar.getAttribute('aria-disabled')).toBe('false');
      await checkSupplyScreen(page, 'home', { back: false });

      // The top bar's selector: the list opens, the other supply becomes the current one.
      await selector(page).getByRole('button', { expanded: false }).click();
      await checkSupplyScreen(page, 'selector-open', { back: false });
      await selector(page)
        .getByRole('button', { name: /100235/ })
        .click();
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('$ 15.999,00');
      expect(await panelText(page, 'current-supply')).toContain('Suministro N.º 100235');
      expect(await panelText(page, 'current-supply')).toContain('Internet');
      expect(await selector(page).textContent()).toContain('N.º 100235 · Internet');
      expect(await pilar.getAttribute('aria-disabled')).toBe('true');
      expect(kiosk.core.callsOf('invoice:latest')).toEqual([
        { supplyNumber: '100234' },
        { supplyNumber: '100235' },
      ]);

      // "CUENTAS": both supplies, the current one marked, "Usar este" on the other.
      await button(page, 'Ver mis cuentas').click();
      await expect.poll(() => heading(page)).toBe('CUENTAS');
      const current = page.locator('li[aria-current="true"]');
      expect(await current.textContent()).toContain('100235');
      expect(await current.textContent()).toContain('En uso');
      await checkSupplyScreen(page, 'accounts');
      await page.getByRole('button', { name: 'Usar este: Suministro N.º 100234' }).click();
      expect(await current.textContent()).toContain('100234');
      expect(await selector(page).textContent()).toContain('N.º 100234 · Energía');
      await button(page, 'Volver').click();
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('$ 19.875,40');
      // Each invoice was asked for once: switching back shows the one already known.
      expect(kiosk.core.callsOf('invoice:latest')).toHaveLength(2);
    });

    it('marks an overdue invoice with a sign and a word, and a paid one without a coupon', async () => {
      kiosk.core.script(demoSupplyScript(juan, ['200452', '200451']));
      const page = await kiosk.open({ clock: testClock });
      await signIn(page, juan);
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('$ 4.250,00');
      const mark = page.getByTestId('invoice-state');
      expect((await mark.textContent())?.trim()).toBe('Vencida');
      expect(await mark.locator('svg').count()).toBe(1);
      expect(await panelText(page, 'last-invoice')).toContain('Venció el 10 de febrero de 2026');
      expect(await button(page, 'Imprimir cupón de pago').isVisible()).toBe(true);
      expect(await panelText(page, 'current-supply')).toContain('Servicio Social');
      await checkSupplyScreen(page, 'home-overdue', { back: false });

      await selector(page).getByRole('button', { expanded: false }).click();
      await selector(page)
        .getByRole('button', { name: /200451/ })
        .click();
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('Pagada');
      expect(await page.getByTestId('invoice-state').textContent()).toContain('Pagada');
      expect(await panelText(page, 'last-invoice')).toContain('N.º de factura: 0003-00009112');
      expect(await panelText(page, 'current-supply')).toContain('Estado: De baja');
      expect(await button(page, 'Imprimir cupón de pago').count()).toBe(0);
      // An energy supply, but cancelled: no "Revisión de Pilar".
      const pilar = page.getByRole('button', { name: 'Solicitud de Revisión de Pilar' });
      expect(await pilar.getAttribute('aria-disabled')).toBe('true');
      await checkSupplyScreen(page, 'home-paid', { back: false });
    });

    it('"Escuchar" reads the panels after the greeting; the coupon button fits with "Texto grande"', async () => {
      kiosk.core.script(demoSupplyScript(maria, ['100234', '100235']));
      const page = await kiosk.open({
        clock: testClock,
        beforeLoad: async (page) => {
          await page.addInitScript(speechStub);
        },
      });
      await signIn(page, maria);
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('$ 19.875,40');
      await button(page, 'Escuchar').click();
      const [read] = (await spokenIn(page)).utterances;
      const text = read?.text ?? '';
      const order = [
        'Hola, María Laura.',
        'SUMINISTRO ACTUAL.',
        'Suministro N.º 100234.',
        'Estado: Activo.',
        'Ultima Factura.',
        'N.º de factura: 0003-00011642.',
        '$ 19.875,40.',
        'Pendiente.',
        'Vence el 10 de abril de 2026.',
        'Mis trámites.',
      ].map((part) => text.replace(/\s/g, ' ').indexOf(part));
      expect(
        order.every((at) => at >= 0),
        text,
      ).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);

      await button(page, 'Escuchar').click();
      await button(page, 'Texto grande').click();
      const print = button(page, 'Imprimir cupón de pago');
      const fits = await print.evaluate((element) => {
        const outer = element.getBoundingClientRect();
        const panel = element.closest('section')!.getBoundingClientRect();
        const inside = [...element.children].every((child) => {
          const box = child.getBoundingClientRect();
          return box.left >= outer.left && box.right <= outer.right && box.bottom <= outer.bottom;
        });
        return {
          inside,
          inPanel: outer.right <= panel.right,
          clipped: element.scrollWidth > element.clientWidth,
        };
      });
      expect(fits).toEqual({ inside: true, inPanel: true, clipped: false });
      // Larger text makes the home taller than the window (it scrolls); nothing runs off sideways.
      await page.screenshot({ path: screenshotPath('supplies-home-large-text'), fullPage: true });
    });

    it('says when the supplies cannot be fetched, and fetches them again', async () => {
      const down =
        'No pudimos comunicarnos con la cooperativa. Probá de nuevo en un momento o pedí ayuda en el mostrador.';
      kiosk.core.script({
        ...demoSupplyScript(maria, ['100234']),
        'supplies:list': () => refusal('central_unreachable', down),
      });
      const page = await kiosk.open({ clock: testClock });
      await signIn(page, maria);
      await expect.poll(() => panelText(page, 'current-supply')).toContain(down);
      // One alert, in the panel it belongs to; the invoice panel waits for the list.
      expect(await page.getByRole('alert').filter({ hasText: down }).count()).toBe(1);
      await checkSupplyScreen(page, 'home-failed', { back: false });
      kiosk.core.script(demoSupplyScript(maria, ['100234']));
      await button(page, 'Probar de nuevo').click();
      await expect.poll(() => panelText(page, 'last-invoice')).toContain('$ 19.875,40');
    });

    it('goes back to the welcome when the kiosk says the session has ended', async () => {
      kiosk.core.script({
        ...demoSupplyScript(maria, ['100234']),
        'invoice:latest': () =>
          refusal('session_required', 'Tu sesión terminó. Iniciá sesión de nuevo para seguir.'),
      });
      const page = await kiosk.open({ clock: testClock });
      await signIn(page, maria, { waitForHome: false });
      await expect.poll(() => kiosk.core.callsOf('session:signOut').length).toBe(1);
      await expect.poll(() => heading(page), { timeout: 10_000 }).toContain('bienvenida');
      expect(await page.content()).not.toContain('100234');
      expect(kiosk.core.callsOf('session:signOut')).toHaveLength(1);
    });
  },
);
