import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../central/testing/engines.js';
import { createKioskCore, type KioskCore } from '../../src/kiosk/core.js';
import { dispatch } from '../../src/kiosk/dispatch.js';
import { tempDir } from '../../src/testing/temp-dir.js';
import { browserAvailable, screenshotPath } from '../helpers/browser.js';
import { officePage, signInAs, useBackofficeCentral } from './backoffice-helpers.js';
import { expectNoAxeViolations } from './axe.js';

const wait = { timeout: 30_000 };

describeEachEngine('the back office: Kioscos (system Chromium)', (engine) => {
  if (!browserAvailable()) return;
  const temp = tempDir('ventanilla-backoffice-kioscos-');
  const central = useBackofficeCentral(engine);
  let kiosk: KioskCore | undefined;

  afterAll(async () => {
    await kiosk?.stop();
    temp.remove();
  });

  it('a sistemas member generates an enrolment code that a kiosk accepts, sets its channel and deregisters it', async () => {
    const { h, url } = central;
    const { email } = await h.staff(`sistemas.${crypto.randomUUID()}@copelco.example`, [
      'sistemas',
    ]);
    const page = await officePage(central, '/oficina/bandeja');
    await signInAs(page, email);
    // Bandeja is not this role's: the first screen that is opens instead.
    await page.getByRole('heading', { level: 1, name: 'Kioscos' }).waitFor(wait);
    expect(new URL(page.url()).pathname).toBe('/oficina/kioscos');
    const nav = page.getByRole('navigation', { name: 'Pantallas' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Kioscos']);

    await page.getByRole('button', { name: 'Generar código de alta' }).click();
    await page.getByRole('alert').getByText('Escribí la sucursal del kiosco').waitFor(wait);
    await page.getByLabel('Sucursal del kiosco').fill('Sucursal Norte');
    await page.getByRole('button', { name: 'Generar código de alta' }).click();
    const shown = page.getByTestId('enrolment-code');
    await shown.waitFor(wait);
    const code = (await shown.textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expectNoAxeViolations(page, 'Kioscos with a code');
    await page.screenshot({ path: screenshotPath(`backoffice-kioscos-code-${engine.name}`) });

    kiosk = createKioskCore({
      dataDir: path.join(temp.dir, 'kiosco'),
      centralUrl: url,
      host: 'web',
      version: '1.4.0',
      log: () => {},
    });
    const enrolled = await dispatch(kiosk.handlers, 'fleet:enrol', { code });
    expect(enrolled.ok).toBe(true);

    await page.reload();
    const row = page.locator(`tr[data-kiosk-id="${kiosk.kioskId}"]`);
    await row.waitFor(wait);
    expect(await row.textContent()).toContain('Sucursal Norte');
    await row.getByRole('combobox').selectOption('beta');
    await expect
      .poll(async () => {
        const found = await h.db
          .selectFrom('kiosks')
          .select('update_channel')
          .where('id', '=', kiosk!.kioskId)
          .executeTakeFirstOrThrow();
        return found.update_channel;
      }, wait)
      .toBe('beta');

    await row.getByRole('button', { name: 'Dar de baja' }).click();
    await row.getByRole('button', { name: 'Confirmar baja' }).click();
    await row.getByRole('alert').getByText('Escribí por qué se da de baja.').waitFor(wait);
    await row.getByLabel('Motivo de la baja').fill('Equipo robado');
    await row.getByRole('button', { name: 'Confirmar baja' }).click();
    await expect.poll(() => row.textContent(), wait).toContain('✖ Dado de baja');
    await expectNoAxeViolations(page, 'Kioscos');
    await page.screenshot({
      path: screenshotPath(`backoffice-kioscos-${engine.name}`),
      fullPage: true,
    });
    await page.close();
  }, 180_000);
});
