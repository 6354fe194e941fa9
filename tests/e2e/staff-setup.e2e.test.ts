import { expect, it } from 'vitest';
import { revokeKiosk } from '../../central/fleet/enrolment.js';
import { describeEachEngine } from '../../central/testing/engines.js';
import { checkChoicesAndBack } from './a11y-choices.js';
import { browserAvailable } from '../helpers/browser.js';
import {
  button,
  checkScreen,
  closeKeyboard,
  heading,
  messageOf,
  typeKeys,
  typeText,
} from './account-helpers.js';
import { staffMember, useStaffKiosk } from './staff-helpers.js';

const codeLabel = 'Código de alta';

/**
 * The setup screen for IT, in the system Chromium through the web host, with a kiosk core that
 * must be enrolled and a central that refuses kiosks without a credential (a cooperative's
 * set-up): a new kiosk asks for its code before the welcome, and a revoked one says so and takes
 * only a new code.
 */
describeEachEngine('kiosk setup screen (Chromium, web host, real core and central)', (engine) => {
  const kiosk = useStaffKiosk(engine, { prefix: 'staff-setup', requireEnrolment: true });
  const prefix = () => `setup-${engine.name}`;
  let firstCode = '';

  async function clearCode(): Promise<void> {
    const { page } = kiosk;
    await page.getByLabel(codeLabel, { exact: true }).fill('');
  }

  it.runIf(browserAvailable())(
    'a kiosk never enrolled opens on the setup screen and is enrolled with IT’s code',
    async () => {
      const { page } = kiosk;
      await expect.poll(() => heading(page)).toBe('Alta del kiosco');
      expect(await page.locator('main').innerText()).toContain(
        'Este kiosco todavía no está dado de alta en la central.',
      );
      expect(await button(page, 'Personal').count()).toBe(0);
      await checkScreen(page, 'not-enrolled', { prefix: prefix(), back: false });
      await checkChoicesAndBack(page, `setup-not-enrolled-${engine.name}`);

      await typeText(page, codeLabel, 'ABC-123');
      await closeKeyboard(page);
      await button(page, 'Dar de alta el kiosco').click();
      expect(await messageOf(page, codeLabel)).toBe('El código tiene 12 letras y números.');

      await clearCode();
      await typeText(page, codeLabel, 'AAAA-AAAA-AAAA');
      await closeKeyboard(page);
      await button(page, 'Dar de alta el kiosco').click();
      await expect
        .poll(() => page.getByTestId('form-alert').textContent())
        .toContain('El código de alta no es correcto.');
      await closeKeyboard(page);
      await checkScreen(page, 'wrong-code', { prefix: prefix(), back: false });

      firstCode = await kiosk.enrolmentCode('Sucursal Norte');
      await clearCode();
      // Typed on the on-screen keyboard, in lower case and with its dashes: both forgiven.
      await typeKeys(page, codeLabel, [...firstCode.toLowerCase()]);
      await closeKeyboard(page);
      await button(page, 'Dar de alta el kiosco').click();
      await expect.poll(() => heading(page)).toBe('¡Hola! Te damos la bienvenida');
      expect(await kiosk.call('fleet:status')).toMatchObject({
        ok: true,
        value: { state: 'enrolled', required: true, branch: 'Sucursal Norte' },
      });
    },
  );

  it.runIf(browserAvailable())(
    'a revoked kiosk says it was deregistered, refuses the spent code and takes a new one',
    async () => {
      const { page } = kiosk;
      await revokeKiosk(kiosk.fleet(), kiosk.core.kioskId, { reason: 'Equipo robado', by: null });
      // The kiosk learns it at its next call to the central.
      expect(await kiosk.call('sync:now')).toMatchObject({ ok: true, value: { online: false } });
      const refused = await kiosk.call('staff:signIn', {
        badgeOrEmail: staffMember.email,
        pin: staffMember.pin,
      });
      expect(refused).toMatchObject({ ok: false, error: { code: 'kiosk_revoked' } });

      // The screens read the enrolment again on their own and leave the welcome.
      await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('Alta del kiosco');
      expect(await page.getByRole('alert').first().textContent()).toContain(
        'Sistemas dio de baja este kiosco en la central.',
      );
      await checkScreen(page, 'revoked', { prefix: prefix(), back: false });
      await checkChoicesAndBack(page, `setup-revoked-${engine.name}`);

      await typeText(page, codeLabel, firstCode);
      await closeKeyboard(page);
      await button(page, 'Dar de alta el kiosco').click();
      await expect
        .poll(() => page.getByTestId('form-alert').textContent())
        // A spent code gets the same answer as an unknown one (it never tells a code existed).
        .toContain('El código de alta no es correcto.');
      await closeKeyboard(page);
      await checkScreen(page, 'spent-code', { prefix: prefix(), back: false });
      expect(await kiosk.call('fleet:status')).toMatchObject({ value: { state: 'revoked' } });

      await clearCode();
      await typeText(page, codeLabel, await kiosk.enrolmentCode('Sucursal Norte'));
      await closeKeyboard(page);
      await button(page, 'Dar de alta el kiosco').click();
      await expect.poll(() => heading(page)).toBe('¡Hola! Te damos la bienvenida');
      expect(await kiosk.call('sync:now')).toMatchObject({ ok: true, value: { online: true } });
      const signedIn = await kiosk.call('staff:signIn', {
        badgeOrEmail: staffMember.email,
        pin: staffMember.pin,
      });
      expect(signedIn).toMatchObject({ ok: true, value: { name: staffMember.name } });
      await kiosk.call('staff:signOut');
    },
  );
});
