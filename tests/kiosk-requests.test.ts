import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { argon2Hasher } from '../central/accounts/password-hashing.js';
import { createDatabase } from '../central/db/index.js';
import { addStaffMember } from '../central/staff/members.js';
import { describeEachEngine, type TestLocation } from '../central/testing/engines.js';
import { startSmtpMailbox, type SmtpMailbox } from '../central/testing/smtp-mailbox.js';
import type {
  MyRequests,
  RequestDetail,
  RequestDraft,
  RequestReview,
  SubmitReceipt,
} from '../src/contract/index.js';
import { openKioskStore } from '../src/store/index.js';
import { decodeBarcodes } from '../src/testing/barcode-decoder.js';
import { pdfImages } from '../src/testing/pdf-images.js';
import { pdfText } from '../src/testing/pdf-text.js';
import { demoHolder, registerAndActivate } from './helpers/customer.js';
import { fillInternetRequest as fillInternet, internetPlan } from './helpers/internet-request.js';
import {
  filesContaining,
  pagePhoto,
  startRequestsStack,
  until,
  valueOf,
  type RequestsStack,
} from './helpers/requests-stack.js';

const holderProof = { documentType: 'DNI', documentNumber: '20345678', birthDate: '1985-04-12' };
/** Planted in the request: must never be found in the kiosk's files as plain text. */
const plantedEmail = 'canario.planta.7731@example.com';
const plantedStreet = 'Calle Canario Plantado';

/** Requests through the kiosk core and a real central: online, queued, after sign-out. */
describeEachEngine('kiosk requests through the core', (engine) => {
  let stack: RequestsStack;
  let mailbox: SmtpMailbox;
  let location: TestLocation;
  const call = (method: string, input?: unknown) => stack.call(method, input);
  const signIn = () =>
    call('session:signIn', { email: demoHolder.email, password: demoHolder.password });

  beforeAll(async () => {
    mailbox = await startSmtpMailbox();
    location = await engine.newLocation();
    stack = await startRequestsStack({
      databaseUrl: location.databaseUrl,
      centralDataDir: location.dataDir,
      smtpUrl: mailbox.url,
    });
    await registerAndActivate(call, mailbox);
    await signIn();
    valueOf(await call('supplies:link', { supplyOrInvoiceNumber: '100234', ...holderProof }));
    valueOf(await call('supplies:link', { supplyOrInvoiceNumber: '100235', ...holderProof }));
  });
  afterAll(async () => {
    await stack?.close();
    await mailbox?.close();
  });

  /** "Solicitud de Servicio Internet": address, plan, DNI front and back, the signed form. */
  async function fillInternetRequest() {
    const filled = await fillInternet(call, { plan: planValue, street: plantedStreet });
    expect(filled.started.requirements.map((r) => r.requirementId)).toEqual([
      'dni',
      'request-form',
    ]);
    for (const added of filled.pages) expect(added.page.quality.ok).toBe(true);
    return filled.draft;
  }
  let planValue = '';

  it('refuses pages that are not photos and says what is missing before "Enviar"', async () => {
    planValue = await internetPlan(call);

    valueOf(await call('request:start', { requestTypeId: 'servicio-internet' }));
    const pdfAsPhoto = Buffer.from('%PDF-1.7 not a photo').toString('base64');
    expect(
      await call('request:addPage', { requirementId: 'dni', imageBase64: pdfAsPhoto }),
    ).toMatchObject({
      ok: false,
      error: { code: 'photo_not_an_image' },
    });
    const review = valueOf<RequestReview>(await call('request:review'));
    expect(review.ready).toBe(false);
    expect(review.steps.find((s) => s.stepId === 'dni')?.missing).toEqual([
      'Faltan 2 fotos de «DNI del titular».',
    ]);
    expect(await call('request:submit')).toMatchObject({
      ok: false,
      error: { code: 'request_incomplete' },
    });
  });

  it('sends online: "Enviado" receipt with the number and a QR code, in Mis trámites once', async () => {
    await fillInternetRequest();
    const review = valueOf<RequestReview>(await call('request:review'));
    expect(review.ready).toBe(true);
    expect(review.steps.map((s) => s.number)).toEqual([1, 2, 3, 4, 5]);

    const receipt = valueOf<SubmitReceipt>(await call('request:submit'));
    expect(receipt).toMatchObject({
      state: 'enviado',
      number: expect.stringMatching(/^T-\d{4}-\d{6,}$/) as string,
      attachments: [
        { requirementId: 'dni', pages: 2 },
        { requirementId: 'request-form', pages: 1 },
      ],
    });
    const pdf = readFileSync(path.join(stack.kioskDir, 'tmp', 'session', receipt.print.fileName!));
    const [text] = await pdfText(pdf);
    expect(text).toContain(`Trámite N° ${receipt.number}`);
    expect(text).toContain('Estado: Enviado');
    expect(text).toContain('Sucursal Centro');
    expect(text).toContain('DNI del titular: 2 páginas');
    const [qr] = await pdfImages(pdf);
    expect((await decodeBarcodes(qr!.bytes))[0]?.text).toBe(
      `${stack.centralUrl}/seguimiento?numero=${receipt.number}`,
    );
    expect(valueOf(await call('request:current'))).toBeNull();

    const mine = valueOf<MyRequests>(await call('requests:mine'));
    expect(mine.requests.filter((r) => r.number === receipt.number)).toHaveLength(1);
    expect(mine.pending).toEqual([]);
  });

  it('queues when the link drops, keeps the reserved number, and delivers after sign-out', async () => {
    await fillInternetRequest();
    // Tokens still go through (the number is reserved); uploads do not.
    stack.cutLink(/^\/api\/v1\/(uploads|requests)/);
    const receipt = valueOf<SubmitReceipt>(await call('request:submit'));
    expect(receipt.state).toBe('pendiente-de-envio');
    expect(receipt.number).toMatch(/^T-/);
    const [text] = await pdfText(
      readFileSync(path.join(stack.kioskDir, 'tmp', 'session', receipt.print.fileName!)),
    );
    expect(text).toContain('Estado: Pendiente de envío');
    expect(text).toContain(`Trámite N° ${receipt.number}`);

    // Committed before the answer: a second connection sees the item and its sealed files.
    const reader = openKioskStore(stack.kioskDir);
    const queued = reader.outbox.byReference(receipt.reference)!;
    expect(queued.state).toBe('waiting');
    const committed = reader.outbox.attachments(queued.sequence).map((a) => a.sha256);
    const outboxFiles = readdirSync(path.join(stack.kioskDir, 'outbox'));
    expect(outboxFiles).toHaveLength(2);
    const pending = valueOf<MyRequests>(await call('requests:mine')).pending;
    expect(pending).toMatchObject([{ reference: receipt.reference, state: 'pendiente-de-envio' }]);
    expect(valueOf(await call('outbox:status'))).toMatchObject({ waiting: 1 });

    // Nothing of the customer is readable at rest.
    valueOf(await call('request:start', { requestTypeId: 'alta-energia' }));
    valueOf(
      await call('request:saveStep', {
        stepId: 'holder',
        values: { firstName: 'Juan', lastName: 'Gómez', email: plantedEmail },
      }),
    );
    for (const planted of [plantedEmail, plantedStreet, '20345678']) {
      expect(filesContaining(stack.kioskDir, planted)).toEqual([]);
    }

    await call('session:signOut');
    stack.cutLink(null);
    stack.core.outbox.kick();
    await until(() => reader.outbox.get(queued.sequence)?.state === 'delivered');
    expect(reader.outbox.get(queued.sequence)).toMatchObject({
      requestNumber: receipt.number,
      payload: null,
    });
    expect(readdirSync(path.join(stack.kioskDir, 'outbox'))).toEqual([]);
    reader.close();

    await signIn();
    const mine = valueOf<MyRequests>(await call('requests:mine'));
    const delivered = mine.requests.filter((r) => r.number === receipt.number);
    expect(delivered).toHaveLength(1);
    const detail = valueOf<RequestDetail>(
      await call('request:get', { requestId: delivered[0]!.id }),
    );
    expect(detail.attachments.map((a) => a.sha256).sort()).toEqual([...committed].sort());
    expect(detail.fields['service-address']).toMatchObject({ street: plantedStreet });
  });

  it('starts "Revisión de Pilar" only from a linked, active energy supply', async () => {
    for (const supplyNumber of [undefined, '100235', '999999']) {
      expect(
        await call('request:start', {
          requestTypeId: 'revision-pilar',
          ...(supplyNumber && { supplyNumber }),
        }),
      ).toMatchObject({ ok: false, error: { code: 'supply_not_eligible' } });
    }
    const draft = valueOf<RequestDraft>(
      await call('request:start', { requestTypeId: 'revision-pilar', supplyNumber: '100234' }),
    );
    expect(draft.supplyNumber).toBe('100234');
  });

  it('prints the form blank or filled, for paper', async () => {
    await fillInternetRequest();
    const printed = valueOf<{ fileName: string }>(
      await call('request:printForm', { requirementId: 'request-form', filled: true }),
    );
    const [text] = await pdfText(
      readFileSync(path.join(stack.kioskDir, 'tmp', 'session', printed.fileName)),
    );
    expect(text).toContain(plantedStreet);
    expect(text).toContain('Juan Gómez');
  });

  it('prints "¿Qué necesito?" of a request type, and refuses a type the kiosk does not have', async () => {
    const printed = valueOf<{ outcome: string; fileName: string }>(
      await call('requirements:print', { requestTypeId: 'alta-energia' }),
    );
    expect(printed.outcome).toBe('pdf');
    const [text] = await pdfText(
      readFileSync(path.join(stack.kioskDir, 'tmp', 'session', printed.fileName)),
    );
    const flat = text?.replace(/\s+/g, ' ');
    expect(flat).toContain('¿Qué necesito?');
    expect(flat).toContain('Solicitud Alta Energía');
    expect(flat).toContain('Certificado del electricista matriculado');
    expect(flat).toContain('Formulario de solicitud firmado');
    const unknown = await call('requirements:print', { requestTypeId: 'no-existe' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_request_type' } });
  });

  /** Counter staff at the central, through its HTTP API: moves a request with a message. */
  async function staffMoves(requestId: string, moves: { to: string; stepId?: string }[]) {
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
    const signedIn = await fetch(`${stack.centralUrl}/api/v1/staff/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const { token } = (await signedIn.json()) as { token: string };
    for (const move of moves) {
      const moved = await fetch(
        `${stack.centralUrl}/api/v1/staff/requests/${requestId}/transitions`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ ...move, message: 'La foto del DNI no se lee. Sacala de nuevo.' }),
        },
      );
      expect(moved.status).toBe(200);
    }
  }

  it('answers an observation by redoing the observed step, through the outbox', async () => {
    const mine = valueOf<MyRequests>(await call('requests:mine'));
    const sent = mine.requests[0]!;
    await staffMoves(sent.id, [{ to: 'en-revision' }, { to: 'observado', stepId: 'dni' }]);

    const observed = valueOf<MyRequests>(await call('requests:mine')).requests.find(
      (r) => r.id === sent.id,
    )!;
    expect(observed).toMatchObject({ state: 'observado', pendingStepId: 'dni' });
    expect(observed.unreadNotifications).toBeGreaterThan(0);
    const detail = valueOf<RequestDetail>(
      await call('request:get', { requestId: sent.id, markRead: true }),
    );
    expect(detail.unreadNotifications).toBe(0);

    const draft = valueOf<RequestDraft>(
      await call('request:answerObservation', { requestId: sent.id }),
    );
    expect(draft.answering).toMatchObject({ requestId: sent.id, stepId: 'dni' });
    expect(draft.requirements.map((r) => r.requirementId)).toEqual(['dni']);
    for (const seed of [5, 6]) {
      valueOf(
        await call('request:addPage', { requirementId: 'dni', imageBase64: pagePhoto(seed) }),
      );
    }
    const receipt = valueOf<SubmitReceipt>(await call('request:submit'));
    expect(receipt).toMatchObject({
      state: 'enviado',
      attachments: [{ requirementId: 'dni', pages: 2 }],
    });

    const answered = valueOf<RequestDetail>(await call('request:get', { requestId: sent.id }));
    expect(answered.state).toBe('en-revision');
    expect(answered.attachments.filter((a) => a.round === 1)).toHaveLength(1);
  });
});
