import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, screenshotPath } from '../helpers/browser.js';
import {
  button,
  closeKeyboard,
  field,
  heading,
  smallTargetsAndText,
  typeText,
} from './account-helpers.js';
import { expectNoAxeViolations } from './axe.js';
import { refusal } from './scripted-kiosk-core.js';
import { useScriptedKiosk } from './scripted-suite.js';

const start = new Date('2025-06-02T12:00:00-03:00');

/** What the customer typed, planted to be looked for after the wipe. */
const planted = {
  email: 'canario.plantado@example.com',
  documentNumber: '27845120',
  lastName: 'Plantado',
};

/** The catalogue fixture's settings: 90 s without input, then 30 s to answer. */
const inactivityMs = 90_000;
const warningSeconds = 30;

describe.runIf(browserAvailable())(
  '"¿Seguís ahí?" and the wipe (system Chromium, scripted core)',
  () => {
    const kiosk = useScriptedKiosk();
    const openKiosk = () => kiosk.open({ clock: start });

    /** A half-filled registration: personal data, no account, no session. */
    async function plantRegistration(page: Page): Promise<void> {
      await button(page, 'Registrarse').click();
      await typeText(page, 'Número de documento', planted.documentNumber);
      await typeText(page, 'Fecha de nacimiento', '02101975');
      await closeKeyboard(page);
      await button(page, 'Siguiente').click();
      await typeText(page, 'Nombre', 'Clara');
      await typeText(page, 'Apellido', planted.lastName);
      await typeText(page, 'Teléfono', '3794123456');
      await closeKeyboard(page);
      await button(page, 'Siguiente').click();
      await typeText(page, 'Correo electrónico', planted.email);
      await closeKeyboard(page);
      // What later code might keep in the page's storage, and a value in JavaScript memory.
      await page.evaluate(async (email) => {
        sessionStorage.setItem('canary', email);
        localStorage.setItem('canary', email);
        const cache = await caches.open('canary');
        await cache.put('/canary', new Response(email));
        await new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('canary');
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
          request.onerror = () => reject(new Error('indexedDB'));
        });
        (window as unknown as { canary?: string }).canary = email;
      }, planted.email);
    }

    const dialog = (page: Page) => page.getByRole('alertdialog', { name: '¿Seguís ahí?' });

    async function countdown(page: Page): Promise<number> {
      const text = (await page.getByTestId('still-there-countdown').textContent()) ?? '';
      return Number(/\d+/.exec(text)?.[0]);
    }

    it('asks "¿Seguís ahí?" after the inactivity, counting down from at least 20 s; "Sí, sigo acá" keeps everything', async () => {
      const page = await openKiosk();
      await plantRegistration(page);

      // Input keeps it away: most of the wait, a tap, most of the wait again.
      await page.clock.runFor(inactivityMs - 10_000);
      await page.mouse.click(5, 1000);
      await page.clock.runFor(inactivityMs - 10_000);
      expect(await dialog(page).count()).toBe(0);

      await page.clock.runFor(10_000);
      await dialog(page).waitFor();
      expect(await countdown(page)).toBe(warningSeconds);
      expect(await countdown(page)).toBeGreaterThanOrEqual(20);
      // The focus is in the dialog, on its answer.
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
      expect(focused).toBe('Sí, sigo acá');
      await page.clock.runFor(5_000);
      // The clock ticks twice a second: five seconds later it shows 25 or 26.
      expect(await countdown(page)).toBeGreaterThanOrEqual(warningSeconds - 5);
      expect(await countdown(page)).toBeLessThanOrEqual(warningSeconds - 4);
      expect(await smallTargetsAndText(page)).toEqual([]);
      await expectNoAxeViolations(page, '"¿Seguís ahí?"');
      await page.screenshot({ path: screenshotPath('account-still-there') });

      await button(page, 'Sí, sigo acá').click();
      await dialog(page).waitFor({ state: 'detached' });
      expect(await field(page, 'Correo electrónico').inputValue()).toBe(planted.email);
      await button(page, 'Volver').click();
      expect(await field(page, 'Apellido').inputValue()).toBe(planted.lastName);
      expect(kiosk.core.callsOf('session:signOut')).toHaveLength(0);
    });

    async function expectWiped(page: Page): Promise<void> {
      await expect.poll(() => heading(page), { timeout: 10_000 }).toContain('bienvenida');
      const html = await page.content();
      for (const value of Object.values(planted)) expect(html).not.toContain(value);
      const left = await page.evaluate(async () => ({
        session: sessionStorage.length,
        local: localStorage.length,
        caches: await caches.keys(),
        databases: (await indexedDB.databases()).map((db) => db.name),
        memory: (window as unknown as { canary?: string }).canary ?? null,
        inputs: [...document.querySelectorAll('input')].map((input) => input.value),
      }));
      expect(left).toEqual({
        session: 0,
        local: 0,
        caches: [],
        databases: [],
        memory: null,
        inputs: [],
      });
    }

    it('when nobody answers, ends the session on the core and leaves nothing of the customer', async () => {
      const page = await openKiosk();
      await plantRegistration(page);
      await page.clock.runFor(inactivityMs);
      await dialog(page).waitFor();
      await page.clock.runFor(warningSeconds * 1000);
      await expectWiped(page);
      expect(kiosk.core.callsOf('session:signOut')).toHaveLength(1);
    });

    it('wipes even when the core cannot end the session', async () => {
      let answer: () => void = () => {};
      kiosk.core.script({
        'session:signOut': () =>
          new Promise<never>((_, reject) => {
            answer = () => void refusal('central_unreachable', 'No hay conexión.').catch(reject);
          }),
      });
      const page = await openKiosk();
      await plantRegistration(page);
      await page.clock.runFor(inactivityMs);
      await dialog(page).waitFor();
      await button(page, 'Salir').click();
      // While the core answers, the screen shows nothing of the customer.
      const closing = page.getByRole('status').filter({ hasText: 'Cerrando la sesión' });
      await closing.waitFor();
      expect(await page.content()).not.toContain(planted.email);
      await page.screenshot({ path: screenshotPath('account-ending') });
      answer();
      await expectWiped(page);
      expect(kiosk.core.callsOf('session:signOut')).toHaveLength(1);
    });

    it('signs out a customer who walked away from the home, and never times out the welcome', async () => {
      kiosk.core.script({
        'session:signIn': () =>
          Promise.resolve({ firstName: 'Clara', lastName: planted.lastName, email: planted.email }),
      });
      const page = await openKiosk();
      await page.clock.runFor(inactivityMs * 3);
      expect(await dialog(page).count()).toBe(0);

      await button(page, 'Iniciar Sesión').click();
      await typeText(page, 'Correo electrónico', planted.email);
      await typeText(page, 'Contraseña', 'una clave larga');
      await closeKeyboard(page);
      await button(page, 'Iniciar Sesión').click();
      await expect.poll(() => heading(page)).toBe('Hola, Clara');
      await page.clock.runFor(inactivityMs + warningSeconds * 1000);
      await expectWiped(page);
      expect(kiosk.core.callsOf('session:signOut')).toHaveLength(1);
    });

    it('on a reload, gives the session back to a customer still there, and ends one left idle', async () => {
      const clara = { firstName: 'Clara', lastName: planted.lastName, email: planted.email };
      const page = await openKiosk();
      kiosk.core.script({
        'session:current': () => Promise.resolve({ ...clara, idleSeconds: 4 }),
      });
      await page.reload();
      await expect.poll(() => heading(page)).toBe('Hola, Clara');
      expect(kiosk.core.callsOf('session:signOut')).toHaveLength(0);

      kiosk.core.script({
        'session:current': () => Promise.resolve({ ...clara, idleSeconds: inactivityMs / 1000 }),
      });
      await page.reload();
      await expect.poll(() => kiosk.core.callsOf('session:signOut').length).toBe(1);
      await expect.poll(() => heading(page)).toContain('bienvenida');
      expect(await page.content()).not.toContain(planted.email);
    });
  },
);
