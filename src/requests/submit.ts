import { argentinaTimeZone } from '../domain/time-zone.js';
import { PDFDocument } from '@cantoo/pdf-lib';
import type { RequestType, Requirement, SubmitReceipt } from '../contract/index.js';
import { fillForm, formFieldNames } from '../documents/forms.js';
import { renderRequestReceipt } from '../documents/receipt.js';
import { assembleRequirementPdf } from '../documents/requirement-pdf.js';
import { displayFieldValue, type FieldValueOf } from '../domain/request-fields.js';
import type { KioskHandlers } from '../kiosk/dispatch.js';
import { KioskError } from '../kiosk/errors.js';
import { pdfFallbackPrinter } from '../kiosk/printer.js';
import type { OutboxAttachment } from '../outbox/outbox.js';
import { sha256Hex, type OutboxPayload } from '../outbox/delivery.js';
import { openDraft, requestErrors, type OpenDraft, type RequestContext } from './context.js';
import { requirementsOf, reviewOf, type StoredDraft } from './draft.js';

const shortDate = new Intl.DateTimeFormat('es-AR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: argentinaTimeZone,
});

/** What the form template's fields show: the customer's account data and every step's values. */
export function formValuesOf(draft: StoredDraft, type: RequestType, signedAt?: Date) {
  const { customer } = draft;
  const values: Record<string, string> = {
    [formFieldNames.customerName]: `${customer.firstName} ${customer.lastName}`,
    [formFieldNames.customerDocument]: `${customer.documentType} ${customer.documentNumber}`,
    [formFieldNames.customerEmail]: customer.email,
  };
  if (draft.supplyNumber) {
    values[formFieldNames.supplyNumber] = draft.supplyNumber;
    values[formFieldNames.supplyAddress] = draft.supplyAddress ?? '';
  }
  for (const step of type.steps) {
    for (const field of step.fields ?? []) {
      const value = draft.values[step.id]?.[field.id] as FieldValueOf | undefined;
      values[field.id] = displayFieldValue(field, value);
    }
  }
  if (signedAt) values[formFieldNames.signedOn] = shortDate.format(signedAt);
  return values;
}

async function formPdf(
  context: RequestContext,
  { draft, type }: OpenDraft,
  requirement: Requirement,
  signaturePng: Uint8Array | undefined,
  filled: boolean,
) {
  if (!requirement.formTemplate) {
    throw new KioskError('no_form', 'Este formulario no está disponible en este kiosco.');
  }
  const signature = draft.signatures[requirement.id];
  return fillForm({
    resourcesDir: context.resourcesDir,
    template: requirement.formTemplate,
    values: filled ? formValuesOf(draft, type, signature && new Date(signature.signedAt)) : {},
    ...(signaturePng && { signaturePng }),
    title: `${type.title} - ${requirement.title}`,
    author: context.catalog()?.branding.fullName ?? '',
    createdAt: context.now(),
  });
}

/** One PDF per requirement: the photos on A4 pages, or the filled and signed form. */
async function attachmentsOf(
  context: RequestContext,
  open: OpenDraft,
): Promise<OutboxAttachment[]> {
  const { customer, draft, type } = open;
  const attachments: OutboxAttachment[] = [];
  for (const requirement of requirementsOf(draft, type)) {
    if (requirement.kind === 'signed-form') {
      const signature = draft.signatures[requirement.id];
      const png = signature && context.drafts.readFile(customer.session, signature.fileId);
      if (!png) continue;
      const pdf = await formPdf(context, open, requirement, png, true);
      attachments.push({ requirementId: requirement.id, pdf, pages: await pageCount(pdf) });
      continue;
    }
    const pages = draft.pages
      .filter((page) => page.requirementId === requirement.id)
      .map((page) => context.drafts.readFile(customer.session, page.pageId))
      .filter((bytes) => bytes !== null);
    if (!pages.length) continue;
    const pdf = await assembleRequirementPdf({
      requirementTitle: requirement.title,
      requestTitle: type.title,
      author: context.catalog()?.branding.fullName ?? '',
      createdAt: context.now(),
      pages,
    });
    attachments.push({ requirementId: requirement.id, pdf, pages: pages.length });
  }
  return attachments;
}

async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

function payloadOf({ draft, type }: OpenDraft, attachments: OutboxAttachment[]): OutboxPayload {
  const shas = (requirementId: string) =>
    attachments.filter((a) => a.requirementId === requirementId).map((a) => sha256Hex(a.pdf));
  if (draft.answering) {
    const { requestId, stepId } = draft.answering;
    const step = type.steps.find((candidate) => candidate.id === stepId);
    const files = step?.requirementId ? shas(step.requirementId) : [];
    return {
      kind: 'answer',
      title: `Respuesta: ${type.title}`,
      requestId,
      body: {
        stepId,
        ...(step?.kind === 'fields' && { fields: draft.values[stepId] ?? {} }),
        ...(files.length && { attachments: files }),
      },
    };
  }
  const byRequirement = Object.fromEntries(
    [...new Set(attachments.map((a) => a.requirementId))].map((id) => [id, shas(id)]),
  );
  return {
    kind: 'request',
    title: type.title,
    body: {
      requestTypeId: type.id,
      ...(draft.supplyNumber && { supplyNumber: draft.supplyNumber }),
      fields: draft.values,
      attachments: byRequirement,
    },
  };
}

type SubmitMethods = 'request:submit' | 'request:printForm';

/** "Enviar" and "Imprimir formulario". */
export function submitHandlers(context: RequestContext): Pick<KioskHandlers, SubmitMethods> {
  return {
    'request:printForm': async ({ requirementId, filled }) => {
      const open = openDraft(context);
      const requirement = requirementsOf(open.draft, open.type).find((r) => r.id === requirementId);
      if (requirement?.kind !== 'signed-form') throw requestErrors.unknownRequirement();
      const pdf = await formPdf(context, open, requirement, undefined, filled);
      return context.printer.print(pdf, {
        kind: 'form',
        name: `formulario-${requirement.id}`,
        folder: context.session.tempDir(),
      });
    },

    'request:submit': async () => {
      const open = openDraft(context);
      const { customer, draft, type } = open;
      const review = reviewOf(draft, type);
      const missing = review.steps.flatMap((step) => step.missing);
      if (!review.ready)
        throw new KioskError('request_incomplete', missing[0] ?? 'Falta completar el trámite.');

      const attachments = await attachmentsOf(context, open);
      const payload = payloadOf(open, attachments);
      // The commit point: from here on the request is the kiosk's to deliver, crash or not.
      const queued = context.outbox.enqueue({
        owner: customer.session.owner,
        payload,
        attachments,
        alsoInTransaction: () => context.drafts.discard(customer.session.sessionId),
        // With the token got when the request started, if it came: then no link is needed.
        sessionToken: customer.token,
      });
      try {
        await context.outbox.prepare(queued.sequence, customer.token);
      } catch (error) {
        // Offline or refused: the worker asks again while the session lives.
        context.log('Could not get a delivery token at submission', error);
      }
      context.outbox.worker.kick();
      await context.outbox.worker.waitForSettled(queued.sequence, context.submitWaitMs);
      return receiptFor(context, queued, payload.title, attachments, open);
    },
  };
}

async function receiptFor(
  context: RequestContext,
  queued: { sequence: number; reference: string },
  title: string,
  attachments: OutboxAttachment[],
  { type, draft }: OpenDraft,
): Promise<SubmitReceipt> {
  const supply = draft.supplyNumber
    ? { number: draft.supplyNumber, address: draft.supplyAddress ?? null }
    : null;
  const row = context.outbox.item(queued.sequence);
  const number = row?.requestNumber ?? null;
  const delivered = row?.state === 'delivered';
  // Refused while the customer is still here: said at once, never dressed as "pendiente".
  const refusal = row?.state === 'rejected' ? refusalText(row.lastError) : null;
  const submittedAt = new Date(row?.createdAt ?? context.now());
  const listed = attachments.map((attachment) => ({
    requirementId: attachment.requirementId,
    title: type.requirements.find((r) => r.id === attachment.requirementId)?.title ?? '',
    pages: attachment.pages,
  }));
  const pdf = await renderRequestReceipt({
    branding: context.catalog()?.branding ?? { cooperativeName: '', fullName: '' },
    title,
    reference: queued.reference,
    number,
    delivered,
    refusal,
    supply,
    submittedAt,
    branch: context.branch(),
    attachments: listed,
    trackingUrl: number ? context.trackingUrl(number) : null,
    resourcesDir: context.resourcesDir,
  });
  const job = {
    kind: 'receipt' as const,
    name: `comprobante-${queued.reference}`,
    folder: context.session.tempDir(),
  };
  // The request is already committed: a printer fault must not turn it into an error.
  const print = await context.printer.print(pdf, job).catch((error: unknown) => {
    context.log('Receipt printing failed; kept as PDF', error);
    return pdfFallbackPrinter.print(pdf, job);
  });
  return {
    reference: queued.reference,
    number,
    state: delivered ? 'enviado' : refusal ? 'no-enviado' : 'pendiente-de-envio',
    refusal,
    title,
    supply,
    submittedAt: submittedAt.toISOString(),
    attachments: listed,
    print,
  };
}

/**
 * The central's refusal as the customer reads it: the outbox keeps it as "<status> <code>
 * <message>" for staff; the customer gets the message.
 */
export function refusalText(lastError: string | null): string {
  const message = lastError?.replace(/^\d{3}\s+[a-z_]+\s+/, '').trim();
  return message || 'La cooperativa no aceptó el trámite.';
}
