import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestEngine, TestLocation } from '../../central/testing/engines.js';
import type { MyRequests, RequestDraft, SubmitReceipt } from '../../src/contract/index.js';
import { dispatch } from '../../src/kiosk/dispatch.js';
import { browserAvailable } from '../helpers/browser.js';
import { openCentralAdmin } from '../helpers/central-admin.js';
import { demoHolder } from '../helpers/customer.js';
import { fillInternetRequest, internetPlan } from '../helpers/internet-request.js';
import { familyMember, fillPilarSteps, fillSocialRequest } from '../helpers/request-walks.js';
import { valueOf } from '../helpers/requests-stack.js';
import { button, heading } from './account-helpers.js';
import { useRealKiosk } from './real-kiosk.js';
import {
  checkRequestScreen,
  documentCameraArgs,
  expectStep,
  holderWithSupplies,
  next,
  receiptPdfText,
  signInToHome,
  takePhotos,
} from './requests-helpers.js';
import { panelText } from './supplies-helpers.js';

const staff = {
  email: 'mostrador@copelco.example',
  name: 'Laura Díaz',
  password: 'una clave larga del mostrador',
  roles: ['revisor'] as const,
};
const observation = 'Falta el DNI de tu hija: sacale una foto del frente y otra del dorso.';
/** A second energy supply of the demo holder, active, so "Revisión de Pilar" can move to it. */
const secondEnergy = { number: '100299', address: 'Rivadavia 50, Colón' };

/**
 * The request screens as a customer who leaves the happy path, in the system Chromium through the
 * web host against the real kiosk core and central: an observation of the family members' DNI
 * answered on that very step, the top bar's supply changed halfway through "Revisión de Pilar",
 * and a request the central refuses while the customer is still there. The central's own checks
 * run on both engines in central/requests/; these walks are the screens', on SQLite.
 */
describe('requests off the happy path (Chromium, web host, real core and central on SQLite)', () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
  const engine: TestEngine = {
    name: 'sqlite',
    newLocation: () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-off-path-'));
      folders.push(dataDir);
      return Promise.resolve({ dataDir });
    },
    openDatabase: () => Promise.reject(new Error('not used')),
  };
  let location: TestLocation;
  const kiosk = useRealKiosk(engine, {
    prefix: 'requests-off-path',
    prepare: async (started) => {
      location = started.location;
      const admin = openCentralAdmin(location);
      await admin.db
        .insertInto('supplies')
        .values({
          number: secondEnergy.number,
          service: 'energia',
          address: secondEnergy.address,
          state: 'activo',
          holder_document_type: 'DNI',
          holder_document_number: demoHolder.documentNumber,
          updated_at: new Date().toISOString(),
        })
        .execute();
      await admin.addStaff(staff);
      await admin.close();
      await holderWithSupplies(started.call, started.mailbox, [
        '100234',
        '100235',
        secondEnergy.number,
      ]);
    },
    chromiumArgs: () => documentCameraArgs(kiosk.stack.dataDir),
  });
  const core = (method: string, input?: unknown) =>
    dispatch(kiosk.stack.core.handlers, method, input);
  const selector = () => kiosk.page.getByTestId('supply-selector');
  /** The home shown again, as after any other task: it asks the core what waits. */
  async function backHome() {
    const { page } = kiosk;
    await button(page, 'Ver mis cuentas').click();
    await expect.poll(() => heading(page)).not.toBe(`Hola, ${demoHolder.firstName}`);
    await button(page, 'Volver').click();
    await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
  }
  async function selectSupply(number: string) {
    await selector().getByRole('button', { expanded: false }).click();
    await selector()
      .getByRole('button', { name: new RegExp(`^N\\.º ${number} ·`) })
      .click();
    await expect.poll(() => selector().textContent()).toContain(number);
  }

  it.runIf(browserAvailable())(
    '"Revisión de Pilar" names its supply; changing the top bar\'s supply asks, keeps it or starts again',
    async () => {
      const { page } = kiosk;
      await signInToHome(page);
      await selectSupply('100234');
      await page.getByRole('button', { name: 'Solicitud de Revisión de Pilar' }).click();
      await button(page, 'Empezar').click();
      await expectStep(page, 'Datos de contacto');
      const named = 'N.º 100234 · Av. San Martín 1234, Colón';
      await expect.poll(() => page.getByTestId('request-supply').textContent()).toContain(named);

      // Another supply in the top bar: the wizard stops and asks.
      await selectSupply('100235');
      const changed = page.getByTestId('supply-changed');
      await expect
        .poll(() => changed.textContent())
        .toContain('este trámite es para el suministro');
      expect(await button(page, 'Siguiente').count()).toBe(0);
      await checkRequestScreen(page, 'pillar-supply-changed');
      // "Seguir con …": the request keeps its supply and the top bar shows it again.
      await button(page, `Seguir con ${named}`).click();
      await expect.poll(() => selector().textContent()).toContain('100234');
      await expectStep(page, 'Datos de contacto');
      expect(await changed.count()).toBe(0);

      // To an internet supply it cannot start again: the core's reason, and the request stays.
      await selectSupply('100235');
      await button(page, 'Empezar de nuevo para N.º 100235 · Internet').click();
      await expect
        .poll(() => changed.getByTestId('form-alert').textContent())
        .toContain('se pide desde un suministro de energía activo');

      // To the other energy supply it starts again, for that one.
      await selectSupply(secondEnergy.number);
      await button(page, `Empezar de nuevo para N.º ${secondEnergy.number} · Energía`).click();
      await expect
        .poll(() => page.getByTestId('request-supply').textContent())
        .toContain(`N.º ${secondEnergy.number} · ${secondEnergy.address}`);
      await expectStep(page, 'Datos de contacto');
      expect(valueOf<RequestDraft>(await core('request:current')).supplyNumber).toBe(
        secondEnergy.number,
      );
      await checkRequestScreen(page, 'pillar-supply-restarted');
      // "Volver" from the first step: the draft waits on the home.
      await button(page, 'Volver').click();
      await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
    },
    240_000,
  );

  it.runIf(browserAvailable())(
    'a request refused by the central at "Enviar" says so at once, why, and is listed as not sent',
    async () => {
      const { page, stack } = kiosk;
      // The rest of the request, as the customer would fill it (the API is the same).
      await fillPilarSteps(core);
      await backHome();
      await button(page, 'Continuar: Solicitud de Revisión de Pilar').click();
      await expectStep(page, 'Revisá y enviá');
      await expect
        .poll(() => page.getByTestId('request-supply').textContent())
        .toContain(`N.º ${secondEnergy.number} · ${secondEnergy.address}`);
      await checkRequestScreen(page, 'pillar-review-supply');

      // Meanwhile the billing system cancels the supply.
      const admin = openCentralAdmin(location);
      await admin.db
        .updateTable('supplies')
        .set({ state: 'baja' })
        .where('number', '=', secondEnergy.number)
        .execute();
      await admin.close();
      await expect.poll(() => page.getByText('Está todo completo. Tocá «Enviar».').count()).toBe(1);
      await button(page, 'Enviar').click();
      await expect.poll(() => heading(page), { timeout: 30_000 }).toBe('Trámite no enviado');
      const receipt = page.getByTestId('request-receipt');
      const text = ((await receipt.textContent()) ?? '').replace(/\s+/g, ' ');
      expect(text).toContain('La cooperativa no aceptó tu trámite');
      expect(text).toContain('solo se puede pedir desde un suministro de energía activo');
      expect(text).toContain('Referencia del kiosco');
      expect(text).toContain(`N.º ${secondEnergy.number}`);
      expect(text).not.toContain('Pendiente de envío');
      expect(text).not.toContain('✓');
      await checkRequestScreen(page, 'receipt-refused');
      const pdf = await receiptPdfText(stack);
      expect(pdf).toContain('Estado: No enviado');
      expect(pdf).toContain(`Suministro N.º ${secondEnergy.number}, ${secondEnergy.address}`);

      await button(page, 'Volver al inicio').click();
      await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
      const pending = page.getByTestId('pending-request');
      await expect
        .poll(() => pending.textContent())
        .toContain('solo se puede pedir desde un suministro');
      expect(await pending.textContent()).toContain('No enviado');
    },
    240_000,
  );

  it.runIf(browserAvailable())(
    "an observation of the family members' DNI opens that step with the staff's words and wants new photos",
    async () => {
      const { page } = kiosk;
      // "Solicitud de Servicio Social" with one member, sent through the core.
      await fillSocialRequest(core, [familyMember], [3, 4]);
      const sent = valueOf<SubmitReceipt>(await core('request:submit'));
      expect(sent.state).toBe('enviado');
      const requestId = valueOf<MyRequests>(await core('requests:mine')).requests.find(
        (request) => request.number === sent.number,
      )!.id;

      const admin = openCentralAdmin(location);
      const token = await admin.staffToken(kiosk.stack.centralUrl, staff);
      await admin.close();
      for (const move of [
        { to: 'en-revision', message: 'Estamos revisando tu trámite.' },
        { to: 'observado', message: observation, stepId: 'members-dni' },
      ]) {
        const moved = await fetch(
          `${kiosk.stack.centralUrl}/api/v1/staff/requests/${requestId}/transitions`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(move),
          },
        );
        expect(moved.status).toBe(200);
      }

      // The home again (as after any task), then the magnifier and "Corregir el paso 4".
      await backHome();
      await button(page, `Ver el trámite ${sent.number}`).click();
      await button(page, 'Corregir el paso 4: DNI de tu grupo familiar').click();
      await expect.poll(() => heading(page)).toBe(`Corregir el trámite ${sent.number}`);
      await expectStep(page, 'DNI de tu grupo familiar');
      await expect.poll(() => page.getByTestId('observation').textContent()).toContain(observation);
      await page.getByRole('heading', { name: 'Fotos: 0 de 2' }).waitFor();
      await checkRequestScreen(page, 'answer-members-dni');

      // "Siguiente" with no new photo: the step says what it lacks and stays.
      await next(page);
      await expect
        .poll(() => page.getByTestId('form-alert').first().textContent())
        .toContain('Faltan 2 fotos de «DNI de los integrantes».');
      await expectStep(page, 'DNI de tu grupo familiar');
      // Nor does the review let it go.
      await page.getByRole('button', { name: /Paso 6/ }).click();
      await expectStep(page, 'Revisá y enviá');
      await expect
        .poll(() => page.getByText('Falta completar algunos pasos.', { exact: false }).count())
        .toBe(1);
      expect(await button(page, 'Enviar').isDisabled()).toBe(true);
      expect(await page.getByTestId('observation').textContent()).toContain(observation);
      await checkRequestScreen(page, 'answer-review-empty');

      await page.getByRole('button', { name: /Paso 4/ }).click();
      await expectStep(page, 'DNI de tu grupo familiar');
      await takePhotos(page, 2);
      await next(page);
      await expectStep(page, 'Revisá y enviá');
      await expect.poll(() => page.getByText('Está todo completo. Tocá «Enviar».').count()).toBe(1);
      await button(page, 'Enviar').click();
      await expect.poll(() => heading(page), { timeout: 30_000 }).toBe('Trámite enviado');
      const answered = valueOf<{
        state: string;
        attachments: { round: number; pages: number }[];
      }>(await core('request:get', { requestId }));
      expect(answered.state).toBe('en-revision');
      expect(answered.attachments.filter((attachment) => attachment.round === 1)).toEqual([
        expect.objectContaining({ pages: 2 }),
      ]);
    },
    240_000,
  );

  it.runIf(browserAvailable())(
    'a request kept in the kiosk says "Guardado en el kiosco" with its reference, never "enviado"',
    async () => {
      const { page, stack } = kiosk;
      await button(page, 'Volver al inicio').click();
      await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
      await expect.poll(() => panelText(page, 'my-requests')).toContain('En revisión');
      // A half-done internet request, then the link to the central drops before "Enviar".
      await fillInternetRequest(core, { plan: await internetPlan(core), seeds: [5, 6] });
      await stack.stopCentral();
      await backHome();
      await button(page, 'Continuar: Solicitud de Servicio Internet').click();
      await expectStep(page, 'Revisá y enviá');
      await expect.poll(() => page.getByText('Está todo completo. Tocá «Enviar».').count()).toBe(1);
      await button(page, 'Enviar').click();
      await expect.poll(() => heading(page), { timeout: 30_000 }).toBe('Guardado en el kiosco');
      const text = ((await page.getByTestId('request-receipt').textContent()) ?? '').replace(
        /\s+/g,
        ' ',
      );
      expect(text).toContain('Tu trámite quedó guardado en el kiosco');
      expect(text).toContain('Referencia del kiosco');
      expect(text).toContain('Se asigna al enviarlo');
      expect(text).toContain('Pendiente de envío');
      expect(text).not.toContain('✓');
      expect(text).not.toContain('Recibimos tu trámite');
      await checkRequestScreen(page, 'receipt-pending');
      const pdf = await receiptPdfText(stack);
      expect(pdf).toContain('Estado: Pendiente de envío');
    },
    240_000,
  );
});
