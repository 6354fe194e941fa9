import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../central/testing/engines.js';
import { browserAvailable } from '../helpers/browser.js';
import { button, heading } from './account-helpers.js';
import { useRealKiosk } from './real-kiosk.js';
import {
  checkRequestScreen,
  choose,
  documentCameraArgs,
  expectStep,
  fill,
  holderWithSupplies,
  next,
  receiptPdfText,
  sendFromReview,
  signInToHome,
  signWithFinger,
  takePhotos,
  backHomeToMyRequests,
} from './requests-helpers.js';
import { checkChoicesAndBack } from './a11y-choices.js';
import { panelText } from './supplies-helpers.js';

/**
 * "Solicitud Alta Energía" and "Solicitud de Revisión de Pilar" in the system Chromium through the
 * web host, against the real kiosk core and the real central with its demo data; the camera is
 * Chromium's fake one, playing a generated document. Also: "Revisión de Pilar" refused without an
 * active energy supply, and a draft left half done offered again on the home.
 */
/** Printing renders a PDF, and the central answers: slow on a busy two-core machine. */
const slow = { timeout: 20_000 };

describeEachEngine('requests: energy (Chromium, web host, real core and central)', (engine) => {
  const kiosk = useRealKiosk(engine, {
    prefix: 'requests-energy',
    prepare: ({ call, mailbox }) => holderWithSupplies(call, mailbox, ['100234', '100235']),
    chromiumArgs: () => documentCameraArgs(kiosk.stack.dataDir),
  });

  it.runIf(browserAvailable())(
    '"Solicitud Alta Energía": ¿Qué necesito?, every step, "Enviar" and the receipt',
    async () => {
      const { page, stack } = kiosk;
      await signInToHome(page);
      await page.getByRole('button', { name: 'Solicitud Alta Energía' }).click();
      await expect.poll(() => heading(page)).toBe('Solicitud Alta Energía');
      const needs = await page.locator('main').textContent();
      expect(needs).toContain('¿Qué necesito?');
      expect(needs).toContain('DNI del titular: Una foto del frente y otra del dorso de tu DNI.');
      expect(needs).toContain('Certificado del electricista matriculado');
      await button(page, 'Imprimir lista').click();
      await expect
        .poll(() => page.getByTestId('checklist-outcome').textContent(), slow)
        .toContain('No hay impresora conectada');
      await checkRequestScreen(page, 'needs');
      await checkChoicesAndBack(page, 'requests-needs');

      await button(page, 'Empezar').click();
      await expectStep(page, 'Datos del titular');
      // What the account knows is already there.
      expect(await page.getByLabel('Nombre', { exact: true }).inputValue()).toBe('Juan');
      expect(await page.getByLabel('Número de DNI', { exact: true }).inputValue()).toBe('20345678');
      // The birth date and the phone of the account too.
      expect(await page.getByLabel('Fecha de nacimiento', { exact: true }).inputValue()).toBe(
        '12/04/1985',
      );
      expect(await page.getByLabel('Teléfono', { exact: true }).inputValue()).not.toBe('');
      await fill(page, { 'Fecha de nacimiento': '12041985', Teléfono: '03447421234' });
      expect(await page.getByLabel('Fecha de nacimiento', { exact: true }).inputValue()).toBe(
        '12/04/1985',
      );
      await checkRequestScreen(page, 'holder');
      await checkChoicesAndBack(page, 'requests-holder');
      await next(page);

      await expectStep(page, 'Domicilio del suministro');
      await fill(page, { Calle: 'Belgrano', Número: '455', Localidad: 'Colón' });
      await checkRequestScreen(page, 'address');
      await next(page);

      await expectStep(page, 'Categoría');
      await choose(page, 'Residencial (vivienda)');
      await checkRequestScreen(page, 'category');
      await checkChoicesAndBack(page, 'requests-category');
      await next(page);

      await expectStep(page, 'Foto de tu DNI');
      await expect
        .poll(() => page.getByText('Mostrá el frente del DNI dentro del recuadro').count())
        .toBe(1);
      await checkRequestScreen(page, 'dni-camera');
      await takePhotos(page, 2);
      expect(await page.locator('video').count()).toBe(0);
      await checkRequestScreen(page, 'dni-done');
      await checkChoicesAndBack(page, 'requests-dni-done');
      await next(page);

      await expectStep(page, 'Propiedad o alquiler');
      await takePhotos(page, 1);
      await checkRequestScreen(page, 'ownership');
      await next(page);

      await expectStep(page, 'Certificado del electricista');
      await takePhotos(page, 1);
      await next(page);

      await expectStep(page, 'Firmá la solicitud');
      const summary = await page.locator('main').textContent();
      expect(summary).toContain('Belgrano');
      expect(summary).toContain('Residencial (vivienda)');
      expect(await button(page, 'Firmar').isDisabled()).toBe(true);
      await checkRequestScreen(page, 'sign');
      await signWithFinger(page);
      await button(page, 'Imprimir formulario').click();
      await expect
        .poll(() => page.getByTestId('form-print-outcome').textContent(), slow)
        .toContain('No hay impresora conectada');
      await checkRequestScreen(page, 'signed');
      await checkChoicesAndBack(page, 'requests-signed');
      await next(page);

      await expectStep(page, 'Revisá y enviá');
      const receipt = await sendFromReviewChecked(page);
      expect(receipt).toContain('Recibimos tu trámite.');
      expect(receipt).toContain('Solicitud Alta Energía');
      expect(receipt).toContain('DNI del titular: 2 páginas');
      expect(receipt).toContain('Pedí tu comprobante en el mostrador');
      const number = /Número de trámite (T-\d{4}-\d+)/.exec(receipt)?.[1];
      expect(number).toBeDefined();
      // The only way out is "Volver al inicio" (which checkScreen's "Volver" also finds).
      expect(await button(page, 'Volver').count()).toBe(0);
      await checkRequestScreen(page, 'receipt');
      await checkChoicesAndBack(page, 'requests-receipt');

      const pdf = await receiptPdfText(stack);
      expect(pdf).toContain(`Trámite N° ${number}`);
      expect(pdf).toContain('Solicitud Alta Energía');
      expect(pdf).toContain('Certificado del electricista matriculado');

      await backHomeToMyRequests(page, number!, 'Solicitud Alta Energía');
      expect(await continueButton(page).count()).toBe(0);
    },
    240_000,
  );

  it.runIf(browserAvailable())(
    '"Revisión de Pilar" is refused without an active energy supply, with the reason',
    async () => {
      const { page } = kiosk;
      const selector = page.getByTestId('supply-selector');
      // From the internet supply: the home says why, and the button does not start it.
      await selector.getByRole('button', { expanded: false }).click();
      await selector.getByRole('button', { name: /100235/ }).click();
      await expect.poll(() => panelText(page, 'current-supply')).toContain('100235');
      const pilar = page.getByRole('button', { name: 'Solicitud de Revisión de Pilar' });
      expect(await pilar.getAttribute('aria-disabled')).toBe('true');
      await pilar.click({ force: true });
      expect(await heading(page)).toBe('Hola, Juan');

      // From the energy supply it opens; switched away before "Empezar", the core refuses.
      await selector.getByRole('button', { expanded: false }).click();
      await selector.getByRole('button', { name: /100234/ }).click();
      await expect.poll(() => pilar.getAttribute('aria-disabled')).toBe('false');
      await pilar.click();
      await expect.poll(() => heading(page)).toBe('Solicitud de Revisión de Pilar');
      await selector.getByRole('button', { expanded: false }).click();
      await selector.getByRole('button', { name: /100235/ }).click();
      await button(page, 'Empezar').click();
      await expect
        .poll(() => page.getByTestId('form-alert').textContent(), slow)
        .toContain('se pide desde un suministro de energía activo');
      expect(await heading(page)).toBe('Solicitud de Revisión de Pilar');
      await checkRequestScreen(page, 'pillar-refused');
      await button(page, 'Volver').click();
      await expect.poll(() => heading(page)).toBe('Hola, Juan');
    },
    240_000,
  );

  it.runIf(browserAvailable())(
    '"Revisión de Pilar" from the active energy supply, sent with its photos and signature',
    async () => {
      const { page, stack } = kiosk;
      const selector = page.getByTestId('supply-selector');
      await selector.getByRole('button', { expanded: false }).click();
      await selector.getByRole('button', { name: /100234/ }).click();
      await page.getByRole('button', { name: 'Solicitud de Revisión de Pilar' }).click();
      await expect.poll(() => heading(page)).toBe('Solicitud de Revisión de Pilar');
      await button(page, 'Empezar').click();

      await expectStep(page, 'Datos de contacto');
      // Every step names the supply the request is for.
      const supply = 'N.º 100234 · Av. San Martín 1234, Colón';
      expect(await page.getByTestId('request-supply').textContent()).toContain(supply);
      await fill(page, { 'Nombre y apellido': 'Juan Gómez', Teléfono: '03447421234' });
      await choose(page, 'A la tarde');
      await checkRequestScreen(page, 'pillar-contact');
      await checkChoicesAndBack(page, 'requests-pillar-contact');
      await next(page);

      await expectStep(page, 'Motivo');
      await choose(page, 'El pilar tiene un daño (tormenta, choque, humedad)');
      await fill(page, { 'Contanos más (opcional)': 'Se rajó la caja del medidor' });
      await checkRequestScreen(page, 'pillar-reason');
      await next(page);

      await expectStep(page, 'Fotos del pilar');
      await takePhotos(page, 2);
      await checkRequestScreen(page, 'pillar-photos');
      await next(page);

      await expectStep(page, 'Firmá la solicitud');
      // What the signature covers names the supply too.
      await expect.poll(() => page.locator('main').textContent()).toContain(supply);
      await signWithFinger(page);
      await next(page);

      await expectStep(page, 'Revisá y enviá');
      expect(await page.getByTestId('request-supply').textContent()).toContain(supply);
      await checkRequestScreen(page, 'pillar-review');
      const receipt = await sendFromReview(page);
      expect(receipt).toContain('Solicitud de Revisión de Pilar');
      expect(receipt).toContain('Fotos del pilar: 2 páginas');
      expect(receipt).toContain(`Suministro ${supply}`);
      const number = /Número de trámite (T-\d{4}-\d+)/.exec(receipt)?.[1];
      const pdf = await receiptPdfText(stack);
      expect(pdf).toContain(`Trámite N° ${number}`);
      expect(pdf).toContain('Solicitud de Revisión de Pilar');
      expect(pdf).toContain('Suministro N.º 100234, Av. San Martín 1234, Colón');
      await backHomeToMyRequests(page, number!, 'Solicitud de Revisión de Pilar');
    },
    240_000,
  );

  it.runIf(browserAvailable())(
    'a draft left half done is offered on the home and resumes with its data and photos',
    async () => {
      const { page } = kiosk;
      await page.getByRole('button', { name: 'Solicitud Alta Energía' }).click();
      await button(page, 'Empezar').click();
      await expectStep(page, 'Datos del titular');
      await fill(page, { 'Fecha de nacimiento': '12041985', Teléfono: '03447421234' });
      await next(page);
      await expectStep(page, 'Domicilio del suministro');
      // Half typed, then another step by its circle: what is right is kept.
      await fill(page, { Calle: 'Urquiza' });
      await page.getByRole('button', { name: /^Paso 4: Foto de tu DNI/ }).click();
      await expectStep(page, 'Foto de tu DNI');
      await takePhotos(page, 1);
      // Back, step by step, to the home: the draft stays in the kiosk core.
      for (const title of ['Categoría', 'Domicilio del suministro', 'Datos del titular']) {
        await button(page, 'Volver').click();
        await expectStep(page, title);
      }
      await button(page, 'Volver').click();
      await expect.poll(() => heading(page)).toBe('Hola, Juan');
      // Its button on the home now continues it.
      await expect
        .poll(() => continueButton(page).textContent())
        .toContain('Continuar: Solicitud Alta Energía');
      await checkRequestScreen(page, 'home-draft', { back: false });
      // The page reloads under the customer (a crash): within the idle time it is still theirs,
      // with the draft.
      await page.reload();
      await expect.poll(() => heading(page)).toBe('Hola, Juan');
      await expect
        .poll(() => continueButton(page).textContent())
        .toContain('Continuar: Solicitud Alta Energía');

      await continueButton(page).click();
      // The first step not done yet: the address lacks its number and locality.
      await expectStep(page, 'Domicilio del suministro');
      expect(await page.getByLabel('Calle', { exact: true }).inputValue()).toBe('Urquiza');
      await page.getByRole('button', { name: /^Paso 1: Datos del titular, listo/ }).click();
      await expectStep(page, 'Datos del titular');
      expect(await page.getByLabel('Fecha de nacimiento', { exact: true }).inputValue()).toBe(
        '12/04/1985',
      );
      await page.getByRole('button', { name: /^Paso 4: Foto de tu DNI/ }).click();
      // The photo comes back from the core, as kept there.
      const photo = page.getByTestId('page').locator('img');
      await expect.poll(() => photo.count()).toBe(1);
      expect(await photo.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);

      // The review says what is missing, and goes to it.
      await page.getByRole('button', { name: /^Paso 8: Revisá y enviá/ }).click();
      await expect.poll(() => page.getByText('Falta 1 foto de «DNI del titular».').count()).toBe(1);
      expect(await button(page, 'Enviar').isDisabled()).toBe(true);
      await checkRequestScreen(page, 'review-missing');
      await checkChoicesAndBack(page, 'requests-review-missing');

      // "Cancelar trámite", confirmed: the home offers nothing any more.
      await button(page, 'Cancelar trámite').click();
      await checkRequestScreen(page, 'discard-confirm');
      await button(page, 'Sí, cancelar el trámite').click();
      await expect.poll(() => heading(page)).toBe('Hola, Juan');
      expect(await continueButton(page).count()).toBe(0);
      expect(
        await page.getByRole('button', { name: 'Solicitud Alta Energía', exact: true }).count(),
      ).toBe(1);
    },
    240_000,
  );
});

function continueButton(page: Page) {
  return page.getByRole('button', { name: /^Continuar:/ });
}

async function sendFromReviewChecked(page: Page): Promise<string> {
  await expect
    .poll(() => page.getByText('Está todo completo. Tocá «Enviar».').count(), { timeout: 20_000 })
    .toBe(1);
  await checkRequestScreen(page, 'review');
  await checkChoicesAndBack(page, 'requests-review');
  return sendFromReview(page);
}
