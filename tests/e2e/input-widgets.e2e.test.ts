import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Browser, Locator, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium, screenshotPath } from '../helpers/browser.js';
import { fakeCameraArgs } from '../helpers/camera-frame.js';
import { writeDniCamera } from '../helpers/dni-image.js';

const payload =
  '00512345678@PEÑA ÑANDÚ@MARÍA DE LOS ÁNGELES@F@30123456@B@15/07/1983@12/03/2014@239';
const rendererRoot = path.resolve('renderer');

/** Builds the dev-only harness page (never part of the app's bundle) and serves it on loopback. */
async function serveHarness(outDir: string): Promise<PreviewServer> {
  await build({
    configFile: false,
    root: rendererRoot,
    base: './',
    logLevel: 'warn',
    plugins: [svelte()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      reportCompressedSize: false,
      rollupOptions: { input: path.join(rendererRoot, 'dev/input-widgets.html') },
    },
  });
  return preview({
    configFile: false,
    root: rendererRoot,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
}

describe.runIf(browserAvailable())('input widgets (system Chromium)', () => {
  let workDir: string;
  let server: PreviewServer;
  let origin: string;
  let browser: Browser;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-widgets-'));
    server = await serveHarness(path.join(workDir, 'dist'));
    const address = server.httpServer.address() as AddressInfo;
    origin = `http://127.0.0.1:${address.port}`;
    const camera = await writeDniCamera(payload, workDir, { latin1: true });
    browser = await launchChromium(fakeCameraArgs(camera.y4m));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.httpServer.close(() => resolve());
    });
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  async function openHarness(query = ''): Promise<{ page: Page; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/dev/input-widgets.html${query}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    return { page, requests };
  }

  const keyboardOf = (page: Page) => page.getByTestId('on-screen-keyboard');
  const key = (keyboard: Locator, name: string) =>
    keyboard.getByRole('button', { name, exact: true });

  async function tapKeys(keyboard: Locator, names: string[]): Promise<void> {
    for (const name of names) await key(keyboard, name).click();
  }

  it('types "Peña Ñandú" with precomposed letters on the text keyboard', async () => {
    const { page } = await openHarness();
    const field = page.getByLabel('Apellido');
    expect(await field.getAttribute('inputmode')).toBe('none');
    expect(await field.getAttribute('autocomplete')).toBe('off');
    expect(await keyboardOf(page).count()).toBe(0);

    await field.click();
    const keyboard = keyboardOf(page);
    await keyboard.waitFor();
    expect(await keyboard.getAttribute('data-layout')).toBe('text');

    await tapKeys(keyboard, ['Mayús (mayúsculas)']);
    expect(await key(keyboard, 'Mayús (mayúsculas)').getAttribute('aria-pressed')).toBe('true');
    await page.screenshot({ path: screenshotPath('keyboard-text-shift') });
    await tapKeys(keyboard, ['P', 'e', 'ñ', 'a', 'Espacio', 'Mayús (mayúsculas)', 'Ñ']);
    await tapKeys(keyboard, ['a', 'n', 'd', 'ú']);
    const typed = await field.inputValue();
    expect(typed).toBe('Peña Ñandú');
    expect(typed).toBe(typed.normalize('NFC'));
    expect([...typed]).toHaveLength(10);
    expect(await page.getByTestId('value-name').textContent()).toBe('Peña Ñandú');

    // Keys big enough for a finger and text big enough to read from a step back.
    const box = await key(keyboard, 'ñ').boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(64);
    expect(box?.width).toBeGreaterThanOrEqual(64);
    const fontSize = await key(keyboard, 'ñ').evaluate((el) => getComputedStyle(el).fontSize);
    expect(parseFloat(fontSize)).toBeGreaterThanOrEqual(24);
    await page.screenshot({ path: screenshotPath('keyboard-text') });

    // The physical keyboard still works, the caret is shared, and input is stored in NFC.
    await field.press('End');
    await page.keyboard.insertText('u\u0301');
    expect(await field.inputValue()).toBe('Peña Ñandúú');
    await key(keyboard, 'Borrar').click();
    await field.press('Home');
    await key(keyboard, 'x').click();
    expect(await field.inputValue()).toBe('xPeña Ñandú');
    await key(keyboard, 'Listo').click();
    await keyboard.waitFor({ state: 'detached' });
    await page.close();
  });

  it('types an address with the e-mail keyboard and its domain keys', async () => {
    const { page } = await openHarness();
    await page.getByLabel('Apellido').click();
    await keyboardOf(page).waitFor();
    const field = page.getByLabel('Correo electrónico');
    await field.click();
    // Only one keyboard on the screen, now the e-mail one.
    await expect.poll(() => keyboardOf(page).getAttribute('data-layout')).toBe('email');
    expect(await keyboardOf(page).count()).toBe(1);

    const keyboard = keyboardOf(page);
    await tapKeys(keyboard, ['a', 'n', 'a', '.', 'p', '_', '7', '@gmail.com']);
    expect(await field.inputValue()).toBe('ana.p_7@gmail.com');
    expect(await page.getByTestId('value-email').textContent()).toBe('ana.p_7@gmail.com');
    for (const domain of ['@hotmail.com', '@yahoo.com.ar', '@outlook.com']) {
      expect(await key(keyboard, domain).isVisible()).toBe(true);
    }
    await page.screenshot({ path: screenshotPath('keyboard-email') });

    // A key held down looks pressed.
    await key(keyboard, '@').hover();
    await page.mouse.down();
    await page.screenshot({ path: screenshotPath('keyboard-pressed') });
    await page.mouse.up();
    expect(await field.inputValue()).toBe('ana.p_7@gmail.com@');
    await page.close();
  });

  it('types digits on the numeric pad and shows the validation next to the field', async () => {
    const { page } = await openHarness();
    const field = page.getByLabel('Número de DNI');
    await field.click();
    const keyboard = keyboardOf(page);
    await expect.poll(() => keyboard.getAttribute('data-layout')).toBe('numeric');

    await tapKeys(keyboard, ['3', '0', '1']);
    expect(await field.inputValue()).toBe('301');
    const describedBy = ((await field.getAttribute('aria-describedby')) ?? '').split(' ');
    const message = page.getByRole('alert').filter({ hasText: /\S/ });
    expect(await message.count()).toBe(1);
    expect(describedBy).toContain(await message.getAttribute('id'));
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await message.textContent()).toContain('El DNI tiene de 7 a 8 números');
    expect(await message.getAttribute('aria-live')).toBe('assertive');
    // The message sits right below the field, not somewhere else on the screen.
    const fieldBox = await field.boundingBox();
    const messageBox = await message.boundingBox();
    expect(messageBox!.y - (fieldBox!.y + fieldBox!.height)).toBeLessThan(40);
    const digit = await key(keyboard, '5').boundingBox();
    expect(digit?.height).toBeGreaterThanOrEqual(64);
    await page.screenshot({ path: screenshotPath('keyboard-numeric') });

    await tapKeys(keyboard, ['2', '3', '4', '5', '6', '7']);
    expect(await field.inputValue()).toBe('30123456');
    expect(await field.getAttribute('aria-invalid')).toBe('false');
    expect(await page.locator(`[id="${describedBy.at(-1)}"]`).textContent()).toBe('');
    await key(keyboard, 'Borrar').click();
    expect(await page.getByTestId('value-dni').textContent()).toBe('3012345');
    await key(keyboard, 'Listo').click();
    await keyboard.waitFor({ state: 'detached' });
    await page.close();
  });

  it('reads the DNI shown to the camera, with the reader served by the app itself', async () => {
    const { page, requests } = await openHarness();
    await page.getByRole('button', { name: 'Escanear DNI' }).click();
    await expect
      .poll(() => page.getByTestId('scan-result').textContent(), { timeout: 20_000 })
      .toBe(payload);
    const parsed: unknown = JSON.parse(
      (await page.getByTestId('scan-parsed').textContent()) ?? '{}',
    );
    expect(parsed).toMatchObject({ lastName: 'Peña Ñandú', documentNumber: '30123456' });
    // The scanner is gone and the camera with it.
    expect(await page.locator('video').count()).toBe(0);

    expect(requests.some((url) => url.startsWith(origin) && url.endsWith('.wasm'))).toBe(true);
    const elsewhere = requests.filter(
      (url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url),
    );
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  it('shows the live camera with a guide, and Cancelar turns the camera off', async () => {
    const { page } = await openHarness('?hold');
    await page.getByRole('button', { name: 'Escanear DNI' }).click();
    const video = page.locator('video');
    await expect.poll(() => video.evaluate((el: HTMLVideoElement) => el.videoWidth)).toBe(1280);
    await expect
      .poll(() => page.locator('section[data-phase]').getAttribute('data-phase'))
      .toBe('scanning');
    const tracks = await video.evaluate((el: HTMLVideoElement) => {
      const stream = el.srcObject as MediaStream;
      (window as unknown as { scannerTracks: MediaStreamTrack[] }).scannerTracks =
        stream.getTracks();
      return stream.getTracks().map((track) => track.readyState);
    });
    expect(tracks).toEqual(['live']);
    await page.waitForTimeout(600);
    await page.screenshot({ path: screenshotPath('scanner') });

    await page.getByRole('button', { name: 'Cancelar' }).click();
    expect(await page.getByTestId('scan-result').textContent()).toBe('(cancelado)');
    const states = await page.evaluate(() =>
      (window as unknown as { scannerTracks: MediaStreamTrack[] }).scannerTracks.map(
        (track) => track.readyState,
      ),
    );
    expect(states).toEqual(['ended']);
    await page.close();
  });

  it('keeps the caret in the field when keys are tapped on a touch screen', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1024 },
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${origin}/dev/input-widgets.html`);
    const field = page.getByLabel('Apellido');
    await field.tap();
    const keyboard = keyboardOf(page);
    for (const name of ['Mayús (mayúsculas)', 'Ñ', 'u', 'ñ', 'e', 'z'])
      await key(keyboard, name).tap();
    await key(keyboard, 'Borrar').tap();
    expect(await field.inputValue()).toBe('Ñuñe');
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    await context.close();
  });

  it('says so plainly when the camera may not be used', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1024 } });
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('denied', 'NotAllowedError'));
    });
    await page.goto(`${origin}/dev/input-widgets.html`);
    await page.getByRole('button', { name: 'Escanear DNI' }).click();
    const alert = page.getByRole('alert');
    await expect
      .poll(() => alert.textContent())
      .toContain('No tenemos permiso para usar la cámara');
    expect(await page.getByRole('button', { name: 'Cancelar' }).isVisible()).toBe(true);
    await page.close();
  });
});
