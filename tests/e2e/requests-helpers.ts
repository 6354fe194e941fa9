import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { SmtpMailbox } from '../../central/testing/smtp-mailbox.js';
import type { Envelope } from '../../src/contract/index.js';
import { pdfText } from '../../src/testing/pdf-text.js';
import { screenshotPath } from '../helpers/browser.js';
import { fakeCameraArgs } from '../helpers/camera-frame.js';
import { demoHolder, registerAndActivate } from '../helpers/customer.js';
import { writeDniCamera } from '../helpers/dni-image.js';
import type { KioskStack } from '../helpers/kiosk-stack.js';
import { button, checkScreen, closeKeyboard, heading, typeText } from './account-helpers.js';
import { panelText } from './supplies-helpers.js';

type Call = (method: string, input?: unknown) => Promise<Envelope<unknown>>;

const holderProof = { documentType: 'DNI', documentNumber: '20345678', birthDate: '1985-04-12' };

/** The README's demo holder, registered and with `supplies` linked, signed out again. */
export async function holderWithSupplies(
  call: Call,
  mailbox: SmtpMailbox,
  supplies: string[],
): Promise<void> {
  await registerAndActivate(call, mailbox);
  const signedIn = await call('session:signIn', {
    email: demoHolder.email,
    password: demoHolder.password,
  });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  for (const supplyOrInvoiceNumber of supplies) {
    const linked = await call('supplies:link', { supplyOrInvoiceNumber, ...holderProof });
    if (!linked.ok) throw new Error(linked.error.message);
  }
  await call('session:signOut');
}

/** Chromium's fake camera playing a generated DNI-like card (made under `dir`): every photo. */
export async function documentCameraArgs(dir: string): Promise<string[]> {
  const camera = await writeDniCamera(
    '00512345678@GOMEZ@JUAN@M@20345678@B@12/04/1985@12/03/2014@239',
    dir,
  );
  return fakeCameraArgs(camera.y4m);
}

/**
 * Checks a screen of the wizard (axe, sizes, fit) and keeps its screenshot: taken first too, so
 * a screen that fails a check can still be looked at.
 */
export async function checkRequestScreen(
  page: Page,
  name: string,
  options: { back?: boolean } = {},
): Promise<void> {
  await page.screenshot({ path: screenshotPath(`requests-${name}`) });
  await checkScreen(page, name, { ...options, prefix: 'requests' });
}

export async function signInToHome(page: Page): Promise<void> {
  await button(page, 'Iniciar Sesión').click();
  await typeText(page, 'Correo electrónico', demoHolder.email);
  await typeText(page, 'Contraseña', demoHolder.password);
  await closeKeyboard(page);
  await button(page, 'Iniciar Sesión').click();
  await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
}

/** The wizard's step heading ("Paso 2: Domicilio del suministro"). */
export async function stepHeading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 2 }).first().textContent())?.trim() ?? '';
}

export async function expectStep(page: Page, title: string): Promise<void> {
  await expect
    .poll(() => stepHeading(page), { timeout: 20_000 })
    .toMatch(new RegExp(`^Paso \\d+: ${title}$`));
}

/** Types each value into the field of that label, then closes the keyboard. */
export async function fill(page: Page, values: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(values)) {
    await page.getByLabel(label, { exact: true }).fill('');
    await typeText(page, label, value);
  }
  await closeKeyboard(page);
}

export async function choose(page: Page, option: string): Promise<void> {
  await page.getByText(option, { exact: true }).click();
  expect(await page.getByRole('radio', { name: option }).isChecked()).toBe(true);
}

export async function next(page: Page): Promise<void> {
  await button(page, 'Siguiente').click();
}

/** Takes `count` photos with "Sacar foto"; each comes back from the core judged sharp and lit. */
export async function takePhotos(page: Page, count: number): Promise<void> {
  const pages = page.getByTestId('page');
  const before = await pages.count();
  for (let taken = 1; taken <= count; taken++) {
    const shoot = button(page, 'Sacar foto');
    await expect.poll(() => shoot.isEnabled(), { timeout: 20_000 }).toBe(true);
    await shoot.click();
    await expect.poll(() => pages.count(), { timeout: 20_000 }).toBe(before + taken);
    expect(await button(page, 'Sacar otra').count()).toBe(0);
  }
  // Each page is shown as the photo that was sent.
  for (const image of await pages.locator('img').all()) {
    expect(await image.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
  }
}

/** Draws a signature with the "finger" (the mouse) and presses "Firmar". */
export async function signWithFinger(page: Page): Promise<void> {
  const area = page.locator('canvas');
  const box = await area.boundingBox();
  if (!box) throw new Error('No signature area');
  await page.mouse.move(box.x + 60, box.y + box.height * 0.6);
  await page.mouse.down();
  for (let step = 1; step <= 12; step++) {
    await page.mouse.move(
      box.x + 60 + step * 30,
      box.y + box.height * (0.6 + (step % 2 ? -0.2 : 0.1)),
      { steps: 3 },
    );
  }
  await page.mouse.up();
  await button(page, 'Firmar').click();
  await expect
    .poll(
      () => page.getByRole('status').filter({ hasText: 'Ya firmaste el formulario.' }).count(),
      {
        timeout: 20_000,
      },
    )
    .toBe(1);
}

/** From the review: "Enviar", then the receipt; answers the receipt's text. */
export async function sendFromReview(page: Page): Promise<string> {
  await expect
    .poll(() => page.getByText('Está todo completo. Tocá «Enviar».').count(), { timeout: 20_000 })
    .toBe(1);
  await button(page, 'Enviar').click();
  await expect.poll(() => heading(page), { timeout: 30_000 }).toBe('Trámite enviado');
  return ((await page.getByTestId('request-receipt').textContent()) ?? '').replace(/\s+/g, ' ');
}

/** The text of the newest receipt the core kept as a PDF (the tests have no printer). */
export async function receiptPdfText(stack: KioskStack): Promise<string> {
  const folder = path.join(stack.kioskDir, 'tmp', 'session');
  const newest = (file: string) => statSync(path.join(folder, file)).mtimeMs;
  const [name] = readdirSync(folder)
    .filter((file) => file.startsWith('comprobante-') && file.endsWith('.pdf'))
    .sort((a, b) => newest(b) - newest(a));
  if (!name) throw new Error(`No receipt PDF in ${folder}`);
  const pages = await pdfText(readFileSync(path.join(folder, name)));
  return pages.join('\n').replace(/\s+/g, ' ');
}

/** "Volver al inicio" from the receipt: the request is listed in "Mis trámites" on the home. */
export async function backHomeToMyRequests(
  page: Page,
  number: string,
  title: string,
): Promise<void> {
  await button(page, 'Volver al inicio').click();
  await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
  await expect.poll(() => panelText(page, 'my-requests')).toContain(number);
  expect(await panelText(page, 'my-requests')).toContain(title);
}
