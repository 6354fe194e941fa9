import { expect, it } from 'vitest';
import { describeEachEngine } from '../../central/testing/engines.js';
import { browserAvailable } from '../helpers/browser.js';
import { button, closeKeyboard, heading, typeText } from './account-helpers.js';
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

/**
 * "Solicitud de Servicio Social" (with a member of the family group) and "Solicitud de Servicio
 * Internet" in the system Chromium through the web host, against the real kiosk core and the real
 * central; the camera is Chromium's fake one, playing a generated document.
 */
describeEachEngine('requests: services (Chromium, web host, real core and central)', (engine) => {
  const kiosk = useRealKiosk(engine, {
    prefix: 'requests-services',
    prepare: ({ call, mailbox }) => holderWithSupplies(call, mailbox, ['100235']),
    chromiumArgs: () => documentCameraArgs(kiosk.stack.dataDir),
  });

  it.runIf(browserAvailable())(
    '"Solicitud de Servicio Social": the holder, a family member, the DNI photos, signed and sent',
    async () => {
      const { page, stack } = kiosk;
      await signInToHome(page);
      await page.getByRole('button', { name: 'Solicitud de Servicio Social' }).click();
      await expect.poll(() => heading(page)).toBe('Solicitud de Servicio Social');
      expect(await page.locator('main').textContent()).toContain(
        'DNI de los integrantes: Una foto del frente y otra del dorso del DNI de cada persona',
      );
      await checkRequestScreen(page, 'social-needs');
      await button(page, 'Empezar').click();

      await expectStep(page, 'Datos del titular');
      await fill(page, { 'Fecha de nacimiento': '12041985', Teléfono: '03447421234' });
      await next(page);

      await expectStep(page, 'Grupo familiar');
      expect(await page.getByText('Todavía no agregaste a nadie.').count()).toBe(1);
      await button(page, 'Agregar una persona').click();
      await typeText(page, 'Nombre y apellido', 'Lucía Gómez');
      await typeText(page, 'Número de documento', '45123456');
      await typeText(page, 'Fecha de nacimiento', '03022010');
      await typeText(page, 'Parentesco', 'hija');
      await closeKeyboard(page);
      await button(page, 'Guardar persona').click();
      await expect
        .poll(async () =>
          (await page.locator('main li').filter({ hasText: 'Lucía Gómez' }).textContent())?.replace(
            /\s+/g,
            ' ',
          ),
        )
        .toContain('DNI 45123456 · 03/02/2010 · hija');
      await checkRequestScreen(page, 'social-members');
      await next(page);

      await expectStep(page, 'Foto de tu DNI');
      await takePhotos(page, 2);
      await next(page);

      await expectStep(page, 'DNI de tu grupo familiar');
      // One member: both sides of their DNI, and "Siguiente" does not go on without them.
      await page.getByRole('heading', { name: 'Fotos: 0 de 2' }).waitFor();
      await next(page);
      await expect
        .poll(() => page.getByTestId('form-alert').first().textContent())
        .toContain('Faltan 2 fotos de «DNI de los integrantes».');
      await expectStep(page, 'DNI de tu grupo familiar');
      await takePhotos(page, 2);
      await checkRequestScreen(page, 'social-members-dni');
      await next(page);

      await expectStep(page, 'Firmá la adhesión');
      await expect.poll(() => page.locator('main').textContent()).toContain('Lucía Gómez');
      await signWithFinger(page);
      await next(page);

      await expectStep(page, 'Revisá y enviá');
      await checkRequestScreen(page, 'social-review');
      const receipt = await sendFromReview(page);
      expect(receipt).toContain('Solicitud de Servicio Social');
      expect(receipt).toContain('DNI de los integrantes: 2 páginas');
      const number = /Número de trámite (T-\d{4}-\d+)/.exec(receipt)?.[1];
      expect(number).toBeDefined();
      const pdf = await receiptPdfText(stack);
      expect(pdf).toContain(`Trámite N° ${number}`);
      expect(pdf).toContain('Solicitud de Servicio Social');
      await checkRequestScreen(page, 'social-receipt');
      await backHomeToMyRequests(page, number!, 'Solicitud de Servicio Social');
    },
    240_000,
  );

  it.runIf(browserAvailable())(
    '"Solicitud de Servicio Internet": address, plan, DNI photos, signed and sent',
    async () => {
      const { page, stack } = kiosk;
      await page.getByRole('button', { name: 'Solicitud de Servicio Internet' }).click();
      await expect.poll(() => heading(page)).toBe('Solicitud de Servicio Internet');
      await button(page, 'Empezar').click();

      await expectStep(page, 'Domicilio del servicio');
      await fill(page, {
        Calle: 'San Martín',
        Número: '1234',
        Localidad: 'Colón',
        'Teléfono de contacto': '03447421234',
      });
      await checkRequestScreen(page, 'internet-address');
      await next(page);

      await expectStep(page, 'Plan');
      await next(page);
      // No plan chosen: the step says so and stays.
      await expect.poll(() => page.getByText('Elegí «Plan de internet».').count()).toBe(1);
      await choose(page, 'Hogar 100 Mb');
      await checkRequestScreen(page, 'internet-plan');
      // "Alto contraste" reaches the wizard's own controls too.
      await button(page, 'Alto contraste').click();
      await checkRequestScreen(page, 'internet-plan-contrast');
      await button(page, 'Alto contraste').click();
      await next(page);

      await expectStep(page, 'Foto de tu DNI');
      await takePhotos(page, 2);
      await next(page);

      await expectStep(page, 'Firmá la solicitud');
      await expect.poll(() => page.locator('main').textContent()).toContain('Hogar 100 Mb');
      await signWithFinger(page);
      await next(page);

      await expectStep(page, 'Revisá y enviá');
      // The review is asked of the core when the step opens: its lines come once it answers.
      const review = () => page.locator('main').textContent();
      await expect.poll(review).toContain('San Martín');
      expect(await review()).toContain('Hogar 100 Mb');
      const receipt = await sendFromReview(page);
      expect(receipt).toContain('Solicitud de Servicio Internet');
      expect(receipt).toContain('Solicitud de servicio firmada: 1 página');
      const number = /Número de trámite (T-\d{4}-\d+)/.exec(receipt)?.[1];
      const pdf = await receiptPdfText(stack);
      expect(pdf).toContain(`Trámite N° ${number}`);
      expect(pdf).toContain('Solicitud de Servicio Internet');
      await backHomeToMyRequests(page, number!, 'Solicitud de Servicio Internet');
    },
    240_000,
  );
});
