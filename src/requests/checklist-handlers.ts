import { renderRequirementsChecklist } from '../documents/checklist.js';
import type { KioskHandlers } from '../kiosk/dispatch.js';
import { requestTypeOf, type RequestContext } from './context.js';

/**
 * "Imprimir lista" of "¿Qué necesito?": nothing of the customer is on it, so it needs no session;
 * its PDF (when there is no printer) lands in the session's folder all the same, wiped with it.
 */
export function checklistHandlers(
  context: RequestContext,
): Pick<KioskHandlers, 'requirements:print'> {
  return {
    'requirements:print': async ({ requestTypeId }) => {
      const requestType = requestTypeOf(context, requestTypeId);
      const pdf = await renderRequirementsChecklist({
        branding: context.catalog()?.branding ?? { cooperativeName: '', fullName: '' },
        requestType,
        printedAt: context.now(),
        branch: context.branch(),
        resourcesDir: context.resourcesDir,
      });
      return context.printer.print(pdf, {
        kind: 'checklist',
        name: `que-necesito-${requestType.id}`,
        folder: context.session.tempDir(),
      });
    },
  };
}
