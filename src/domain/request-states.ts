import type { RequestState } from '../contract/requests.js';

/** How each state of a request is named to people (mails, history, the back office). */
export const stateLabels: Readonly<Record<RequestState, string>> = {
  enviado: 'Enviado',
  'en-revision': 'En revisión',
  observado: 'Observado',
  aprobado: 'Aprobado',
  rechazado: 'Rechazado',
  finalizado: 'Finalizado',
};
