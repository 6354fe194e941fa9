import type { z } from 'zod';
import type { RequestType } from '../../src/contract/index.js';

/**
 * Rules a catalogue must follow beyond the shape of each entry, so a kiosk never meets a step
 * that points nowhere or a form that cannot end.
 */
export function checkRequestTypes(requestTypes: RequestType[], ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });

  duplicates(requestTypes.map((t) => t.id)).forEach((id) =>
    issue([], `duplicate request type id "${id}"`),
  );

  requestTypes.forEach((type, index) => {
    const at = (...path: (string | number)[]) => [index, ...path];
    const requirementIds = new Set(type.requirements.map((r) => r.id));
    duplicates(type.requirements.map((r) => r.id)).forEach((id) =>
      issue(at('requirements'), `duplicate requirement id "${id}"`),
    );
    duplicates(type.steps.map((s) => s.id)).forEach((id) =>
      issue(at('steps'), `duplicate step id "${id}"`),
    );
    duplicates(type.steps.flatMap((s) => s.fields ?? []).map((f) => f.id)).forEach((id) =>
      issue(at('steps'), `duplicate field id "${id}"`),
    );

    type.requirements.forEach((requirement, r) => {
      if (requirement.minPages > requirement.maxPages)
        issue(at('requirements', r), 'minPages is greater than maxPages');
      if (!type.steps.some((step) => step.requirementId === requirement.id))
        issue(at('requirements', r), `no step asks for requirement "${requirement.id}"`);
      const per = requirement.pagesPerEntry;
      const source = per && type.steps.find((step) => step.id === per.stepId);
      const field = per && source?.fields?.find((candidate) => candidate.id === per.fieldId);
      if (per && field?.type !== 'members')
        issue(at('requirements', r), `pagesPerEntry names no members field "${per.fieldId}"`);
    });

    type.steps.forEach((step, s) => {
      switch (step.kind) {
        case 'fields':
          if (!step.fields?.length) issue(at('steps', s), 'a fields step needs fields');
          step.fields?.forEach((field, f) => {
            if (field.type === 'select' && !field.options?.length)
              issue(at('steps', s, 'fields', f), 'a select field needs options');
          });
          break;
        case 'requirement':
          if (!step.requirementId || !requirementIds.has(step.requirementId))
            issue(at('steps', s), `unknown requirement "${step.requirementId ?? ''}"`);
          break;
        case 'review':
          if (s !== type.steps.length - 1)
            issue(at('steps', s), 'the review step must be the last one');
          break;
      }
    });
    if (type.steps.at(-1)?.kind !== 'review') issue(at('steps'), 'the last step must be a review');
  });
}

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}
