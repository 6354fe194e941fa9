import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from '../helpers/browser.js';
import { fakeCameraArgs } from '../helpers/camera-frame.js';
import { writeInvoiceCamera } from '../helpers/invoice-image.js';
import {
  button,
  closeKeyboard,
  field,
  heading,
  messageOf,
  typeKeys,
  waitForScan,
} from './account-helpers.js';
import { ana, demoSupplyScript, maria, notMatched, proofOf, testClock } from './demo-supplies.js';
import { refusal } from './scripted-kiosk-core.js';
import {
  checkSupplyScreen,
  panelText,
  signIn,
  typeProof,
  useDemoKiosk,
} from './supplies-helpers.js';

describe.runIf(browserAvailable())('"ASOCIAR CUENTA" (system Chromium, scripted core)', () => {
  const kiosk = useDemoKiosk({
    // The fake camera shows an invoice whose barcode carries supply 100234.
    browserArgs: async (workDir) =>
      fakeCameraArgs((await writeInvoiceCamera('100234', workDir)).y4m),
  });

  const formAlert = async (page: Page) =>
    ((await page.getByTestId('form-alert').textContent()) ?? '').trim();

  /** `clock: false` for the camera: the scanner reads frames on timers a paused clock stops. */
  async function openLinkForm(holder = ana, linked: string[] = [], clock = true) {
    kiosk.core.script(demoSupplyScript(holder, linked));
    const page = await kiosk.open(clock ? { clock: testClock } : {});
    await signIn(page, holder);
    if (linked.length > 0) {
      await button(page, 'Ver mis cuentas').click();
      await button(page, 'Asociar otra cuenta').click();
    } else {
      await button(page, 'Asociar Cuenta').click();
    }
    await expect.poll(() => heading(page)).toBe('ASOCIAR CUENTA');
    return page;
  }

  it('checks the fields as typed, keeps everything on a refusal, and links the supply', async () => {
    const page = await openLinkForm();
    await checkSupplyScreen(page, 'link');
    const number = field(page, 'Número de suministro o de factura');
    expect(await number.getAttribute('inputmode')).toBe('none');

    // "Agregar" with nothing typed: each field says what it needs; the first one gets the focus.
    await button(page, 'Agregar').click();
    expect(await messageOf(page, 'Número de suministro o de factura')).toBe(
      'Ingresá el número de suministro o de factura.',
    );
    expect(await messageOf(page, 'Fecha de nacimiento')).not.toBe('');
    expect(await number.evaluate((el) => el === document.activeElement)).toBe(true);
    await closeKeyboard(page);

    // The holder's data with a wrong birth date: one refusal, above the button, nothing lost.
    await typeProof(page, '300789', { ...ana, typedBirthDate: '21111991' });
    expect(await messageOf(page, 'Número de documento')).toBe('');
    expect(await messageOf(page, 'Fecha de nacimiento')).toBe('');
    await button(page, 'Agregar').click();
    await expect.poll(() => formAlert(page)).toBe(notMatched);
    expect(await number.inputValue()).toBe('300789');
    expect(await field(page, 'Número de documento').inputValue()).toBe('27345678900');
    expect(await field(page, 'Fecha de nacimiento').inputValue()).toBe('21/11/1991');
    expect(await page.getByRole('radio', { name: /CUIT/ }).isChecked()).toBe(true);
    await checkSupplyScreen(page, 'link-refused');

    // The right date: "Enviando…" while the kiosk answers, then "CUENTAS" with the new supply.
    await typeKeys(page, 'Fecha de nacimiento', ['Borrar', '0']);
    await closeKeyboard(page);
    let answer: () => void = () => {};
    const script = demoSupplyScript(ana, []);
    kiosk.core.script({
      'supplies:link': (input) =>
        new Promise((resolve, reject) => {
          answer = () => void script['supplies:link']!(input).then(resolve, reject);
        }),
    });
    await button(page, 'Agregar').click();
    const busy = page.getByRole('button', { name: 'Enviando…' });
    await busy.waitFor();
    expect(await busy.isDisabled()).toBe(true);
    await checkSupplyScreen(page, 'link-sending');
    answer();
    await expect.poll(() => heading(page)).toBe('CUENTAS');
    expect(kiosk.core.callsOf('supplies:link').at(-1)).toEqual(proofOf('300789', ana));
    const notice = page.getByRole('status').filter({ hasText: 'Listo: asociamos' });
    expect((await notice.textContent())?.replace(/\s+/g, ' ')).toContain(
      'Listo: asociamos el suministro N.º 300789.',
    );
    expect(await page.locator('li[aria-current="true"]').textContent()).toContain('En trámite');
    expect(await page.getByTestId('supply-selector').textContent()).toContain('N.º 300789');
    await checkSupplyScreen(page, 'link-done');

    // Home: the new supply is the current one; it has no invoice yet.
    await button(page, 'Ir al inicio').click();
    await expect.poll(() => panelText(page, 'last-invoice')).toContain('Todavía no hay facturas');
    expect(await panelText(page, 'current-supply')).toContain('Urquiza 78, Colón');
  });

  it('starts clean on each visit: no numbers, red errors or old "Listo" of an earlier try', async () => {
    const page = await openLinkForm(maria, ['100234']);
    // A supply linked: "Listo" on "CUENTAS".
    await typeProof(page, '100235', maria);
    await button(page, 'Agregar').click();
    await expect.poll(() => heading(page)).toBe('CUENTAS');
    const listo = page.getByRole('status').filter({ hasText: 'Listo: asociamos' });
    expect(await listo.count()).toBe(1);

    // Another one, refused: then back to "CUENTAS", which no longer says "Listo".
    await button(page, 'Asociar otra cuenta').click();
    await expect.poll(() => heading(page)).toBe('ASOCIAR CUENTA');
    expect(await field(page, 'Número de suministro o de factura').inputValue()).toBe('');
    await typeProof(page, '300789', maria);
    await button(page, 'Agregar').click();
    await expect.poll(() => formAlert(page)).toBe(notMatched);
    await button(page, 'Volver').click();
    await expect.poll(() => heading(page)).toBe('CUENTAS');
    expect(await listo.count()).toBe(0);

    // "ASOCIAR CUENTA" again: empty fields, no message, nothing "Escuchar" would read of before.
    await button(page, 'Asociar otra cuenta').click();
    await expect.poll(() => heading(page)).toBe('ASOCIAR CUENTA');
    for (const label of [
      'Número de suministro o de factura',
      'Número de documento',
      'Fecha de nacimiento',
    ]) {
      expect(await field(page, label).inputValue(), label).toBe('');
      expect(await messageOf(page, label), label).toBe('');
    }
    expect(await formAlert(page)).toBe('');
    expect(await page.getByRole('radio', { name: /^DNI/ }).isChecked()).toBe(true);
    await checkSupplyScreen(page, 'link-again');
  });

  it('takes a DNI typed with its dots on a plugged-in keyboard, limited by its digits', async () => {
    const page = await openLinkForm(maria, ['100234']);
    const documentField = field(page, 'Número de documento');
    await documentField.click();
    await page.keyboard.type('20.345.678');
    expect(await documentField.inputValue()).toBe('20.345.678');
    // A ninth digit is one too many; a dot more is not a digit.
    await page.keyboard.type('9');
    expect(await documentField.inputValue()).toBe('20.345.678');
    expect(await messageOf(page, 'Número de documento')).toBe('');
    await closeKeyboard(page);
    await typeKeys(page, 'Número de suministro o de factura', [...'100235']);
    await typeKeys(page, 'Fecha de nacimiento', [...maria.typedBirthDate]);
    await closeKeyboard(page);
    await button(page, 'Agregar').click();
    await expect.poll(() => kiosk.core.callsOf('supplies:link').length).toBeGreaterThan(0);
    // The kiosk API reads it without its dots, as the central keeps it.
    expect(kiosk.core.callsOf('supplies:link').at(-1)).toEqual(proofOf('100235', maria));
    await expect.poll(() => heading(page)).toBe('CUENTAS');
  });

  it('makes the customer wait when the central asks for it, with a countdown', async () => {
    const page = await openLinkForm(maria, ['100234']);
    await typeProof(page, '100235', { ...maria, documentNumber: '20345679' });
    const tooMany =
      'Hubo demasiados intentos con datos que no coinciden. Esperá 30 segundos y probá de nuevo, o acercate al mostrador.';
    kiosk.core.script({
      'supplies:link': () => refusal('too_many_attempts', tooMany, undefined, 30),
    });
    await button(page, 'Agregar').click();
    await expect.poll(() => formAlert(page)).toBe(tooMany);
    const countdown = page.getByTestId('proof-countdown');
    expect(await countdown.textContent()).toContain('30 segundos');
    expect(await button(page, 'Agregar').isDisabled()).toBe(true);
    await checkSupplyScreen(page, 'link-wait');
    await page.clock.runFor(30_000);
    await expect.poll(() => countdown.count()).toBe(0);
    expect(await button(page, 'Agregar').isEnabled()).toBe(true);
    expect(await field(page, 'Número de suministro o de factura').inputValue()).toBe('100235');
  });

  it('reads the supply number from the invoice with the camera', async () => {
    const page = await openLinkForm(ana, [], false);
    await button(page, 'Leer la factura con la cámara').click();
    await page.locator('video').waitFor();
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toContain(
      'código de barras de tu factura',
    );
    await checkSupplyScreen(page, 'link-camera');
    await waitForScan(page, 'Leímos el número 100234');
    expect(await field(page, 'Número de suministro o de factura').inputValue()).toBe('100234');
    await checkSupplyScreen(page, 'link-scanned');
  });
});
