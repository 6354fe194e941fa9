import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import {
  AccountProfile,
  DraftPage,
  RequestFieldValues,
  RequestNumber,
  StepValues,
  type DraftRequirement,
  type RequestDraft,
  type RequestReview,
  type RequestType,
  type Requirement,
  type Step,
} from '../contract/index.js';
import {
  answerPageRange,
  displayFieldValue,
  missingFieldMessage,
  pageRange,
  pagesProblem,
  type FieldValueOf,
  type PageRange,
} from '../domain/request-fields.js';

/** A request in progress as the core keeps it (sealed): the contract's view plus what it hides. */
export const StoredDraft = z.object({
  draftId: z.uuid(),
  requestTypeId: z.string(),
  supplyNumber: z.string().nullable(),
  /** The supply's address as the central lists it, for the form, the review and the receipt. */
  supplyAddress: z.string().nullable().optional(),
  answering: z
    .object({
      requestId: z.uuid(),
      number: RequestNumber,
      stepId: z.string(),
      /** What staff wrote when they observed it. */
      message: z.string().nullable().optional(),
      /** The observed `fields` step's values as sent: an answer must change something. */
      sent: StepValues.optional(),
    })
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

/**
 * How many photos a requirement takes in this draft: as the data says (src/domain), and at least
 * one when the draft answers an observation of it (the answer is new photos, never none).
 */
export function draftPageRange(draft: StoredDraft, requirement: Requirement): PageRange {
  const range = pageRange(requirement, draft.values);
  return draft.answering ? answerPageRange(range) : range;
}

function requirementView(draft: StoredDraft, requirement: Requirement): DraftRequirement {
  const pages = draft.pages
    .filter((page) => page.requirementId === requirement.id)
    .map((page) => ({ ...page }));
  const signed = requirement.id in draft.signatures;
  const range = draftPageRange(draft, requirement);
  const problem =
    requirement.kind === 'signed-form' ? null : pagesProblem(requirement, range, pages.length);
  return {
    requirementId: requirement.id,
    kind: requirement.kind,
    title: requirement.title,
    minPages: range.min,
    maxPages: range.max,
    pages,
    signed,
    complete: requirement.kind === 'signed-form' ? signed : problem === null,
    problem,
  };
}

export function draftView(draft: StoredDraft, type: RequestType): RequestDraft {
  return {
    draftId: draft.draftId,
    requestTypeId: draft.requestTypeId,
    title: type.title,
    supplyNumber: draft.supplyNumber,
    supplyAddress: draft.supplyAddress ?? null,
    answering: draft.answering && {
      requestId: draft.answering.requestId,
      number: draft.answering.number,
      stepId: draft.answering.stepId,
      message: draft.answering.message ?? null,
    },
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
  return view.problem ? [view.problem] : [];
}

/** An answer to an observed `fields` step that changes nothing answers nothing. */
function unchangedAnswer(draft: StoredDraft, step: Step): string[] {
  const answering = draft.answering;
  if (answering?.stepId !== step.id || step.kind !== 'fields' || !answering.sent) return [];
  return isDeepStrictEqual(draft.values[step.id] ?? {}, answering.sent)
    ? [`Corregí «${step.title}»: los datos son los mismos que enviaste.`]
    : [];
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
      ...unchangedAnswer(draft, step),
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
