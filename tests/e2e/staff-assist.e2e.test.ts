import { expect, it } from 'vitest';
import { describeEachEngine } from '../../central/testing/engines.js';
import { checkChoicesAndBack } from './a11y-choices.js';
import { browserAvailable } from '../helpers/browser.js';
import { demoHolder, registerAndActivate } from '../helpers/customer.js';
import {
  button,
  checkScreen,
  closeKeyboard,
  heading,
  messageOf,
  typeKeys,
  typeText,
} from './account-helpers.js';
import { auditOf, staffMember, useStaffKiosk } from './staff-helpers.js';

/**
 * Assisted mode, in the system Chromium through the web host against the real core and central:
 * staff at the counter open a walk-in's session from their panel (document seen, a reason), the
 * kiosk becomes the customer's with the staff member named on the home, and every call of that
 * session is in the central's audit log with the staff member, the kiosk and the customer.
 */
describeEachEngine('assisted mode (Chromium, web host, real core and central)', (engine) => {
  const kiosk = useStaffKiosk(engine, {
    prefix: 'staff-assist',
    mailbox: true,
    prepare: async ({ call, enrolmentCode, mailbox }) => {
      const enrolled = await call('fleet:enrol', { code: await enrolmentCode() });
      if (!enrolled.ok) throw new Error(enrolled.error.message);
      await registerAndActivate(call, mailbox);
    },
  });
  const prefix = () => `staff-assist-${engine.name}`;

  it.runIf(browserAvailable())(
    'asks for the document seen and a reason, refuses an unknown document, then opens the session',
    async () => {
      const { page } = kiosk;
      await button(page, 'Personal').click();
      await typeText(page, 'Correo o código de credencial', staffMember.email);
      await closeKeyboard(page);
      await typeKeys(page, 'PIN', [...staffMember.pin]);
      await closeKeyboard(page);
      await button(page, 'Ingresar').click();
      await expect.poll(() => heading(page)).toBe('Panel del personal');

      await button(page, 'Atención asistida').click();
      await expect.poll(() => heading(page)).toBe('Atención asistida');
      await checkScreen(page, 'form', { prefix: prefix() });
      await checkChoicesAndBack(page, `staff-assist-form-${engine.name}`);

      await typeKeys(page, 'Número de documento', [...'30111222']);
      await closeKeyboard(page);
      await button(page, 'Abrir su sesión').click();
      await expect
        .poll(() => page.getByTestId('form-alert').textContent())
        .toContain('Confirmá que viste el documento de la persona.');

      await page.getByLabel('Vi el documento de la persona y está presente').check();
      await button(page, 'Abrir su sesión').click();
      expect(await messageOf(page, 'Motivo (ej.: no tiene celular)')).toBe(
        'Escribí el motivo de la atención asistida.',
      );
      await typeText(page, 'Motivo (ej.: no tiene celular)', 'No tiene celular');
      await closeKeyboard(page);
      // The PIN again: an open panel and a document number alone open nothing.
      await button(page, 'Abrir su sesión').click();
      expect(await messageOf(page, 'Tu PIN, otra vez')).toBe('Escribí tu PIN (de 6 a 8 números).');
      await typeKeys(page, 'Tu PIN, otra vez', [...'135799']);
      await closeKeyboard(page);
      await button(page, 'Abrir su sesión').click();
      await expect
        .poll(() => page.getByTestId('form-alert').textContent())
        .toContain('El correo, la credencial o el PIN no son correctos.');
      await typeKeys(page, 'Tu PIN, otra vez', [...staffMember.pin]);
      await closeKeyboard(page);
      await button(page, 'Abrir su sesión').click();
      await expect
        .poll(() => page.getByTestId('form-alert').textContent())
        .toContain('No hay una cuenta activa con ese documento.');
      await checkScreen(page, 'unknown', { prefix: prefix() });

      const number = page.getByLabel('Número de documento');
      await number.click();
      for (let digit = 0; digit < 8; digit++) {
        await page
          .getByTestId('on-screen-keyboard')
          .getByRole('button', { name: 'Borrar' })
          .click();
      }
      await typeKeys(page, 'Número de documento', [...demoHolder.documentNumber]);
      await closeKeyboard(page);
      await typeKeys(page, 'Tu PIN, otra vez', [...staffMember.pin]);
      await closeKeyboard(page);
      await button(page, 'Abrir su sesión').click();
      await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
      expect(await page.getByTestId('assisted-by').textContent()).toContain(
        `Te atiende ${staffMember.name}, del mostrador`,
      );
      await checkScreen(page, 'home', { prefix: prefix(), back: false });
    },
  );

  it.runIf(browserAvailable())(
    'audits the session and each of its calls with the staff member, the kiosk and the customer',
    async () => {
      const { page } = kiosk;
      await button(page, 'Salir').click();
      await expect.poll(() => heading(page), { timeout: 15_000 }).toContain('bienvenida');
      const all = (await auditOf(kiosk)).filter((entry) => entry.action.startsWith('assisted-'));
      // The unknown document is there too, refused.
      expect(all[0]).toMatchObject({
        action: 'assisted-session-refused',
        detail: { documentNumber: '30111222', why: 'no-account' },
      });
      const entries = all.filter((entry) => entry.action !== 'assisted-session-refused');
      expect(entries[0]).toEqual({
        action: 'assisted-session',
        detail: { reason: 'No tiene celular', documentSeen: true },
      });
      const operations = entries.slice(1).map((entry) => entry.detail.operation);
      // The home read the customer's supplies; "Salir" ended the session on the central.
      expect(operations).toContain('listSupplies');
      expect(operations.at(-1)).toBe('signOut');
      const rows = await kiosk.database.db
        .selectFrom('staff_audit')
        .innerJoin('staff_members', 'staff_members.id', 'staff_audit.staff_id')
        .innerJoin('accounts', 'accounts.id', 'staff_audit.account_id')
        .select(['staff_members.email as staff', 'accounts.email as customer'])
        .where('staff_audit.action', 'like', 'assisted-%')
        .execute();
      expect(new Set(rows.map((row) => `${row.staff} ${row.customer}`))).toEqual(
        new Set([`${staffMember.email} ${demoHolder.email}`]),
      );
    },
  );
});
