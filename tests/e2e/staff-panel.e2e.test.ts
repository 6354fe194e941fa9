import { afterAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../central/testing/engines.js';
import { openKioskStore, type KioskStore } from '../../src/store/index.js';
import { browserAvailable, screenshotPath } from '../helpers/browser.js';
import {
  button,
  checkScreen,
  closeKeyboard,
  smallTargetsAndText,
  field,
  heading,
  messageOf,
  typeKeys,
  typeText,
} from './account-helpers.js';
import { checkChoicesAndBack } from './a11y-choices.js';
import { axeViolations, expectNoAxeViolations } from './axe.js';
import { auditOf, staffMember, useStaffKiosk } from './staff-helpers.js';

const refusal = '422 supply_not_linked El suministro no está vinculado.';

/**
 * Counter staff at the kiosk, in the system Chromium through the web host, against the real core
 * and the real central: the "Personal" sign-in, the panel's health with a rejected delivery
 * retried and discarded (both in the central's audit log), the tools, and the session's end.
 */
describeEachEngine('staff panel (Chromium, web host, real core and central)', (engine) => {
  let store: KioskStore;
  let rejected: { sequence: number; reference: string };
  const kiosk = useStaffKiosk(engine, {
    prefix: 'staff-panel',
    prepare: async ({ call, enrolmentCode, kioskDir }) => {
      const enrolled = await call('fleet:enrol', { code: await enrolmentCode() });
      if (!enrolled.ok) throw new Error(enrolled.error.message);
      // A request the central refused, as the outbox's worker leaves it.
      store = openKioskStore(kioskDir);
      rejected = store.outbox.enqueue(
        {
          idempotencyKey: crypto.randomUUID(),
          kind: 'request',
          owner: 'owner-x',
          payload: Buffer.from('sellado'),
          createdAt: new Date().toISOString(),
          attachments: [],
        },
        'PRUEBA',
      );
      store.outbox.settle(rejected.sequence, 'rejected', refusal);
    },
  });
  afterAll(() => store?.close());
  const prefix = () => `staff-${engine.name}`;
  const notice = () => kiosk.page.getByTestId('staff-notice').textContent();
  const row = () => kiosk.page.locator(`li[data-item="${rejected.reference}"]`);

  async function typePin(pin: string): Promise<void> {
    await typeKeys(kiosk.page, 'PIN', [...pin]);
    await closeKeyboard(kiosk.page);
  }

  it.runIf(browserAvailable())(
    'opens the sign-in from the welcome’s "Personal" and refuses a wrong PIN',
    async () => {
      const { page } = kiosk;
      await expect.poll(() => heading(page)).toBe('¡Hola! Te damos la bienvenida');
      // The welcome scrolls (its request types go below the fold): checked without that rule.
      expect(await smallTargetsAndText(page)).toEqual([]);
      await expectNoAxeViolations(page, 'the welcome with "Personal"');
      await kiosk.shot('welcome');
      await button(page, 'Personal').click();
      await expect.poll(() => heading(page)).toBe('Ingreso del personal');
      await typeText(page, 'Correo o código de credencial', staffMember.email);
      await closeKeyboard(page);
      // The PIN is typed on the numeric keypad.
      await field(page, 'PIN').click();
      await checkScreen(page, 'sign-in-keypad', { prefix: prefix() });
      await closeKeyboard(page);
      await button(page, 'Ingresar').click();
      expect(await messageOf(page, 'PIN')).toBe('El PIN tiene de 6 a 8 números.');

      await typePin('135799');
      await button(page, 'Ingresar').click();
      await expect
        .poll(() => page.getByTestId('form-alert').textContent())
        .toContain('El correo, la credencial o el PIN no son correctos.');
      // A wrong PIN is typed again from scratch; nothing of the panel is shown.
      expect(await field(page, 'PIN').inputValue()).toBe('');
      expect(await heading(page)).toBe('Ingreso del personal');
      await checkScreen(page, 'sign-in-refused', { prefix: prefix() });
      await checkChoicesAndBack(page, `staff-sign-in-${engine.name}`);
    },
  );

  it.runIf(browserAvailable())(
    'the right PIN opens the panel: kiosk health and the rejected item with its reason',
    async () => {
      const { page } = kiosk;
      await typePin(staffMember.pin);
      await button(page, 'Ingresar').click();
      await expect.poll(() => heading(page)).toBe('Panel del personal');
      await expect.poll(() => row().count()).toBe(1);
      const health = await page.getByTestId('kiosk-health').innerText();
      expect(health).toContain('0.0.0-test');
      expect(health).toContain('Dado de alta en Sucursal Centro');
      expect(health).toContain('En línea');
      expect(health).toContain('Sin actualizaciones automáticas');
      // Neither a systemd credential nor a keyring in this test: staff are told.
      expect(health).toMatch(/⚠\s*Clave del dispositivo sin proteger\./);
      const item = await row().innerText();
      expect(item).toContain('Rechazado');
      expect(item).toContain(refusal);
      expect(await page.locator('main').innerText()).toContain(`Sesión de ${staffMember.name}`);
      await checkScreen(page, 'panel', { prefix: prefix(), back: false });
    },
  );

  it.runIf(browserAvailable())(
    'retries the rejected item from the panel, recorded in the central’s audit log',
    async () => {
      const { page } = kiosk;
      await row()
        .getByRole('button', { name: `Reintentar el envío ${rejected.reference}` })
        .click();
      await expect.poll(notice).toContain(`El envío ${rejected.reference} se vuelve a intentar.`);
      await kiosk.core.outbox.idle();
      // The worker took it again (a fake payload: refused again, by the kiosk this time).
      expect(store.outbox.get(rejected.sequence)?.attempts).toBe(2);
      const retried = (await auditOf(kiosk)).find((entry) => entry.action === 'outbox-retry');
      expect(retried?.detail).toMatchObject({
        itemReference: rejected.reference,
        lastError: refusal,
      });
      await checkScreen(page, 'retried', { prefix: prefix(), back: false });
    },
  );

  it.runIf(browserAvailable())(
    'discards it only with a reason typed on the keyboard, then confirmed',
    async () => {
      const { page } = kiosk;
      await expect.poll(() => row().getByRole('button').first().isEnabled()).toBe(true);
      await row()
        .getByRole('button', { name: `Descartar el envío ${rejected.reference}` })
        .click();
      await expect.poll(() => heading(page)).toBe('Descartar un envío');
      await button(page, 'Confirmar descarte').click();
      expect(await messageOf(page, 'Motivo del descarte')).toBe('Escribí por qué lo descartás.');
      expect(store.outbox.get(rejected.sequence)).not.toBeNull();
      // The refusal focused the reason, which opened the keyboard; checked with it closed.
      await closeKeyboard(page);
      await checkScreen(page, 'discard', { prefix: prefix() });

      await typeText(page, 'Motivo del descarte', 'El cliente lo presenta en el mostrador');
      await closeKeyboard(page);
      await button(page, 'Confirmar descarte').click();
      await expect.poll(() => heading(page)).toBe('Panel del personal');
      await expect.poll(notice).toContain(`El envío ${rejected.reference} se descartó.`);
      expect(await row().count()).toBe(0);
      expect(store.outbox.get(rejected.sequence)).toBeNull();
      const discarded = (await auditOf(kiosk)).find((entry) => entry.action === 'outbox-discard');
      expect(discarded?.detail).toMatchObject({
        itemReference: rejected.reference,
        reason: 'El cliente lo presenta en el mostrador',
      });
    },
  );

  it.runIf(browserAvailable())(
    'prints a test page, tests the camera and says leaving kiosk mode needs the kiosk',
    async () => {
      const { page } = kiosk;
      // The panel the discard went back to has read its idle time from the core.
      await expect.poll(() => page.getByTestId('staff-countdown').isVisible()).toBe(true);
      await button(page, 'Imprimir prueba').click();
      await expect.poll(notice).toContain('la prueba quedó guardada como PDF');

      // Leaving kiosk mode asks for the PIN again: an open panel is not enough.
      await button(page, 'Salir del modo kiosco').click();
      await expect.poll(() => heading(page)).toBe('Salir del modo kiosco');
      await page.getByRole('main').getByRole('button', { name: 'Salir del modo kiosco' }).click();
      expect(await messageOf(page, 'Tu PIN, otra vez')).toBe('Escribí tu PIN (de 6 a 8 números).');
      await typeKeys(page, 'Tu PIN, otra vez', [...'135799']);
      await closeKeyboard(page);
      await page.getByRole('main').getByRole('button', { name: 'Salir del modo kiosco' }).click();
      await expect
        .poll(() => page.getByTestId('form-alert').textContent())
        .toContain('El correo, la credencial o el PIN no son correctos.');
      expect(await field(page, 'Tu PIN, otra vez').inputValue()).toBe('');
      await checkScreen(page, 'leave-kiosk-refused', { prefix: prefix() });
      await typeKeys(page, 'Tu PIN, otra vez', [...staffMember.pin]);
      await closeKeyboard(page);
      await page.getByRole('main').getByRole('button', { name: 'Salir del modo kiosco' }).click();
      await expect.poll(() => heading(page)).toBe('Panel del personal');
      await expect
        .poll(notice)
        .toContain('Salir del modo kiosco solo se puede en el kiosco; en el navegador no hay');
      await checkScreen(page, 'not-a-kiosk', { prefix: prefix(), back: false });

      await button(page, 'Probar cámara').click();
      await expect.poll(() => heading(page)).toBe('Prueba de la cámara');
      await expect
        .poll(() => page.locator('main [role="status"]').textContent())
        .toMatch(/Cámara lista/);
      await checkScreen(page, 'camera', { prefix: prefix() });
      await button(page, 'Terminar la prueba').click();
      await expect.poll(() => heading(page)).toBe('Panel del personal');
      // The camera is released, and its state reported to the core (the heartbeat sends it).
      expect(await page.locator('video').count()).toBe(0);
      await expect
        .poll(() => page.getByTestId('kiosk-health').innerText())
        .toMatch(/Cámara\s+✔\s*Cámara lista/);
    },
  );

  it.runIf(browserAvailable())(
    'counts down the panel’s 90 s on screen, and a touch starts them again',
    async () => {
      const { page } = kiosk;
      const secondsLeft = async () =>
        Number(
          /(\d+) s/.exec((await page.getByTestId('staff-countdown').textContent()) ?? '')?.[1],
        );
      await expect.poll(secondsLeft).toBeLessThanOrEqual(90);
      await expect.poll(secondsLeft, { timeout: 20_000 }).toBeLessThan(86);
      // A touch anywhere on the panel (not a button): the core's clock starts again.
      await page.getByTestId('kiosk-health').click();
      await expect.poll(secondsLeft).toBeGreaterThanOrEqual(87);
      const idle = await kiosk.call('staff:current');
      expect(idle.ok && idle.value).toMatchObject({ name: staffMember.name });
      await checkScreen(page, 'countdown', { prefix: prefix(), back: false });
    },
  );

  it.runIf(browserAvailable())(
    'keeps "Texto grande" and "Alto contraste" working on the panel (AA, 7:1, sizes)',
    async () => {
      const { page } = kiosk;
      for (const choice of ['Texto grande', 'Alto contraste']) {
        await button(page, choice).click();
        expect(await button(page, choice).getAttribute('aria-pressed')).toBe('true');
      }
      expect(await page.evaluate(() => [...document.documentElement.classList])).toEqual(
        expect.arrayContaining(['large-text', 'high-contrast']),
      );
      await expectNoAxeViolations(page, 'the staff panel with "Texto grande" and "Alto contraste"');
      expect(await axeViolations(page, ['color-contrast-enhanced'])).toEqual([]);
      expect(await smallTargetsAndText(page)).toEqual([]);
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(sideways).toBeLessThanOrEqual(0);
      await page.screenshot({
        path: screenshotPath(`${prefix()}-panel-large-contrast`),
        fullPage: true,
      });
      for (const choice of ['Texto grande', 'Alto contraste']) await button(page, choice).click();
      expect(await page.evaluate(() => [...document.documentElement.classList])).not.toContain(
        'high-contrast',
      );
    },
  );

  it.runIf(browserAvailable())(
    'closes the panel when the core ended the staff session, and on "Cerrar sesión del personal"',
    async () => {
      const { page } = kiosk;
      // Ended behind the panel's back (as idle time or the central would end it).
      await kiosk.call('staff:signOut');
      await button(page, 'Sincronizar ahora').click();
      await expect.poll(() => heading(page)).toBe('Ingreso del personal');
      expect(await page.getByRole('alert').first().textContent()).toContain(
        'Tu sesión del personal terminó.',
      );
      await checkScreen(page, 'session-ended', { prefix: prefix() });

      await typeText(page, 'Correo o código de credencial', staffMember.email);
      await typePin(staffMember.pin);
      await button(page, 'Ingresar').click();
      await expect.poll(() => heading(page)).toBe('Panel del personal');
      await button(page, 'Cerrar sesión del personal').click();
      await expect.poll(() => heading(page)).toBe('¡Hola! Te damos la bienvenida');
      expect(await kiosk.call('staff:current')).toEqual({ ok: true, value: null });
      const actions = (await auditOf(kiosk)).map((entry) => entry.action);
      // Ended by the core, by the button, and the token that the PIN typed again replaced.
      expect(actions.filter((action) => action === 'kiosk-sign-out')).toHaveLength(3);
    },
  );
});
