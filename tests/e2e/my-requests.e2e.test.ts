import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { argon2Hasher } from '../../central/accounts/password-hashing.js';
import { createDatabase } from '../../central/db/index.js';
import { addStaffMember } from '../../central/staff/members.js';
import { describeEachEngine, type TestLocation } from '../../central/testing/engines.js';
import type { MyRequests, RequestDetail, SubmitReceipt } from '../../src/contract/index.js';
import { dispatch } from '../../src/kiosk/dispatch.js';
import { documentPhoto, encodeJpeg } from '../../src/testing/synthetic-photos.js';
import { browserAvailable } from '../helpers/browser.js';
import { fakeCameraArgs, frameSize, pngToY4m } from '../helpers/camera-frame.js';
import { demoHolder, registerAndActivate } from '../helpers/customer.js';
import { fillInternetRequest, internetPlan } from '../helpers/internet-request.js';
import { valueOf } from '../helpers/requests-stack.js';
import {
  button,
  checkScreen,
  closeKeyboard,
  heading,
  smallTargetsAndText,
  typeText,
} from './account-helpers.js';
import { axeViolations, expectNoAxeViolations } from './axe.js';
import { useRealKiosk } from './real-kiosk.js';
import { speechStub, spokenIn } from './speech-stub.js';
import { panelText } from './supplies-helpers.js';

const observation = 'La foto del DNI no se lee. Sacala de nuevo con buena luz.';
const approval = 'Tu servicio de internet fue aprobado. Te llamamos para la instalación.';

/**
 * "Mis trámites" as a customer follows a request, in the system Chromium through the web host,
 * against the real kiosk core and the real central: the request listed, staff observing it (the
 * notification on the home and by mail), the request opened with the magnifier, the observed step
 * redone, staff approving it, and the list when the central cannot be reached.
 */
describeEachEngine('Mis trámites (Chromium, web host, real core and central)', (engine) => {
  let location: TestLocation;
  let cameraDir = '';
  const kiosk = useRealKiosk(engine, {
    prefix: 'my-requests',
    prepare: async (started) => {
      location = started.location;
      await registerAndActivate(started.call, started.mailbox);
    },
    // The fake camera films a sharp, well-lit document: the DNI photographed again.
    chromiumArgs: async () => {
      cameraDir = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-my-requests-'));
      const still = path.join(cameraDir, 'document.jpg');
      await writeFile(still, encodeJpeg(documentPhoto(frameSize.width, frameSize.height, 11)));
      return fakeCameraArgs(await pngToY4m(still, path.join(cameraDir, 'document.y4m')));
    },
  });
  afterAll(async () => {
    if (cameraDir) await rm(cameraDir, { recursive: true, force: true });
  });
  /** The kiosk core the page talks to, called directly to send a request without the wizard. */
  const core = (method: string, input?: unknown) =>
    dispatch(kiosk.stack.core.handlers, method, input);
  const check = async (name: string, options: { back?: boolean } = {}) => {
    // Kept even when a check fails, to see why; checkScreen writes over it once all pass.
    await kiosk.shot(name);
    await checkScreen(kiosk.page, `${engine.name}-${name}`, { ...options, prefix: 'my-requests' });
  };
  /** The wizard's own screens, on the way: WCAG 2.2 AA and their screenshot. */
  const wizardScreen = async (name: string) => {
    await expectNoAxeViolations(kiosk.page, name);
    await kiosk.shot(name);
  };
  /** "Texto grande" and "Alto contraste" on the screen shown: still AA, 7:1, sizes kept. */
  async function withBothChoices(name: string) {
    const { page } = kiosk;
    const choices = ['Texto grande', 'Alto contraste'];
    for (const choice of choices) await button(page, choice).click();
    try {
      await kiosk.shot(`${name}-choices`);
      expect(await page.evaluate(() => [...document.documentElement.classList])).toEqual(
        expect.arrayContaining(['large-text', 'high-contrast']),
      );
      await expectNoAxeViolations(page, `${name} with "Texto grande" and "Alto contraste"`);
      expect(await axeViolations(page, ['color-contrast-enhanced'])).toEqual([]);
      expect(await smallTargetsAndText(page)).toEqual([]);
      // Nothing runs out sideways, not even inside a box that scrolls on its own.
      const sideways = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter((element) => getComputedStyle(element).overflowX !== 'visible')
          .filter((element) => element.scrollWidth > element.clientWidth + 1)
          .map((element) =>
            [...element.querySelectorAll('*')]
              .filter(
                (inner) =>
                  inner.getBoundingClientRect().right > element.getBoundingClientRect().right,
              )
              .map((inner) => inner.outerHTML.slice(0, 80)),
          ),
      );
      expect(sideways).toEqual([]);
    } finally {
      for (const choice of choices) await button(page, choice).click();
    }
  }
  let sent: SubmitReceipt;
  let requestId = '';
  let staffToken = '';

  /** The home again, as after any other task: "Mis trámites" asks for the list once more. */
  async function backHome(page: Page) {
    await button(page, 'Asociar Cuenta').click();
    await expect.poll(() => heading(page)).toBe('ASOCIAR CUENTA');
    await button(page, 'Volver').click();
    await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
  }

  const row = (page: Page, number: string) =>
    page.getByTestId('my-requests').locator(`li[data-number="${number}"]`);
  const unreadText = async (page: Page, number: string) =>
    ((await row(page, number).getByTestId('unread').textContent()) ?? '')
      .replace(/\s+/g, ' ')
      .trim();
  const rowText = async (page: Page, number: string) =>
    ((await row(page, number).textContent()) ?? '').replace(/\s+/g, ' ').trim();

  /** Counter staff at the central's API: a new staff member, signed in. */
  async function staffSignIn(): Promise<string> {
    const central = createDatabase(location.databaseUrl ? location : { dataDir: location.dataDir });
    const email = `mostrador.${Date.now()}@copelco.example`;
    const password = 'una clave larga del mostrador';
    await addStaffMember(
      central.db,
      argon2Hasher(),
      { email, name: 'Laura Díaz', password, roles: ['revisor'] },
      new Date(),
    );
    await central.destroy();
    const signedIn = await fetch(`${kiosk.stack.centralUrl}/api/v1/staff/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(signedIn.ok).toBe(true);
    return ((await signedIn.json()) as { token: string }).token;
  }

  async function staffMoves(moves: { to: string; message: string; stepId?: string }[]) {
    staffToken ||= await staffSignIn();
    for (const move of moves) {
      const moved = await fetch(
        `${kiosk.stack.centralUrl}/api/v1/staff/requests/${requestId}/transitions`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` },
          body: JSON.stringify(move),
        },
      );
      expect(moved.status).toBe(200);
    }
  }

  it.runIf(browserAvailable())(
    'signs in to a home whose "Mis trámites" is empty',
    async () => {
      const { page } = kiosk;
      await button(page, 'Iniciar Sesión').click();
      await typeText(page, 'Correo electrónico', demoHolder.email);
      await typeText(page, 'Contraseña', demoHolder.password);
      await closeKeyboard(page);
      await button(page, 'Iniciar Sesión').click();
      // Checking the password is slow on purpose (argon2id), the more so on a busy machine.
      await expect
        .poll(() => heading(page), { timeout: 30_000 })
        .toBe(`Hola, ${demoHolder.firstName}`);
      await expect
        .poll(() => panelText(page, 'my-requests'))
        .toBe('Mis trámites Todavía no iniciaste trámites.');
      await check('home-empty', { back: false });
    },
    60_000,
  );

  it.runIf(browserAvailable())(
    'lists a request sent at this kiosk with its number, type, state in words and date',
    async () => {
      const { page } = kiosk;
      await fillInternetRequest(core, { plan: await internetPlan(core) });
      sent = valueOf<SubmitReceipt>(await core('request:submit'));
      expect(sent.state).toBe('enviado');
      const number = sent.number!;
      const mine = valueOf<MyRequests>(await core('requests:mine'));
      requestId = mine.requests.find((request) => request.number === number)!.id;

      await backHome(page);
      await expect.poll(() => row(page, number).count()).toBe(1);
      const text = await rowText(page, number);
      expect(text).toContain('Enviado');
      expect(text).toContain('Solicitud de Servicio Internet');
      expect(text).toContain(
        new Intl.DateTimeFormat('es-AR', {
          day: '2-digit',
          month: '2-digit',
          year: 'numeric',
        }).format(new Date(sent.submittedAt)),
      );
      // The state has a shape of its own, not only a colour.
      expect(await row(page, number).locator('[data-state="enviado"] svg').count()).toBe(1);
      expect(await button(page, `Ver el trámite ${number}`).isVisible()).toBe(true);
      expect(await page.getByTestId('my-requests-more').count()).toBe(0);
      await check('home-sent', { back: false });
    },
  );

  it.runIf(browserAvailable())(
    'staff observe it: the home marks the new notifications and the mail arrives',
    async () => {
      const { page, mailbox } = kiosk;
      const number = sent.number!;
      await staffMoves([
        { to: 'en-revision', message: 'Estamos revisando tu trámite.' },
        { to: 'observado', message: observation, stepId: 'dni' },
      ]);
      const mail = await mailbox.next(
        demoHolder.email,
        new RegExp(`Tu trámite ${number} cambió de estado`),
      );
      // The first mail is the one of "En revisión"; the observation follows.
      const observed = mail.text.includes('Observado')
        ? mail
        : await mailbox.next(demoHolder.email, new RegExp(`Tu trámite ${number}`));
      expect(observed.text).toContain('ahora está: Observado');
      expect(observed.text).toContain(observation);

      await backHome(page);
      await expect.poll(() => rowText(page, number)).toContain('Observado');
      const unread = valueOf<MyRequests>(await core('requests:mine')).requests.find(
        (request) => request.id === requestId,
      )!.unreadNotifications;
      expect(unread).toBeGreaterThanOrEqual(2);
      expect(await unreadText(page, number)).toBe(`${unread} avisos nuevos`);
      await check('home-observed', { back: false });
      await withBothChoices('home-observed');
    },
  );

  it.runIf(browserAvailable())(
    'opens it with the magnifier at the observed step; its notifications count as read',
    async () => {
      const { page } = kiosk;
      const number = sent.number!;
      await button(page, `Ver el trámite ${number}`).click();
      await expect.poll(() => heading(page)).toBe(`Trámite ${number}`);
      await expect.poll(() => page.getByTestId('observation').textContent()).toBe(observation);
      expect(await page.locator('main [data-state="observado"]').first().isVisible()).toBe(true);
      expect(await button(page, 'Corregir el paso 3: Foto de tu DNI').isVisible()).toBe(true);
      const history = (await page.getByTestId('request-history').textContent()) ?? '';
      expect(history).toContain(observation);
      expect(history).toContain('Estamos revisando tu trámite.');
      // Day first and a 24-hour clock, as read in Argentina.
      expect(history).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      expect(history).not.toMatch(/[ap]\.\s?m\./);
      await check('request-observed');
      await withBothChoices('request-observed');
      // "Escuchar" reads where the customer is, the state and what to correct.
      await page.evaluate(speechStub);
      await button(page, 'Escuchar').click();
      expect((await spokenIn(page)).utterances.map((utterance) => utterance.text)).toEqual([
        `Trámite ${number}. Solicitud de Servicio Internet. Estado Observado. ${observation} ` +
          'Corregir el paso 3: Foto de tu DNI.',
      ]);
      await button(page, 'Escuchar').click();

      const mine = valueOf<MyRequests>(await core('requests:mine'));
      expect(mine.requests.find((request) => request.id === requestId)?.unreadNotifications).toBe(
        0,
      );
      await button(page, 'Volver').click();
      await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
      await expect.poll(() => row(page, number).getByTestId('unread').count()).toBe(0);
    },
  );

  it.runIf(browserAvailable())(
    'redoes the observed step in the wizard and sends it: the request is back in review',
    async () => {
      const { page } = kiosk;
      const number = sent.number!;
      await button(page, `Ver el trámite ${number}`).click();
      await button(page, 'Corregir el paso 3: Foto de tu DNI').click();
      await expect.poll(() => heading(page)).toBe(`Corregir el trámite ${number}`);
      await page.getByRole('heading', { name: 'Paso 3: Foto de tu DNI' }).waitFor();
      await wizardScreen('answer-step');
      for (const taken of [1, 2]) {
        await button(page, 'Sacar foto').click();
        await page.getByRole('heading', { name: new RegExp(`^Fotos: ${taken} de`) }).waitFor();
        expect(await button(page, 'Dejar esta foto').count()).toBe(0);
      }
      await button(page, 'Siguiente').click();
      await button(page, 'Enviar').waitFor();
      await wizardScreen('answer-review');
      await button(page, 'Enviar').click();
      await expect.poll(() => heading(page), { timeout: 20_000 }).toBe('Trámite enviado');
      await button(page, 'Volver al inicio').click();
      await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
      await expect.poll(() => rowText(page, number)).toContain('En revisión');

      const answered = valueOf<RequestDetail>(await core('request:get', { requestId }));
      expect(answered.state).toBe('en-revision');
      expect(answered.attachments.filter((attachment) => attachment.round === 1)).toHaveLength(1);
    },
  );

  it.runIf(browserAvailable())('staff approve it: the customer sees "Aprobado"', async () => {
    const { page, mailbox } = kiosk;
    const number = sent.number!;
    await staffMoves([{ to: 'aprobado', message: approval }]);
    let mail = await mailbox.next(demoHolder.email, new RegExp(`Tu trámite ${number}`));
    // Mails of earlier changes still unread in the box come first.
    while (!mail.text.includes('ahora está: Aprobado')) {
      mail = await mailbox.next(demoHolder.email, new RegExp(`Tu trámite ${number}`));
    }
    expect(mail.text).toContain(approval);

    await backHome(page);
    await expect.poll(() => rowText(page, number)).toContain('Aprobado');
    // The approval only: the return to review was the customer's own answer, no news to them.
    const unread = valueOf<MyRequests>(await core('requests:mine')).requests.find(
      (request) => request.id === requestId,
    )!.unreadNotifications;
    expect(unread).toBe(1);
    expect(await unreadText(page, number)).toBe('1 aviso nuevo');
    await check('home-approved', { back: false });
    await button(page, `Ver el trámite ${number}`).click();
    await expect.poll(() => page.getByTestId('request-history').textContent()).toContain(approval);
    expect(await page.locator('main [data-state="aprobado"]').first().isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /^Corregir el paso/ }).count()).toBe(0);
    await check('request-approved');
    await withBothChoices('request-approved');
    await button(page, 'Volver').click();
    await expect.poll(() => row(page, number).getByTestId('unread').count()).toBe(0);
  });

  it.runIf(browserAvailable())(
    'without the central: what waits in the kiosk, and a sentence saying the list is not up to date',
    async () => {
      const { page, stack } = kiosk;
      await stack.stopCentral();
      await fillInternetRequest(core, { plan: await internetPlan(core), seeds: [3, 4] });
      const queued = valueOf<SubmitReceipt>(await core('request:submit'));
      expect(queued.state).toBe('pendiente-de-envio');

      await backHome(page);
      await expect
        .poll(() => panelText(page, 'my-requests'))
        .toContain('No pudimos actualizar la lista.');
      const pending = page.getByTestId('pending-request');
      expect(await pending.count()).toBe(1);
      const text = ((await pending.textContent()) ?? '').replace(/\s+/g, ' ');
      expect(text).toContain('Pendiente de envío');
      expect(text).toContain('Solicitud de Servicio Internet');
      expect(text).toContain(queued.number ?? queued.reference);
      // What was listed before is still shown, as last known, below the edge of the panel.
      expect(await rowText(page, sent.number!)).toContain('Aprobado');
      await expect.poll(() => page.getByTestId('my-requests-more').count()).toBe(1);
      await page
        .getByTestId('my-requests')
        .getByRole('group')
        .evaluate((list) => {
          list.scrollTop = list.scrollHeight;
        });
      await expect.poll(() => page.getByTestId('my-requests-more').count()).toBe(0);
      await kiosk.shot('home-offline-scrolled');
      await check('home-offline', { back: false });

      // The request itself cannot be asked for: the screen says so and offers to try again.
      await button(page, `Ver el trámite ${sent.number!}`).click();
      await expect
        .poll(() => page.getByTestId('form-alert').first().textContent())
        .toContain('No pudimos comunicarnos con la cooperativa.');
      expect(await button(page, 'Probar de nuevo').isVisible()).toBe(true);
      await check('request-offline');
      await button(page, 'Volver').click();
      await expect.poll(() => heading(page)).toBe(`Hola, ${demoHolder.firstName}`);
    },
    90_000,
  );

  it.runIf(browserAvailable())('"Salir" leaves nothing of the list on the kiosk', async () => {
    const { page } = kiosk;
    await button(page, 'Salir').click();
    await button(page, 'Iniciar Sesión').waitFor();
    const shown = (await page.locator('body').textContent()) ?? '';
    expect(shown).not.toContain(sent.number!);
    expect(shown).not.toContain('Mis trámites');
  });
});
