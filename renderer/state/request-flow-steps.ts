import type { RequestType, Step } from '../../src/contract/catalog.js';
import type { RequestDraft } from '../../src/contract/kiosk-requests.js';
import { missingFieldMessage, type FieldValueOf } from '../../src/domain/request-fields.js';

/**
 * Which steps a draft shows and which of them are done, as the blue circles say. The core's
 * review has the last word on what is missing; this only decides what the circles show.
 */

/** Every step of the type, or only the observed one and the review when answering. */
export function wizardSteps(draft: RequestDraft, type: RequestType): Step[] {
  const answering = draft.answering;
  if (!answering) return type.steps;
  return type.steps.filter((step) => step.id === answering.stepId || step.kind === 'review');
}

/** A step with nothing missing: its required fields filled, or its requirement complete. */
export function stepDone(draft: RequestDraft, step: Step): boolean {
  switch (step.kind) {
    case 'fields': {
      const values = draft.values[step.id] ?? {};
      const fields = step.fields ?? [];
      return (
        draft.values[step.id] !== undefined &&
        fields.every(
          (field) =>
            missingFieldMessage(field, values[field.id] as FieldValueOf | undefined) === null,
        )
      );
    }
    case 'requirement':
      return (
        draft.requirements.find((requirement) => requirement.requirementId === step.requirementId)
          ?.complete ?? false
      );
    case 'review':
      return false;
  }
}

/**
 * Where a resumed draft opens: an answer to an observation on the observed step itself (done or
 * not: the customer came to redo it), any other draft on its first step not done yet, else the
 * review.
 */
export function firstOpenStep(draft: RequestDraft, type: RequestType): Step | undefined {
  const steps = wizardSteps(draft, type);
  const observed = draft.answering && steps.find((step) => step.id === draft.answering?.stepId);
  if (observed) return observed;
  return steps.find((step) => !stepDone(draft, step)) ?? steps.at(-1);
}

/** The step before or after `stepId` among the draft's steps, if any. */
export function neighbourStep(
  draft: RequestDraft,
  type: RequestType,
  stepId: string,
  offset: -1 | 1,
): Step | undefined {
  const steps = wizardSteps(draft, type);
  const index = steps.findIndex((step) => step.id === stepId);
  return index < 0 ? undefined : steps[index + offset];
}
