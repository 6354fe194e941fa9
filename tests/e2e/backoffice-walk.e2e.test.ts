import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { argon2Hasher } from '../../central/accounts/password-hashing.js';
import { createDatabase } from '../../central/db/index.js';
import { addStaffMember } from '../../central/staff/members.js';
import { describeEachEngine, type TestLocation } from '../../central/testing/engines.js';
import type { MyRequests, SubmitReceipt } from '../../src/contract/index.js';
import { dispatch } from '../../src/kiosk/dispatch.js';
import { documentPhoto } from '../../src/testing/synthetic-photos.js';
import { browserAvailable, screenshotPath } from '../helpers/browser.js';
import { demoHolder, registerAndActivate } from '../helpers/customer.js';
import { fillInternetRequest, internetPlan } from '../helpers/internet-request.js';
import { valueOf } from '../helpers/requests-stack.js';
import { button, heading } from './account-helpers.js';
import { expectNoAxeViolations } from './axe.js';
import { useRealKiosk } from './real-kiosk.js';
import { documentCameraArgs, signInToHome } from './requests-helpers.js';

const reviewer = {
  email: 'revisora@copelco.example',
  name: 'Rosa Benítez',
  password: 'una clave larga de revisión',
};
const observation = 'La foto del DNI salió oscura: sacala de nuevo con buena luz.';
const approval = 'Tu servicio de internet fue aprobado. Te llamamos para la instalación.';
/** The seeds of the two DNI photos the kiosk sends (the helper's synthetic document photos). */
const seeds = [5, 6];
const wait = { timeout: 60_000 };

/** Mean grey of a square around the centre of a photo: `side` pixels of it. */
function centreGrey(seed: number, side: number): number {
  const photo = documentPhoto(1280, 808, seed);
  const half = Math.round(side / 2);
  let sum = 0;
  let count = 0;
  for (let y = 404 - half; y < 404 + half; y++) {
    for (let x = 640 - half; x < 640 + half; x++) {
      const at = (y * 1280 + x) * 4;
      sum += (photo.data[at]! + photo.data[at + 1]! + photo.data[at + 2]!) / 3;
      count++;
    }
  }
  return sum / count;
}

/**
 * "Done means" of the back office, walked whole in the system Chromium: a request filed at the
 * kiosk (web host, real core and central) found in "Bandeja", its photo pages seen as sent,
 * observed at a step; the customer sees it in "Mis trámites", opens that step with the magnifier
 * and answers; the reviewer sees the new round and approves; the customer's mail says so.
 */
describeEachEngine('the back office with a kiosk: a request from filing to approval', (engine) => {
  let location: TestLocation;
  let cameraDir = '';
  const kiosk = useRealKiosk(engine, {
    prefix: 'backoffice-walk',
    prepare: async (started) => {
      location = started.location;
      await registerAndActivate(started.call, started.mailbox);
      const central = createDatabase(
        location.databaseUrl ? location : { dataDir: location.dataDir },
      );
      await addStaffMember(
        central.db,
        argon2Hasher(),
        { ...reviewer, roles: ['revisor'] },
        new Date(),
      );
      await central.destroy();
    },
    chromiumArgs: async () => {
      cameraDir = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-backoffice-walk-'));
      return documentCameraArgs(cameraDir);
    },
  });
  afterAll(async () => {
    if (cameraDir) await rm(cameraDir, { recursive: true, force: true });
  });
  const core = (method: string, input?: unknown) =>
    dispatch(kiosk.stack.core.handlers, method, input);
  let office: Page;
  let number = '';
  let requestId = '';

  const row = (page: Page) =>
    page.getByTestId('my-requests').locator(`li[data-number="${number}"]`);

  /** Home again, so that "Mis trámites" asks the central once more. */
  async function backHome(page: Page) {
    await button(page, 'Asociar Cuenta').click();
    await expect.poll(() => heading(page)).toBe('ASOCIAR CUENTA');
    await button(page, 'Volver').click();
    await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
  }

  async function confirm(action: string, message?: string, step?: string) {
    await office
      .getByRole('group', { name: 'Acciones del trámite' })
      .getByRole('button', { name: action })
      .click();
    if (step) await office.getByLabel('Paso a rehacer').selectOption({ label: step });
    if (message !== undefined) await office.getByLabel('Mensaje para el cliente').fill(message);
    await office.getByRole('button', { name: `Confirmar «${action}»` }).click();
  }

  it.runIf(browserAvailable())(
    'a request filed at the kiosk is found in Bandeja and its photos are seen as sent',
    async () => {
      await signInToHome(kiosk.page);
      await fillInternetRequest(core, { plan: await internetPlan(core), seeds });
      const sent = valueOf<SubmitReceipt>(await core('request:submit'));
      number = sent.number!;
      const mine = valueOf<MyRequests>(await core('requests:mine'));
      requestId = mine.requests.find((request) => request.number === number)!.id;

      office = await kiosk.browser.newPage({
        viewport: { width: 1366, height: 768 },
        locale: 'es-AR',
      });
      await office.goto(`${kiosk.stack.centralUrl}/oficina/`);
      await office.getByLabel('Correo electrónico').fill(reviewer.email);
      await office.getByLabel('Contraseña').fill(reviewer.password);
      await office.getByRole('button', { name: 'Ingresar' }).click();
      await office.getByRole('heading', { level: 1, name: 'Bandeja' }).waitFor(wait);
      await office.getByLabel('Buscar').fill(demoHolder.documentNumber);
      await office.getByRole('button', { name: 'Filtrar' }).click();
      await office.getByRole('link', { name: number }).click();
      await office.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor(wait);

      // Each photo is a page of the DNI's PDF: the middle of the page drawn is the photo's.
      for (const [index, seed] of seeds.entries()) {
        const shown = office.getByRole('img', {
          name: new RegExp(`^DNI del titular .*página ${index + 1} de 2$`),
        });
        await shown.and(office.locator('[data-painted="true"]')).waitFor(wait);
        const { grey, photoPixelsPerCanvasPixel } = await shown
          .locator('canvas')
          .evaluate((canvas) => {
            const element = canvas as HTMLCanvasElement;
            const context = element.getContext('2d')!;
            // The photo fills the A4 page's width inside 10 mm margins.
            const a4Width = 595.28;
            const margin = (10 / 25.4) * 72;
            const imageWidth = (element.width * (a4Width - 2 * margin)) / a4Width;
            const side = 12;
            const x = Math.round(element.width / 2 - side / 2);
            const y = Math.round(element.height / 2 - side / 2);
            const pixels = context.getImageData(x, y, side, side).data;
            let sum = 0;
            for (let at = 0; at < pixels.length; at += 4) {
              sum += (pixels[at]! + pixels[at + 1]! + pixels[at + 2]!) / 3;
            }
            return {
              grey: sum / (pixels.length / 4),
              photoPixelsPerCanvasPixel: 1280 / imageWidth,
            };
          });
        expect(Math.abs(grey - centreGrey(seed, 12 * photoPixelsPerCanvasPixel))).toBeLessThan(25);
      }
      await expectNoAxeViolations(office, 'the request in the back office');
      await office.screenshot({
        path: screenshotPath(`backoffice-walk-${engine.name}-request`),
        fullPage: true,
      });
    },
    180_000,
  );

  it.runIf(browserAvailable())(
    'the reviewer takes and observes it; the customer opens the step from "Mis trámites" and answers',
    async () => {
      await confirm('Tomar');
      await office.getByText('Listo: el trámite quedó «En revisión».').waitFor(wait);
      await confirm('Observar', observation, 'Foto de tu DNI');
      await office.getByText('Listo: el trámite quedó «Observado».').waitFor(wait);

      const { page } = kiosk;
      await backHome(page);
      await expect.poll(() => row(page).textContent(), wait).toContain('Observado');
      await button(page, `Ver el trámite ${number}`).click();
      await expect.poll(() => page.getByTestId('observation').textContent()).toBe(observation);
      await button(page, 'Corregir el paso 3: Foto de tu DNI').click();
      await expect.poll(() => heading(page)).toBe(`Corregir el trámite ${number}`);
      for (const taken of [1, 2]) {
        await button(page, 'Sacar foto').click();
        await page.getByRole('heading', { name: new RegExp(`^Fotos: ${taken} de`) }).waitFor(wait);
      }
      await button(page, 'Siguiente').click();
      await button(page, 'Enviar').click();
      await expect.poll(() => heading(page), wait).toBe('Trámite enviado');
    },
    180_000,
  );

  it.runIf(browserAvailable())(
    'the reviewer sees the new round and approves: the customer’s mail says so',
    async () => {
      await office.reload();
      await office.getByRole('heading', { level: 3, name: 'Respuesta 1' }).waitFor(wait);
      const history = office.getByRole('region', { name: 'Historial' });
      expect(await history.textContent()).toContain('El cliente');
      await confirm('Aprobar', approval);
      await office.getByText('Listo: el trámite quedó «Aprobado».').waitFor(wait);
      await office.screenshot({
        path: screenshotPath(`backoffice-walk-${engine.name}-approved`),
        fullPage: true,
      });

      let mail = await kiosk.mailbox.next(demoHolder.email, new RegExp(`Tu trámite ${number}`));
      while (!mail.text.includes('ahora está: Aprobado')) {
        mail = await kiosk.mailbox.next(demoHolder.email, new RegExp(`Tu trámite ${number}`));
      }
      expect(mail.text).toContain(approval);
      const detail = valueOf<{ state: string }>(await core('request:get', { requestId }));
      expect(detail.state).toBe('aprobado');
    },
    180_000,
  );
});
