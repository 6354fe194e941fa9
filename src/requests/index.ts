import type { KioskHandlers } from '../kiosk/dispatch.js';
import { checklistHandlers } from './checklist-handlers.js';
import type { RequestContext } from './context.js';
import { draftHandlers } from './draft-handlers.js';
import { submitHandlers } from './submit.js';
import { trackingHandlers } from './tracking-handlers.js';

export type { RequestContext } from './context.js';
export { createActiveCustomer } from './active-customer.js';
export { createDraftRepository } from './draft-repository.js';

type RequestMethods = Extract<
  keyof KioskHandlers,
  `request:${string}` | `requests:${string}` | 'requirements:print' | 'outbox:status'
>;

/** Every kiosk API method of requests ("trámites"). */
export function requestHandlers(context: RequestContext): Pick<KioskHandlers, RequestMethods> {
  return {
    ...draftHandlers(context),
    ...submitHandlers(context),
    ...trackingHandlers(context),
    ...checklistHandlers(context),
  };
}
