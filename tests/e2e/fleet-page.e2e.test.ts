import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../../central/accounts/password-hashing.js';
import { createDatabase, type CentralDatabase } from '../../central/db/index.js';
import { fleetConfig } from '../../central/fleet/config.js';
import { issueEnrolmentCode, revokeKiosk } from '../../central/fleet/enrolment.js';
import { startCentral, type RunningCentral } from '../../central/server.js';
import { addStaffMember } from '../../central/staff/members.js';
import { TestClock } from '../../central/testing/accounts.js';
import { kioskShortName } from '../../src/contract/index.js';
import { createKioskCore, type KioskCore } from '../../src/kiosk/core.js';
import { dispatch } from '../../src/kiosk/dispatch.js';
import { tempDir } from '../../src/testing/temp-dir.js';
import { browserAvailable, launchChromium, screenshotPath } from '../helpers/browser.js';

const staff = { email: 'sistemas@copelco.example', password: 'una clave larga de sistemas' };
const minute = 60_000;

describe.runIf(browserAvailable())('the fleet page (system Chromium, central)', () => {
  const temp = tempDir('ventanilla-fleet-e2e-');
  const clock = new TestClock();
  const centralDir = path.join(temp.dir, 'central');
  let central: RunningCentral;
  let database: CentralDatabase;
  let browser: Browser;
  let page: Page;
  const kiosks: KioskCore[] = [];

  /** A kiosk core of its own, enrolled through the kiosk API with a code IT made. */
  async function enrolledKiosk(name: string, branch: string): Promise<KioskCore> {
    const core = createKioskCore({
      dataDir: path.join(temp.dir, name),
      centralUrl: central.url,
      host: 'web',
      version: '1.4.0',
      log: () => {},
    });
    kiosks.push(core);
    const context = { db: database.db, now: clock.now, config: fleetConfig() };
    const { code } = await issueEnrolmentCode(context, branch, null);
    const enrolled = await dispatch(core.handlers, 'fleet:enrol', { code });
    if (!enrolled.ok) throw new Error(enrolled.error.message);
    return core;
  }

  beforeAll(async () => {
    central = await startCentral({ dataDir: centralDir, port: 0, now: clock.now });
    database = createDatabase({ dataDir: centralDir });
    await addStaffMember(
      database.db,
      argon2Hasher(),
      { ...staff, name: 'Marta Ríos', roles: ['sistemas'] },
      clock.now(),
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const core of kiosks) await core.stop();
    await database?.destroy();
    await central?.close();
    temp.remove();
  });

  it('lists kiosks by branch and flags the one that stopped sending heartbeats', async () => {
    const talking = await enrolledKiosk('kiosco-a', 'Sucursal Centro');
    const quiet = await enrolledKiosk('kiosco-b', 'Sucursal Centro');
    const gone = await enrolledKiosk('kiosco-c', 'Sucursal Norte');
    await revokeKiosk({ db: database.db, now: clock.now }, gone.kioskId, {
      reason: 'Equipo dado de baja',
      by: null,
    });
    // The quiet kiosk's last heartbeat was at enrolment; the other keeps reporting.
    clock.advance(2 * minute);
    await talking.fleet.heartbeatNow();
    clock.advance(2 * minute);
    await talking.fleet.heartbeatNow();
    await quiet.stop();
    kiosks.splice(kiosks.indexOf(quiet), 1);

    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${central.url}/flota`);
    expect(new URL(page.url()).pathname).toBe('/flota/ingresar');
    await page.getByLabel('Correo electrónico').fill(staff.email);
    await page.getByLabel('Contraseña').fill('no es la clave');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('no son correctos');
    await page.getByLabel('Contraseña').fill(staff.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Flota de kioscos' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/flota');

    // The session is a cookie no script can read, sent to this site only.
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'ventanilla_flota', httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).toBe('');

    const quietName = kioskShortName(quiet.kioskId);
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain('1 kiosco silencioso');
    expect(await alert.textContent()).toContain(
      `Sucursal Centro · Kiosco ${quietName}: sin señal hace 4 min`,
    );

    const row = (core: KioskCore) => page.locator(`tr[data-kiosk-id="${core.kioskId}"]`);
    expect(await row(quiet).textContent()).toContain('⚠ Silencioso');
    expect(await row(quiet).textContent()).toContain('sin señal hace 4 min');
    expect(await row(talking).textContent()).toContain('✔ En línea');
    expect(await row(talking).textContent()).toContain('1.4.0');
    expect(await row(talking).textContent()).toContain('Desconocido');
    expect(await row(gone).textContent()).toContain('✖ Revocado');

    const branches = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(branches).toEqual([
      '⚠ 1 kiosco silencioso',
      'Correos de la central',
      'Sucursal Centro',
      'Sucursal Norte',
    ]);
    const mails = page.getByRole('region', { name: 'Correos de la central' });
    expect(await mails.textContent()).toContain('No hay correos esperando envío');
    const centro = page.getByRole('region', { name: 'Sucursal Centro' });
    expect(await centro.locator('tbody tr').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('fleet-page-silent-kiosk'), fullPage: true });

    // It reports again: no longer silent on the next refresh.
    clock.advance(minute);
    await talking.fleet.heartbeatNow();
    await page.reload();
    expect(await row(talking).textContent()).toContain('En línea');
    expect(await page.getByRole('status').textContent()).toContain('1 en línea, 1 silencioso');

    await page.getByRole('button', { name: 'Salir' }).click();
    await page.getByRole('button', { name: 'Ingresar' }).waitFor();
    await page.goto(`${central.url}/flota`);
    expect(new URL(page.url()).pathname).toBe('/flota/ingresar');
    await page.close();
  });
});
