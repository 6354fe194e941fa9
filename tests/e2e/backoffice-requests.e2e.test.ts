import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { RequestDetail } from '../../src/contract/index.js';
import { idempotency, staffPassword } from '../../central/requests/test-app.js';
import { internetRequest, uploadAttachments } from '../../central/requests/test-submissions.js';
import { describeEachEngine } from '../../central/testing/engines.js';
import { browserAvailable, screenshotPath } from '../helpers/browser.js';
import { officePage, signInAs, useBackofficeCentral } from './backoffice-helpers.js';
import { expectNoAxeViolations } from './axe.js';

const timeout = { timeout: 30_000 };

describeEachEngine('the back office: Bandeja and a request (system Chromium)', (engine) => {
  if (!browserAvailable()) return;
  const central = useBackofficeCentral(engine);
  let page: Page;

  async function file(headers: Record<string, string>, body: unknown): Promise<RequestDetail> {
    const sent = await central.h.post('/api/v1/requests', body as Record<string, unknown>, {
      ...(await central.h.delivering(headers)),
      ...idempotency(),
    });
    return RequestDetail.parse(sent.body);
  }

  const signIn = (email: string) => signInAs(page, email);

  it('signs in, lists Bandeja, opens a request with its PDFs page by page, takes it, observes it across a session that ended, and tells the second reviewer', async () => {
    const { h, url } = central;
    const { email } = await h.staff();
    const ana = await h.customer();
    await h.db
      .updateTable('accounts')
      .set({ first_name: 'Ana Sofía', last_name: 'Quiroga' })
      .where('id', '=', ana.id)
      .execute();
    const first = await file(ana.headers, {
      ...(await internetRequest(h, ana.headers)),
      attachments: await uploadAttachments(h, ana.headers, { dni: 2, 'request-form': 3 }),
    });
    h.clock.advance(60_000);
    const second = await file(ana.headers, await internetRequest(h, ana.headers));

    page = await officePage(central, '/oficina/');
    await page.getByRole('heading', { name: 'Ingresar' }).waitFor(timeout);
    await expectNoAxeViolations(page);
    await page.getByLabel('Correo electrónico').fill(email);
    await page.getByLabel('Contraseña').fill('no es la clave');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page
      .getByRole('alert')
      .getByText('El correo o la contraseña no son correctos.')
      .waitFor();
    await signIn(email);
    await page.getByRole('heading', { level: 1, name: 'Bandeja' }).waitFor(timeout);
    expect(new URL(page.url()).pathname).toBe('/oficina/bandeja');

    // The session is a cookie no script reads, of /oficina only.
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({
      name: 'ventanilla_oficina',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/oficina',
    });
    expect(await page.evaluate(() => document.cookie)).toBe('');

    const rows = page.locator('table.list tbody tr');
    await rows.first().waitFor(timeout);
    expect(await page.getByRole('link', { name: /Enviado/ }).textContent()).toMatch(/Enviado\s*2/);
    expect(await rows.first().textContent()).toContain(first.number);
    expect(await rows.first().textContent()).toContain('Quiroga, Ana Sofía');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: screenshotPath(`backoffice-bandeja-${engine.name}`) });

    // Search narrows it; nothing found says so.
    await page.getByLabel('Buscar').fill(second.number);
    await page.getByLabel('Buscar').press('Enter');
    await page.waitForURL(/q=/);
    await page.getByRole('status').getByText('1 trámite en «Enviado»').waitFor(timeout);
    await page.getByLabel('Buscar').fill('nadie se llama así');
    await page.getByRole('button', { name: 'Filtrar' }).click();
    await page.getByText('No hay trámites con esos filtros.').waitFor(timeout);
    await page.getByRole('button', { name: 'Limpiar' }).click();
    await page.getByRole('link', { name: first.number }).click();

    await page.getByRole('heading', { level: 1, name: new RegExp(first.number) }).waitFor(timeout);
    const formPages = page.getByRole('img', { name: /página \d de 3/ });
    await page.locator('[data-painted="true"]').nth(4).waitFor(timeout);
    expect(await formPages.count()).toBe(3);
    expect(await page.getByRole('button', { name: 'Descargar' }).count()).toBe(2);
    await expectNoAxeViolations(page);
    await page.screenshot({
      path: screenshotPath(`backoffice-request-${engine.name}`),
      fullPage: true,
    });

    // Only what the state machine allows is offered.
    const actions = page.getByRole('group', { name: 'Acciones del trámite' });
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Tomar']);
    await actions.getByRole('button', { name: 'Tomar' }).click();
    await page.getByRole('button', { name: 'Confirmar «Tomar»' }).click();
    await page.getByText('Listo: el trámite quedó «En revisión».').waitFor(timeout);
    expect(await actions.getByRole('button').allTextContents()).toEqual([
      'Observar',
      'Aprobar',
      'Rechazar',
    ]);

    // Observing needs a message and a step; the session ends while it is typed.
    await actions.getByRole('button', { name: 'Observar' }).click();
    await page.getByLabel('Mensaje para el cliente').fill('');
    await page.getByRole('button', { name: 'Confirmar «Observar»' }).click();
    await page.getByRole('alert').getByText('Escribí el mensaje para el cliente.').waitFor();
    const typed = 'La foto del DNI salió movida: sacala de nuevo, con buena luz.';
    await page.getByLabel('Mensaje para el cliente').fill(typed);
    await page.getByRole('button', { name: 'Confirmar «Observar»' }).click();
    await page
      .getByRole('alert')
      .getByText('Elegí el paso que el cliente tiene que rehacer.')
      .waitFor();
    await page.getByLabel('Paso a rehacer').selectOption({ label: 'Foto de tu DNI' });
    await h.db
      .updateTable('staff_sessions')
      .set({ ended_at: h.clock.now().toISOString() })
      .execute();
    await page.getByRole('button', { name: 'Confirmar «Observar»' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ingresar' });
    await dialog.waitFor(timeout);
    expect(await dialog.textContent()).toContain('Tu sesión de personal terminó');
    await page.screenshot({ path: screenshotPath(`backoffice-session-ended-${engine.name}`) });
    await dialog.getByLabel('Contraseña').fill(staffPassword);
    await dialog.getByRole('button', { name: 'Ingresar' }).click();
    await page.getByText('Listo: el trámite quedó «Observado».').waitFor(timeout);
    const history = page.getByRole('region', { name: 'Historial' });
    expect(await history.textContent()).toContain(typed);
    expect(await history.textContent()).toContain('paso «Foto de tu DNI»');
    expect(await actions.count()).toBe(0);

    // Another reviewer takes the second request while this one looks at it.
    await page.goto(`${url}/oficina/tramites/${second.id}`);
    await page.getByRole('button', { name: 'Tomar' }).click();
    const other = await h.staff();
    await h.post(
      `/api/v1/staff/requests/${second.id}/transitions`,
      { to: 'en-revision', message: 'Lo tomo yo.' },
      other.headers,
    );
    await page.getByRole('button', { name: 'Confirmar «Tomar»' }).click();
    await page
      .getByRole('alert')
      .getByText('Otra persona ya movió este trámite: ahora está «En revisión».', { exact: false })
      .waitFor(timeout);
    await page.getByText('Lo tomó Laura Díaz').waitFor(timeout);
    const mine = RequestDetail.parse(
      (await h.get(`/api/v1/me/requests/${second.id}`, ana.headers)).body,
    );
    expect(mine.history.map((change) => change.state)).toEqual(['enviado', 'en-revision']);

    await page.getByRole('button', { name: 'Salir' }).click();
    await page.getByRole('heading', { name: 'Ingresar' }).waitFor(timeout);
    await page.goto(`${url}/oficina/bandeja`);
    await page.getByRole('heading', { name: 'Ingresar' }).waitFor(timeout);
    await page.close();
  }, 240_000);
});
