import { beforeAll, describe, expect, it } from 'vitest';
import {
  RequestDetail,
  RequestList,
  requestStates,
  type RequestState,
} from '../../src/contract/index.js';
import { describeEachEngine } from '../testing/engines.js';
import { idempotency, startRequestsApp, type RequestsApp } from './test-app.js';
import { internetRequest, uploadAttachments } from './test-submissions.js';
import { checkTransition } from './transitions.js';

describe('the state machine', () => {
  const allowed = [
    'enviado → en-revision',
    'en-revision → observado',
    'en-revision → aprobado',
    'en-revision → rechazado',
    'observado → en-revision',
    'aprobado → finalizado',
    'rechazado → finalizado',
  ];
  it('allows exactly enviado → en-revision → (observado → en-revision …) → aprobado | rechazado → finalizado', () => {
    for (const from of requestStates) {
      for (const to of requestStates) {
        const move = () => checkTransition(from, to);
        if (allowed.includes(`${from} → ${to}`)) expect(move).not.toThrow();
        else
          expect(move).toThrow(
            expect.objectContaining({ statusCode: 409, code: 'invalid_transition' }),
          );
      }
    }
  });
});

describeEachEngine('a request from submission to its end', (engine) => {
  let h: RequestsApp;
  let staff: Awaited<ReturnType<RequestsApp['staff']>>;
  beforeAll(async () => {
    h = await startRequestsApp(engine);
    staff = await h.staff();
  });

  const move = (id: string, to: RequestState, message: string, stepId?: string) =>
    h.post(
      `/api/v1/staff/requests/${id}/transitions`,
      { to, message, ...(stepId && { stepId }) },
      staff.headers,
    );

  async function submitted(headers: Record<string, string>) {
    const sent = await h.post('/api/v1/requests', await internetRequest(h, headers), {
      ...(await h.delivering(headers)),
      ...idempotency(),
    });
    return RequestDetail.parse(sent.body);
  }

  it('notifies every change in the app and by mail, with the step to redo when observed', async () => {
    const ana = await h.customer();
    const request = await submitted(ana.headers);

    expect((await move(request.id, 'en-revision', 'Estamos revisando tu pedido.')).status).toBe(
      200,
    );
    const reviewing = await h.mailbox.next(ana.email, /cambió de estado/);
    expect(reviewing.subject).toBe(`COPELCO - Tu trámite ${request.number} cambió de estado`);
    expect(reviewing.text).toContain('ahora está: En revisión.');
    expect(reviewing.text).toContain('Estamos revisando tu pedido.');

    const observed = await move(request.id, 'observado', 'La foto del dorso no se lee.', 'dni');
    expect(observed.status).toBe(200);
    expect(observed.body).toMatchObject({ state: 'observado', pendingStepId: 'dni' });
    const mail = await h.mailbox.next(ana.email, /cambió de estado/);
    expect(mail.text).toContain('ahora está: Observado.');
    expect(mail.text).toContain('La foto del dorso no se lee.');
    expect(mail.text).toContain('rehacer el paso «Foto de tu DNI»');
    expect(mail.html).toContain('Observado');

    const list = RequestList.parse((await h.get('/api/v1/me/requests', ana.headers)).body);
    expect(list.requests).toEqual([
      expect.objectContaining({
        id: request.id,
        state: 'observado',
        unreadNotifications: 2,
        pendingStepId: 'dni',
      }),
    ]);
    const detail = RequestDetail.parse(
      (await h.get(`/api/v1/me/requests/${request.id}`, ana.headers)).body,
    );
    expect(detail.notifications.map((n) => [n.state, n.stepId, n.readAt])).toEqual([
      ['en-revision', null, null],
      ['observado', 'dni', null],
    ]);

    // Reading one, then the rest.
    const [first] = detail.notifications;
    const one = await h.post(
      `/api/v1/me/requests/${request.id}/notifications/read`,
      { notificationIds: [first!.id] },
      ana.headers,
    );
    expect(one.body).toEqual({ unreadNotifications: 1 });
    const rest = await h.post(
      `/api/v1/me/requests/${request.id}/notifications/read`,
      {},
      ana.headers,
    );
    expect(rest.body).toEqual({ unreadNotifications: 0 });
    // Not someone else's.
    const juan = await h.customer();
    expect((await h.get(`/api/v1/me/requests/${request.id}`, juan.headers)).status).toBe(404);
    expect(
      (await h.post(`/api/v1/me/requests/${request.id}/notifications/read`, {}, juan.headers))
        .status,
    ).toBe(404);
  });

  it('takes the customer’s answer to an observation and puts the request back in review', async () => {
    const ana = await h.customer();
    const request = await submitted(ana.headers);
    await move(request.id, 'en-revision', 'Lo estamos revisando.');
    await move(request.id, 'observado', 'Falta el dorso del DNI.', 'dni');
    const answers = `/api/v1/me/requests/${request.id}/answers`;
    // One delivery token per delivery: a replay (same key) comes with the token it used.
    const tokens = new Map<string, Record<string, string>>();
    const answer = async (body: Record<string, unknown>, key = idempotency()) => {
      const id = key['idempotency-key'];
      const token = tokens.get(id) ?? (await h.delivering(ana.headers, request.id));
      tokens.set(id, token);
      return h.post(answers, body, { ...token, ...key });
    };

    const wrongStep = await answer({ stepId: 'plan', fields: { plan: 'hogar-50' } });
    expect(wrongStep.status).toBe(422);
    expect(wrongStep.body).toMatchObject({
      code: 'wrong_step',
      message: 'El paso que tenés que rehacer es «Foto de tu DNI».',
    });
    const empty = await answer({ stepId: 'dni' });
    expect(empty.body.code).toBe('answer_missing');

    const { dni } = await uploadAttachments(h, ana.headers, { dni: 2 });
    const key = idempotency();
    const answered = await answer({ stepId: 'dni', attachments: dni }, key);
    expect(answered.status).toBe(201);
    const detail = RequestDetail.parse(answered.body);
    expect(detail).toMatchObject({ state: 'en-revision', pendingStepId: null });
    expect(detail.attachments.filter((a) => a.requirementId === 'dni').map((a) => a.round)).toEqual(
      [0, 1],
    );
    expect(detail.history.at(-1)).toMatchObject({
      state: 'en-revision',
      by: 'customer',
      stepId: 'dni',
    });
    // The staff's two changes are news to the customer; their own answer is not.
    expect(detail.unreadNotifications).toBe(2);
    const replay = await answer({ stepId: 'dni', attachments: dni }, key);
    expect(replay.body).toEqual(answered.body);
    // The staff's two changes, then the customer's answer.
    await h.mailbox.next(ana.email, /cambió de estado/);
    await h.mailbox.next(ana.email, /cambió de estado/);
    const back = await h.mailbox.next(ana.email, /cambió de estado/);
    expect(back.text).toContain('ahora está: En revisión.');
    expect(back.text).toContain('Recibimos tu respuesta.');

    // Answering again, when nothing is observed, is refused.
    const late = await answer({ stepId: 'dni', attachments: dni });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('not_observed');

    // A fields step is redone with its values.
    await move(request.id, 'observado', 'Elegí otro plan: ese no llega a tu zona.', 'plan');
    const plan = await answer({ stepId: 'plan', fields: { plan: 'hogar-300' } });
    expect(plan.status).toBe(201);
    expect(RequestDetail.parse(plan.body).fields.plan).toEqual({ plan: 'hogar-300' });
  });

  it('refuses moves the state machine does not allow, and checks the step of an observation', async () => {
    const ana = await h.customer();
    const request = await submitted(ana.headers);
    const skipped = await move(request.id, 'aprobado', 'Aprobado.');
    expect(skipped.status).toBe(409);
    expect(skipped.body).toMatchObject({
      code: 'invalid_transition',
      message: 'Un trámite «Enviado» no puede pasar a «Aprobado».',
    });
    await move(request.id, 'en-revision', 'Revisando.');
    expect((await move(request.id, 'observado', 'Falta algo.')).body.code).toBe('step_required');
    expect((await move(request.id, 'observado', 'Falta algo.', 'review')).body.code).toBe(
      'step_not_redoable',
    );
    expect((await move(request.id, 'observado', 'Falta algo.', 'firma')).body.code).toBe(
      'step_not_redoable',
    );
    expect((await move(request.id, 'aprobado', 'Listo.', 'dni')).body.code).toBe(
      'step_not_expected',
    );

    expect((await move(request.id, 'aprobado', 'Tu conexión se instala el lunes.')).status).toBe(
      200,
    );
    expect((await move(request.id, 'rechazado', 'No.')).status).toBe(409);
    expect((await move(request.id, 'finalizado', 'Servicio instalado.')).status).toBe(200);
    expect((await move(request.id, 'en-revision', 'Otra vez.')).status).toBe(409);

    const detail = RequestDetail.parse(
      (await h.get(`/api/v1/me/requests/${request.id}`, ana.headers)).body,
    );
    expect(detail.history.map((change) => [change.state, change.by])).toEqual([
      ['enviado', 'system'],
      ['en-revision', 'staff'],
      ['aprobado', 'staff'],
      ['finalizado', 'staff'],
    ]);
    expect(detail.notifications).toHaveLength(3);
  });
});
