import { z } from 'zod';
import {
  AccountProfile,
  DraftPage,
  RequestFieldValues,
  RequestNumber,
  type DraftRequirement,
  type RequestDraft,
  type RequestReview,
  type RequestType,
  type Requirement,
  type Step,
} from '../contract/index.js';
import {
  displayFieldValue,
  missingFieldMessage,
  type FieldValueOf,
} from '../domain/request-fields.js';

/** A request in progress as the core keeps it (sealed): the contract's view plus what it hides. */
export const StoredDraft = z.object({
  draftId: z.uuid(),
  requestTypeId: z.string(),
  supplyNumber: z.string().nullable(),
  answering: z
    .object({ requestId: z.uuid(), number: RequestNumber, stepId: z.string() })
    .nullable(),
  /** Whose request it is, for the form: from the account, not typed. */
  customer: AccountProfile,
  values: RequestFieldValues,
  pages: z.array(DraftPage),
  /** By requirement id: the signature image's file and when it was given. */
  signatures: z.record(z.string(), z.object({ fileId: z.uuid(), signedAt: z.iso.datetime() })),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type StoredDraft = z.infer<typeof StoredDraft>;

/** The steps a draft asks for: all of them, or only the observed one when answering. */
export function stepsOf(draft: StoredDraft, type: RequestType): Step[] {
  const steps = type.steps;
  if (!draft.answering) return steps;
  return steps.filter((step) => step.id === draft.answering?.stepId || step.kind === 'review');
}

export function requirementsOf(draft: StoredDraft, type: RequestType): Requirement[] {
  const wanted = new Set(stepsOf(draft, type).map((step) => step.requirementId));
  return type.requirements.filter((requirement) => wanted.has(requirement.id));
}

function requirementView(draft: StoredDraft, requirement: Requirement): DraftRequirement {
  const pages = draft.pages
    .filter((page) => page.requirementId === requirement.id)
    .map((page) => ({ ...page }));
  const signed = requirement.id in draft.signatures;
  const complete =
    requirement.kind === 'signed-form'
      ? signed
      : pages.length >= requirement.minPages && pages.length <= requirement.maxPages;
  return {
    requirementId: requirement.id,
    kind: requirement.kind,
    title: requirement.title,
    minPages: requirement.minPages,
    maxPages: requirement.maxPages,
    pages,
    signed,
    complete,
  };
}

export function draftView(draft: StoredDraft, type: RequestType): RequestDraft {
  return {
    draftId: draft.draftId,
    requestTypeId: draft.requestTypeId,
    title: type.title,
    supplyNumber: draft.supplyNumber,
    answering: draft.answering,
    values: draft.values,
    requirements: requirementsOf(draft, type).map((requirement) =>
      requirementView(draft, requirement),
    ),
    startedAt: draft.startedAt,
    updatedAt: draft.updatedAt,
  };
}

function requirementMissing(view: DraftRequirement): string[] {
  if (view.complete) return [];
  if (view.kind === 'signed-form') return [`Falta firmar «${view.title}».`];
  if (view.pages.length < view.minPages) {
    const left = view.minPages - view.pages.length;
    return [`Faltan ${left === 1 ? '1 foto' : `${left} fotos`} de «${view.title}».`];
  }
  return [`«${view.title}» admite hasta ${view.maxPages} fotos: borrá las que sobran.`];
}

/** The review step: every step with its values or pages and what is still missing. */
export function reviewOf(draft: StoredDraft, type: RequestType): RequestReview {
  const view = draftView(draft, type);
  const steps = stepsOf(draft, type).map((step) => {
    const number = type.steps.indexOf(step) + 1;
    const values = draft.values[step.id] ?? {};
    const fields = (step.fields ?? []).map((field) => ({
      fieldId: field.id,
      label: field.label,
      value: displayFieldValue(field, values[field.id] as FieldValueOf | undefined),
    }));
    const requirement =
      view.requirements.find((candidate) => candidate.requirementId === step.requirementId) ?? null;
    const missing = [
      ...(step.fields ?? []).flatMap(
        (field) => missingFieldMessage(field, values[field.id] as FieldValueOf | undefined) ?? [],
      ),
      ...(requirement ? requirementMissing(requirement) : []),
    ];
    return {
      stepId: step.id,
      number,
      kind: step.kind,
      title: step.title,
      fields,
      requirement,
      missing,
    };
  });
  return { draft: view, steps, ready: steps.every((step) => step.missing.length === 0) };
}
