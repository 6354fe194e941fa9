import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { AccountProfile, RequestType, Step } from '../contract/index.js';
import { checkPhoto, checkSignature, ImageRefused } from '../documents/images.js';
import { validateFieldValue } from '../domain/request-fields.js';
import type { KioskHandlers } from '../kiosk/dispatch.js';
import { KioskError } from '../kiosk/errors.js';
import {
  asCustomer,
  nowIso,
  openDraft,
  requestErrors,
  requestTypeOf,
  type RequestContext,
} from './context.js';
import { draftPageRange, draftView, requirementsOf, reviewOf, type StoredDraft } from './draft.js';

type DraftMethods =
  | 'request:start'
  | 'request:current'
  | 'request:saveStep'
  | 'request:addPage'
  | 'request:removePage'
  | 'request:pagePreview'
  | 'request:signForm'
  | 'request:review'
  | 'request:discard';

/** Fields the account already knows, so the customer does not type them again. */
const prefillFrom = (profile: AccountProfile): Record<string, string> => ({
  firstName: profile.firstName,
  lastName: profile.lastName,
  email: profile.email,
  ...(profile.documentType === 'DNI' && { documentNumber: profile.documentNumber }),
  ...(profile.birthDate && { birthDate: profile.birthDate }),
  ...(profile.phone && { phone: profile.phone }),
});

export function prefill(type: RequestType, profile: AccountProfile): StoredDraft['values'] {
  const known = prefillFrom(profile);
  const values: StoredDraft['values'] = {};
  for (const step of type.steps) {
    const fields = (step.fields ?? []).filter((field) => known[field.id] !== undefined);
    if (fields.length) {
      values[step.id] = Object.fromEntries(fields.map((field) => [field.id, known[field.id]!]));
    }
  }
  return values;
}

function fieldsStep(type: RequestType, stepId: string): Step {
  const step = type.steps.find((candidate) => candidate.id === stepId);
  if (!step || step.kind !== 'fields') {
    throw new KioskError('unknown_step', 'Ese paso no es parte de este trámite.');
  }
  return step;
}

function pageRefused(error: unknown): unknown {
  return error instanceof ImageRefused
    ? new KioskError(`photo_${error.reason}`, error.message)
    : error;
}

/** The wizard's draft: start it, fill its steps, attach and remove photos, sign, review. */
export function draftHandlers(context: RequestContext): Pick<KioskHandlers, DraftMethods> {
  const { drafts } = context;

  function requirementOf(draft: StoredDraft, type: RequestType, requirementId: string) {
    const requirement = requirementsOf(draft, type).find((r) => r.id === requirementId);
    if (!requirement) throw requestErrors.unknownRequirement();
    return requirement;
  }

  return {
    'request:start': async ({ requestTypeId, supplyNumber }) => {
      const customer = context.customers.require();
      const type = requestTypeOf(context, requestTypeId);
      let supplyAddress: string | null = null;
      if (type.needsActiveEnergySupply) {
        const { supplies } = await asCustomer(context, customer, (token) =>
          context.client.call('listSupplies', { token }),
        );
        const supply = supplies.find((candidate) => candidate.number === supplyNumber);
        if (!supply || supply.service !== 'energia' || supply.state !== 'activo') {
          throw new KioskError(
            'supply_not_eligible',
            `La ${type.title.replace(/^Solicitud de /, '')} se pide desde un suministro de energía activo. Elegilo en el selector de suministros y volvé a empezar.`,
          );
        }
        supplyAddress = supply.address;
      }
      const now = nowIso(context);
      const draft: StoredDraft = {
        draftId: randomUUID(),
        requestTypeId,
        supplyNumber: supplyNumber ?? null,
        supplyAddress,
        answering: null,
        customer: customer.profile,
        values: prefill(type, customer.profile),
        pages: [],
        signatures: {},
        startedAt: now,
        updatedAt: now,
      };
      drafts.discard(customer.session.sessionId);
      drafts.save(customer.session, draft);
      // While the link works: the token that lets the request go even if "Enviar" is offline.
      context.outbox.stockUp(customer.token, { purpose: 'request' });
      return draftView(draft, type);
    },

    'request:current': () => {
      const customer = context.customers.require();
      const draft = drafts.load(customer.session);
      if (!draft) return Promise.resolve(null);
      return Promise.resolve(draftView(draft, requestTypeOf(context, draft.requestTypeId)));
    },

    'request:saveStep': ({ stepId, values }) => {
      const { customer, draft, type } = openDraft(context);
      const step = fieldsStep(type, stepId);
      const fields = step.fields ?? [];
      for (const [fieldId, value] of Object.entries(values)) {
        const field = fields.find((candidate) => candidate.id === fieldId);
        if (!field)
          throw new KioskError('unknown_field', 'Ese dato no es parte de este paso.', fieldId);
        const problem = validateFieldValue(field, value);
        if (problem) throw new KioskError('invalid_field', problem, fieldId);
      }
      const changed = !isDeepStrictEqual(draft.values[stepId] ?? {}, values);
      const next: StoredDraft = { ...draft, values: { ...draft.values, [stepId]: values } };
      // A signed form shows these values: once they change, the signature no longer covers them.
      const unsigned = changed ? Object.values(draft.signatures).map((s) => s.fileId) : [];
      if (unsigned.length) next.signatures = {};
      drafts.saveWithoutFiles(customer.session, next, unsigned);
      return Promise.resolve(draftView(next, type));
    },

    'request:addPage': ({ requirementId, imageBase64 }) => {
      const { customer, draft, type } = openDraft(context);
      const requirement = requirementOf(draft, type, requirementId);
      if (requirement.kind === 'signed-form') throw requestErrors.unknownRequirement();
      const taken = draft.pages.filter((page) => page.requirementId === requirementId).length;
      const { max } = draftPageRange(draft, requirement);
      if (taken >= max) {
        throw new KioskError(
          'too_many_pages',
          max === 0
            ? `«${requirement.title}» no lleva fotos: no agregaste a nadie en tu grupo familiar.`
            : `Ya agregaste ${max === 1 ? 'la foto' : `las ${max} fotos`} de «${requirement.title}». Borrá una para sacar otra.`,
        );
      }
      let photo;
      try {
        photo = checkPhoto(Buffer.from(imageBase64, 'base64'));
      } catch (error) {
        throw pageRefused(error);
      }
      const page = {
        pageId: randomUUID(),
        requirementId,
        bytes: photo.bytes.byteLength,
        width: photo.width,
        height: photo.height,
        quality: {
          ok: photo.quality.ok,
          problems: photo.quality.problems,
          messages: photo.quality.messages,
        },
      };
      const next = { ...draft, pages: [...draft.pages, page] };
      drafts.saveWithFile(customer.session, next, page.pageId, photo.bytes);
      return Promise.resolve({ page, draft: draftView(next, type) });
    },

    'request:removePage': ({ pageId }) => {
      const { customer, draft, type } = openDraft(context);
      const next = { ...draft, pages: draft.pages.filter((page) => page.pageId !== pageId) };
      drafts.saveWithoutFiles(customer.session, next, [pageId]);
      return Promise.resolve(draftView(next, type));
    },

    'request:pagePreview': ({ pageId }) => {
      const { customer, draft } = openDraft(context);
      const bytes = draft.pages.some((page) => page.pageId === pageId)
        ? drafts.readFile(customer.session, pageId)
        : null;
      if (!bytes) throw new KioskError('unknown_page', 'Esa foto ya no está en el trámite.');
      const mediaType = bytes[0] === 0xff ? ('image/jpeg' as const) : ('image/png' as const);
      return Promise.resolve({ mediaType, imageBase64: bytes.toString('base64') });
    },

    'request:signForm': ({ requirementId, signaturePngBase64 }) => {
      const { customer, draft, type } = openDraft(context);
      const requirement = requirementOf(draft, type, requirementId);
      if (requirement.kind !== 'signed-form') throw requestErrors.unknownRequirement();
      const png = Buffer.from(signaturePngBase64, 'base64');
      try {
        checkSignature(png);
      } catch (error) {
        throw pageRefused(error);
      }
      const previous = draft.signatures[requirementId];
      const fileId = randomUUID();
      const next = {
        ...draft,
        signatures: { ...draft.signatures, [requirementId]: { fileId, signedAt: nowIso(context) } },
      };
      drafts.saveWithFile(customer.session, next, fileId, png);
      if (previous) drafts.saveWithoutFiles(customer.session, next, [previous.fileId]);
      return Promise.resolve(draftView(next, type));
    },

    'request:review': () => {
      const { customer, draft, type } = openDraft(context);
      // The one got at the start failed (the link was down then): try again before "Enviar".
      if (!draft.answering) context.outbox.stockUp(customer.token, { purpose: 'request' });
      return Promise.resolve(reviewOf(draft, type));
    },

    'request:discard': () => {
      const customer = context.customers.require();
      return Promise.resolve({ discarded: drafts.discard(customer.session.sessionId) });
    },
  };
}
