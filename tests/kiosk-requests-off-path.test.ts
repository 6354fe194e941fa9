import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpMailbox, type SmtpMailbox } from '../central/testing/smtp-mailbox.js';
import type {
  MyRequests,
  RequestDetail,
  RequestDraft,
  RequestReview,
  SubmitReceipt,
} from '../src/contract/index.js';
import { pdfText } from '../src/testing/pdf-text.js';
import { openCentralAdmin, type CentralAdmin } from './helpers/central-admin.js';
import { demoHolder, registerAndActivate } from './helpers/customer.js';
import {
  familyMember,
  fillPilarSteps,
  fillSocialRequest,
  photoOf,
} from './helpers/request-walks.js';
import { startRequestsStack, valueOf, type RequestsStack } from './helpers/requests-stack.js';

const holderProof = { documentType: 'DNI', documentNumber: '20345678', birthDate: '1985-04-12' };
const staff = {
  email: 'mostrador@copelco.example',
  name: 'Laura Díaz',
  password: 'una clave larga del mostrador',
  roles: ['revisor'] as const,
};
const observation = 'Falta el DNI de tu hija: sacale una foto del frente y otra del dorso.';

const photo = photoOf;

/**
 * Requests walked off the happy path through the kiosk API, against the real kiosk core and a
 * real central: family members whose DNI photos are missing, an observation answered with
 * nothing, and a refusal the central gives while the customer is still at the kiosk.
 */
describe('requests off the happy path (kiosk core and central)', () => {
  let stack: RequestsStack;
  let mailbox: SmtpMailbox;
  let admin: CentralAdmin;
  let staffToken = '';
  const centralDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-off-path-'));
  const call = (method: string, input?: unknown) => stack.call(method, input);

  beforeAll(async () => {
    mailbox = await startSmtpMailbox();
    stack = await startRequestsStack({ centralDataDir: centralDir, smtpUrl: mailbox.url });
    await registerAndActivate(call, mailbox);
    valueOf(
      await call('session:signIn', { email: demoHolder.email, password: demoHolder.password }),
    );
    valueOf(await call('supplies:link', { supplyOrInvoiceNumber: '100234', ...holderProof }));
    admin = openCentralAdmin({ dataDir: centralDir });
    await admin.addStaff(staff);
    staffToken = await admin.staffToken(stack.centralUrl, staff);
  }, 120_000);
  afterAll(async () => {
    await admin?.close();
    await stack?.close();
    await mailbox?.close();
    rmSync(centralDir, { recursive: true, force: true });
  });

  const member = familyMember;
  /** "Solicitud de Servicio Social" up to the family members' photos: holder, group, DNI, form. */
  const startSocial = (members: (typeof member)[]) => fillSocialRequest(call, members);

  const requirementIn = (draft: RequestDraft, id: string) =>
    draft.requirements.find((requirement) => requirement.requirementId === id)!;
  const missingOf = (review: RequestReview, stepId: string) =>
    review.steps.find((step) => step.stepId === stepId)?.missing;

  async function staffMoves(requestId: string, moves: { to: string; stepId?: string }[]) {
    for (const move of moves) {
      const moved = await fetch(
        `${stack.centralUrl}/api/v1/staff/requests/${requestId}/transitions`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` },
          body: JSON.stringify({ ...move, message: move.stepId ? observation : 'En revisión.' }),
        },
      );
      expect(moved.status).toBe(200);
    }
  }

  it('fills in what the account knows: the birth date and the phone too', async () => {
    const social = valueOf<RequestDraft>(
      await call('request:start', { requestTypeId: 'servicio-social' }),
    );
    expect(social.values.holder).toEqual({
      firstName: demoHolder.firstName,
      lastName: demoHolder.lastName,
      documentNumber: demoHolder.documentNumber,
      birthDate: demoHolder.birthDate,
      phone: demoHolder.phone,
      email: demoHolder.email,
    });
    const pilar = valueOf<RequestDraft>(
      await call('request:start', { requestTypeId: 'revision-pilar', supplyNumber: '100234' }),
    );
    expect(pilar.values.contact).toMatchObject({ phone: demoHolder.phone });
    expect(pilar).toMatchObject({
      supplyNumber: '100234',
      supplyAddress: 'Av. San Martín 1234, Colón',
    });
  });

  it("asks for both sides of a family member's DNI, none for nobody", async () => {
    // Nobody added: the step takes no photo and is done.
    const alone = await startSocial([]);
    expect(requirementIn(alone, 'members-dni')).toMatchObject({
      minPages: 0,
      maxPages: 0,
      complete: true,
    });
    expect(
      await call('request:addPage', { requirementId: 'members-dni', imageBase64: photo(3) }),
    ).toMatchObject({ ok: false, error: { code: 'too_many_pages' } });

    // One member: "Fotos: 0 de 2", not done, the review and "Enviar" say what is missing.
    const draft = await startSocial([member]);
    expect(requirementIn(draft, 'members-dni')).toMatchObject({
      minPages: 2,
      maxPages: 2,
      complete: false,
      problem: 'Faltan 2 fotos de «DNI de los integrantes».',
    });
    const review = valueOf<RequestReview>(await call('request:review'));
    expect(review.ready).toBe(false);
    expect(missingOf(review, 'members-dni')).toEqual([
      'Faltan 2 fotos de «DNI de los integrantes».',
    ]);
    expect(await call('request:submit')).toMatchObject({
      ok: false,
      error: { code: 'request_incomplete', message: 'Faltan 2 fotos de «DNI de los integrantes».' },
    });

    for (const seed of [3, 4]) {
      valueOf(
        await call('request:addPage', { requirementId: 'members-dni', imageBase64: photo(seed) }),
      );
    }
    const receipt = valueOf<SubmitReceipt>(await call('request:submit'));
    expect(receipt.state).toBe('enviado');
    expect(receipt.attachments).toContainEqual({
      requirementId: 'members-dni',
      title: 'DNI de los integrantes',
      pages: 2,
    });
  });

  it("answers an observation of the members' DNI only with new photos, and shows the staff's words", async () => {
    const mine = valueOf<MyRequests>(await call('requests:mine'));
    const sent = mine.requests.find((request) => request.requestTypeId === 'servicio-social')!;
    await staffMoves(sent.id, [{ to: 'en-revision' }, { to: 'observado', stepId: 'members-dni' }]);

    const draft = valueOf<RequestDraft>(
      await call('request:answerObservation', { requestId: sent.id }),
    );
    expect(draft.answering).toMatchObject({ stepId: 'members-dni', message: observation });
    // The observed step, not done: the answer is new photos, as many as the data asks for.
    expect(requirementIn(draft, 'members-dni')).toMatchObject({ minPages: 2, complete: false });
    const review = valueOf<RequestReview>(await call('request:review'));
    expect(review.ready).toBe(false);
    expect(await call('request:submit')).toMatchObject({
      ok: false,
      error: { code: 'request_incomplete' },
    });
    // Nothing went to the outbox: the request still waits for the answer.
    expect(valueOf<MyRequests>(await call('requests:mine')).pending).toEqual([]);

    for (const seed of [5, 6]) {
      valueOf(
        await call('request:addPage', { requirementId: 'members-dni', imageBase64: photo(seed) }),
      );
    }
    expect(valueOf<SubmitReceipt>(await call('request:submit')).state).toBe('enviado');
    const answered = valueOf<RequestDetail>(await call('request:get', { requestId: sent.id }));
    expect(answered.state).toBe('en-revision');
    expect(answered.attachments.filter((attachment) => attachment.round === 1)).toEqual([
      expect.objectContaining({ requirementId: 'members-dni', pages: 2 }),
    ]);
  });

  it('answers an observed data step only once something changed', async () => {
    const mine = valueOf<MyRequests>(await call('requests:mine'));
    const sent = mine.requests.find((request) => request.requestTypeId === 'servicio-social')!;
    await staffMoves(sent.id, [{ to: 'observado', stepId: 'holder' }]);
    const draft = valueOf<RequestDraft>(
      await call('request:answerObservation', { requestId: sent.id }),
    );
    const values = draft.values.holder!;
    // "Siguiente" without changing anything keeps the same data: no answer.
    valueOf(await call('request:saveStep', { stepId: 'holder', values }));
    const same = valueOf<RequestReview>(await call('request:review'));
    expect(same.ready).toBe(false);
    expect(missingOf(same, 'holder')).toEqual([
      'Corregí «Datos del titular»: los datos son los mismos que enviaste.',
    ]);
    valueOf(
      await call('request:saveStep', {
        stepId: 'holder',
        values: { ...values, phone: '3447 15-654321' },
      }),
    );
    expect(valueOf<RequestReview>(await call('request:review')).ready).toBe(true);
    expect(valueOf<SubmitReceipt>(await call('request:submit')).state).toBe('enviado');
    const answered = valueOf<RequestDetail>(await call('request:get', { requestId: sent.id }));
    expect(answered.fields.holder?.phone).toBe('344715654321');
  });

  it('names the supply on the signed form; a refusal is said at once, why, and never "pendiente"', async () => {
    valueOf(
      await call('request:start', { requestTypeId: 'revision-pilar', supplyNumber: '100234' }),
    );
    await fillPilarSteps(call);
    // The signed form names the supply it is for.
    const form = valueOf<{ fileName: string }>(
      await call('request:printForm', { requirementId: 'request-form', filled: true }),
    );
    const [formText] = await pdfText(
      readFileSync(path.join(stack.kioskDir, 'tmp', 'session', form.fileName)),
    );
    expect(formText).toContain('100234');
    expect(formText).toContain('Av. San Martín 1234, Colón');
    // Meanwhile the billing system cancels the supply.
    await admin.db
      .updateTable('supplies')
      .set({ state: 'baja' })
      .where('number', '=', '100234')
      .execute();

    const receipt = valueOf<SubmitReceipt>(await call('request:submit'));
    expect(receipt.state).toBe('no-enviado');
    expect(receipt.refusal).toBe(
      'La «Solicitud de Revisión de Pilar» solo se puede pedir desde un suministro de energía activo. Elegí otro suministro o consultá en el mostrador.',
    );
    const [text] = await pdfText(
      readFileSync(path.join(stack.kioskDir, 'tmp', 'session', receipt.print.fileName!)),
    );
    const flat = text!.replace(/\s+/g, ' ');
    expect(flat).toContain('Estado: No enviado');
    expect(flat).toContain('suministro de energía activo');
    expect(flat).toContain(`Referencia del kiosco: ${receipt.reference}`);
    expect(flat).not.toContain('Pendiente de envío');
    expect(flat).not.toContain('No tenés que hacer nada más');

    const pending = valueOf<MyRequests>(await call('requests:mine')).pending;
    expect(pending).toEqual([
      expect.objectContaining({
        reference: receipt.reference,
        state: 'rechazado',
        refusal: receipt.refusal,
      }),
    ]);
    await admin.db
      .updateTable('supplies')
      .set({ state: 'activo' })
      .where('number', '=', '100234')
      .execute();
  });
});
