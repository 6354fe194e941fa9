import type { Catalog, RequestType } from '../contract/index.js';
import { centralCall } from '../kiosk/central-errors.js';
import { KioskError } from '../kiosk/errors.js';
import type { Printer } from '../kiosk/printer.js';
import type { Outbox } from '../outbox/outbox.js';
import type { CustomerSession } from '../session/customer-session.js';
import type { CentralClient } from '../sync/central-client.js';
import type { ActiveCustomer, ActiveCustomerTracker } from './active-customer.js';
import type { StoredDraft } from './draft.js';
import type { DraftRepository } from './draft-repository.js';

/** What the request handlers work with; the core builds it once. */
export type RequestContext = {
  client: CentralClient;
  session: CustomerSession;
  customers: ActiveCustomerTracker;
  drafts: DraftRepository;
  outbox: Outbox;
  catalog: () => Catalog | null;
  printer: Printer;
  resourcesDir: string;
  /** The branch enrolment gave this kiosk ("Sucursal Centro"), printed on its papers. */
  branch: () => string | undefined;
  now: () => Date;
  /** Where a phone follows a request with this number. */
  trackingUrl: (number: string) => string | null;
  /** How long "Enviar" waits for delivery before printing "Pendiente de envío". */
  submitWaitMs: number;
  log: (message: string, error?: unknown) => void;
};

export const requestErrors = {
  noDraft: () =>
    new KioskError(
      'no_draft',
      'No hay un trámite en curso. Empezá uno desde la pantalla de inicio.',
    ),
  unknownType: () =>
    new KioskError('unknown_request_type', 'Ese trámite no está disponible en este kiosco.'),
  unknownRequirement: () =>
    new KioskError('unknown_requirement', 'Ese requisito no es parte de este trámite.'),
};

export function requestTypeOf(context: RequestContext, id: string): RequestType {
  const type = context.catalog()?.requestTypes.find((candidate) => candidate.id === id);
  if (!type) throw requestErrors.unknownType();
  return type;
}

export type OpenDraft = { customer: ActiveCustomer; draft: StoredDraft; type: RequestType };

/** The signed-in customer's draft with its request type, or the refusal to show. */
export function openDraft(context: RequestContext): OpenDraft {
  const customer = context.customers.require();
  const draft = context.drafts.load(customer.session);
  if (!draft) throw requestErrors.noDraft();
  return { customer, draft, type: requestTypeOf(context, draft.requestTypeId) };
}

/** A call with the customer's session; a refused token ends the session here too. */
export async function asCustomer<T>(
  context: RequestContext,
  customer: ActiveCustomer,
  run: (token: string) => Promise<T>,
): Promise<T> {
  try {
    return await centralCall(() => run(customer.token));
  } catch (error) {
    if (error instanceof KioskError && error.code.startsWith('session_')) context.session.expire();
    throw error;
  }
}

export const nowIso = (context: RequestContext) => context.now().toISOString();
