import { beforeAll, expect, it } from 'vitest';
import { RequestDetail } from '../../src/contract/index.js';
import { describeEachEngine } from '../testing/engines.js';
import { idempotency, makePdf, sha256Hex, startRequestsApp, type RequestsApp } from './test-app.js';
import { internetRequest, pilarRequest, uploadAttachments } from './test-submissions.js';

describeEachEngine('submitting a request', (engine) => {
  let h: RequestsApp;
  beforeAll(async () => {
    h = await startRequestsApp(engine);
  });

  it('files a complete request: its number, state "enviado", fields and attachments', async () => {
    const ana = await h.customer();
    const body = await internetRequest(h, ana.headers);
    const sent = await h.post('/api/v1/requests', body, {
      ...(await h.delivering(ana.headers)),
      ...idempotency(),
    });
    expect(sent.status).toBe(201);
    const request = RequestDetail.parse(sent.body);
    expect(request.number).toMatch(/^T-2026-\d{6}$/);
    expect(request).toMatchObject({
      requestTypeId: 'servicio-internet',
      title: 'Solicitud de Servicio Internet',
      state: 'enviado',
      kioskId: 'kiosco-1',
      supplyNumber: null,
      unreadNotifications: 0,
    });
    // Normalized as the kiosk would: digits only for a phone.
    expect(request.fields['service-address']?.contactPhone).toBe('3447421234');
    expect(request.attachments.map((a) => [a.requirementId, a.pages, a.round])).toEqual([
      ['dni', 2, 0],
      ['request-form', 1, 0],
    ]);
    expect(request.history).toEqual([expect.objectContaining({ state: 'enviado', by: 'system' })]);

    const next = await h.post('/api/v1/requests', await internetRequest(h, ana.headers), {
      ...(await h.delivering(ana.headers)),
      ...idempotency(),
    });
    const numberOf = (value: unknown) => Number(String(value).slice(-6));
    expect(numberOf(next.body.number)).toBe(numberOf(request.number) + 1);
  });

  it('needs an idempotency key (a UUID) and a delivery token: a session alone files nothing', async () => {
    const ana = await h.customer();
    const body = await internetRequest(h, ana.headers);
    const delivery = await h.delivering(ana.headers);
    expect((await h.post('/api/v1/requests', body, delivery)).status).toBe(400);
    const notUuid = await h.post('/api/v1/requests', body, {
      ...delivery,
      'idempotency-key': 'uno',
    });
    expect(notUuid.status).toBe(400);
    expect((await h.post('/api/v1/requests', body, idempotency())).status).toBe(401);
    const session = await h.post('/api/v1/requests', body, { ...ana.headers, ...idempotency() });
    expect(session.status).toBe(401);
    expect(session.body.code).toBe('delivery_token_required');
    expect(String(session.body.message)).toContain('credencial de envío');
  });

  it('refuses attachments not uploaded, not complete, or of another account', async () => {
    const ana = await h.customer();
    const body = await internetRequest(h, ana.headers);
    const missing = { ...body, attachments: { ...body.attachments, dni: ['0'.repeat(64)] } };
    const refused = await h.post('/api/v1/requests', missing, {
      ...(await h.delivering(ana.headers)),
      ...idempotency(),
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'upload_incomplete', field: 'attachments.dni' });

    const file = await makePdf(2);
    const started = await h.post(
      '/api/v1/uploads',
      { sha256: sha256Hex(file), size: file.length, mediaType: 'application/pdf' },
      ana.headers,
    );
    await h.sendChunk(ana.headers, String(started.body.uploadId), 0, file.subarray(0, 100));
    const incomplete = { ...body, attachments: { ...body.attachments, dni: [sha256Hex(file)] } };
    const halfway = await h.post('/api/v1/requests', incomplete, {
      ...(await h.delivering(ana.headers)),
      ...idempotency(),
    });
    expect(halfway.body.code).toBe('upload_incomplete');

    const juan = await h.customer();
    const theirs = await h.post('/api/v1/requests', body, {
      ...(await h.delivering(juan.headers)),
      ...idempotency(),
    });
    expect(theirs.body.code).toBe('upload_incomplete');

    const none = { ...body, attachments: { 'request-form': body.attachments['request-form'] } };
    const absent = await h.post('/api/v1/requests', none, {
      ...(await h.delivering(ana.headers)),
      ...idempotency(),
    });
    expect(absent.body).toMatchObject({ code: 'attachment_missing', field: 'attachments.dni' });
  });

  it('checks pages against the requirement and fields against the type', async () => {
    const ana = await h.customer();
    const body = await internetRequest(h, ana.headers);
    const oneSide = await uploadAttachments(h, ana.headers, { dni: 1 });
    // A refusal spends no token: the corrected request goes with the same one.
    const delivery = await h.delivering(ana.headers);
    const pages = await h.post(
      '/api/v1/requests',
      { ...body, attachments: { ...body.attachments, ...oneSide } },
      { ...delivery, ...idempotency() },
    );
    expect(pages.status).toBe(422);
    expect(pages.body).toMatchObject({
      code: 'attachment_pages',
      message: 'Falta 1 foto de «DNI del titular».',
    });

    const cases: [Record<string, unknown>, string, string][] = [
      [{ plan: {} }, 'field_required', 'fields.plan.plan'],
      [{ plan: { plan: 'hogar-1000' } }, 'invalid_field', 'fields.plan.plan'],
      [{ plan: { plan: 'hogar-100', color: 'azul' } }, 'unknown_field', 'fields.plan.color'],
      [{ firma: {} }, 'unknown_step', 'fields.firma'],
    ];
    for (const [fields, code, field] of cases) {
      const refused = await h.post(
        '/api/v1/requests',
        { ...body, fields: { ...body.fields, ...fields } },
        { ...delivery, ...idempotency() },
      );
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code, field });
    }
    const unknownType = await h.post(
      '/api/v1/requests',
      { ...body, requestTypeId: 'alta-gas' },
      { ...delivery, ...idempotency() },
    );
    expect(unknownType.body.code).toBe('unknown_request_type');
  });

  it('files "Revisión de Pilar" only from an active energy supply linked to the account', async () => {
    // 100234: energy, active; 100235: internet; 100236: energy, "baja"; 200451: not linked.
    const ana = await h.customer(['100234', '100235', '100236']);
    const delivery = await h.delivering(ana.headers);
    const send = async (supplyNumber?: string) =>
      h.post('/api/v1/requests', await pilarRequest(h, ana.headers, supplyNumber), {
        ...delivery,
        ...idempotency(),
      });

    const without = await send();
    expect(without.status).toBe(422);
    expect(without.body).toMatchObject({ code: 'supply_required', field: 'supplyNumber' });
    expect(String(without.body.message)).toContain('suministro de energía activo');
    for (const supply of ['100235', '100236']) {
      const refused = await send(supply);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'supply_not_eligible',
        message:
          'La «Solicitud de Revisión de Pilar» solo se puede pedir desde un suministro de energía activo. Elegí otro suministro o consultá en el mostrador.',
      });
    }
    expect((await send('200451')).body.code).toBe('supply_not_linked');

    const accepted = await send('100234');
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ supplyNumber: '100234', state: 'enviado' });
  });

  it("asks for both sides of each family member's DNI: none for nobody, 2 for one, 10 for five", async () => {
    const ana = await h.customer();
    const member = (n: number) => ({
      name: `Integrante ${n}`,
      documentType: 'DNI',
      documentNumber: String(40_000_000 + n),
      birthDate: '2010-05-0' + String(1 + (n % 9)),
      relationship: 'Hijo',
    });
    const social = async (members: number, files: Record<string, number>) => ({
      requestTypeId: 'servicio-social',
      fields: {
        holder: {
          firstName: 'Ana',
          lastName: 'Pérez',
          documentNumber: '30123456',
          birthDate: '1985-04-12',
          phone: '3447 421234',
          email: 'ana@example.com',
        },
        'family-group': members
          ? { members: Array.from({ length: members }, (_, n) => member(n)) }
          : {},
      },
      attachments: await uploadAttachments(h, ana.headers, {
        dni: 2,
        'membership-form': 1,
        ...files,
      }),
    });
    const send = async (body: Awaited<ReturnType<typeof social>>) =>
      h.post('/api/v1/requests', body, {
        ...(await h.delivering(ana.headers)),
        ...idempotency(),
      });

    // Nobody added: no photos, and photos sent anyway are refused.
    expect((await send(await social(0, {}))).status).toBe(201);
    const extra = await send(await social(0, { 'members-dni': 2 }));
    expect(extra.body).toMatchObject({
      code: 'attachment_pages',
      field: 'attachments.members-dni',
    });

    // One member: both sides of their DNI, no less.
    const none = await send(await social(1, {}));
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({
      code: 'attachment_missing',
      field: 'attachments.members-dni',
    });
    const oneSide = await send(await social(1, { 'members-dni': 1 }));
    expect(oneSide.body).toMatchObject({
      code: 'attachment_pages',
      message: 'Falta 1 foto de «DNI de los integrantes».',
    });
    expect((await send(await social(1, { 'members-dni': 2 }))).status).toBe(201);

    // Five members: ten pages.
    const short = await send(await social(5, { 'members-dni': 8 }));
    expect(short.body).toMatchObject({
      code: 'attachment_pages',
      message: 'Faltan 2 fotos de «DNI de los integrantes».',
    });
    const filed = await send(await social(5, { 'members-dni': 10 }));
    expect(filed.status).toBe(201);
    expect(RequestDetail.parse(filed.body).attachments).toContainEqual(
      expect.objectContaining({ requirementId: 'members-dni', pages: 10 }),
    );
  });
});
