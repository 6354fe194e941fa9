import { z } from 'zod';
import { Catalog, RequestType } from './catalog.js';
import { ApiError } from './errors.js';
import {
  Activated,
  ActivationRequest,
  ActivationResent,
  AccountProfile,
  EmailOnly,
  PasswordChanged,
  PasswordResetConfirm,
  PasswordResetRequested,
  Registration,
  RegistrationAccepted,
  SessionEnded,
  SessionGranted,
  SignInRequest,
} from './accounts.js';
import {
  HandoffRedeemRequest,
  HandoffRedeemed,
  Invoice,
  InvoiceLookup,
  InvoiceLookupRequest,
  LinkSupplyRequest,
  PaymentsHandoff,
  Supply,
  SupplyList,
  SupplyParams,
} from './supplies.js';

/**
 * Every call from a kiosk names the kiosk (until enrolment gives it a credential): throttling
 * counts per kiosk because a whole branch shares one public address.
 */
export const kioskIdHeader = 'x-kiosk-id';

/**
 * The central HTTP API, declared once: the central registers its routes from these entries and
 * validates requests with them; the kiosk's client validates every response with them.
 */
export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
});
export type Health = z.infer<typeof Health>;

export const centralApi = {
  health: {
    method: 'GET',
    path: '/healthz',
    summary: 'Estado del servicio',
    response: Health,
  },
  catalog: {
    method: 'GET',
    path: '/api/v1/catalog',
    summary: 'Catálogo de trámites, marca y parámetros de la cooperativa (con ETag)',
    response: Catalog,
  },
  requestType: {
    method: 'GET',
    path: '/api/v1/catalog/request-types/:requestTypeId',
    summary:
      'Un tipo de trámite del catálogo, con sus pasos y requisitos (con el ETag del catálogo)',
    params: z.object({ requestTypeId: RequestType.shape.id }),
    response: RequestType,
  },
  register: {
    method: 'POST',
    path: '/api/v1/accounts',
    summary:
      'Registrar una cuenta (misma respuesta si el correo o el documento ya existían; se avisa por correo)',
    status: 202,
    body: Registration,
    response: RegistrationAccepted,
  },
  activate: {
    method: 'POST',
    path: '/api/v1/accounts/activation',
    summary: 'Activar la cuenta con el código de 6 números del correo',
    body: ActivationRequest,
    response: Activated,
  },
  resendActivation: {
    method: 'POST',
    path: '/api/v1/accounts/activation/resend',
    summary: 'Reenviar el correo de activación (con espera entre envíos)',
    status: 202,
    body: EmailOnly,
    response: ActivationResent,
  },
  signIn: {
    method: 'POST',
    path: '/api/v1/sessions',
    summary: 'Iniciar sesión con correo y contraseña',
    status: 201,
    body: SignInRequest,
    response: SessionGranted,
  },
  signOut: {
    method: 'DELETE',
    path: '/api/v1/sessions/current',
    summary: 'Cerrar la sesión en la central',
    auth: 'session',
    response: SessionEnded,
  },
  me: {
    method: 'GET',
    path: '/api/v1/me',
    summary: 'Datos de la cuenta de la sesión',
    auth: 'session',
    response: AccountProfile,
  },
  requestPasswordReset: {
    method: 'POST',
    path: '/api/v1/password-resets',
    summary:
      'Pedir el correo para recuperar la contraseña (misma respuesta si el correo no existe)',
    status: 202,
    body: EmailOnly,
    response: PasswordResetRequested,
  },
  resetPassword: {
    method: 'POST',
    path: '/api/v1/password-resets/confirm',
    summary: 'Elegir una contraseña nueva con el código del correo (cierra todas las sesiones)',
    body: PasswordResetConfirm,
    response: PasswordChanged,
  },
  linkSupply: {
    method: 'POST',
    path: '/api/v1/me/supplies',
    summary:
      'ASOCIAR CUENTA: vincular un suministro (número de suministro o de factura, documento y fecha de nacimiento del titular)',
    auth: 'session',
    status: 201,
    body: LinkSupplyRequest,
    response: Supply,
  },
  listSupplies: {
    method: 'GET',
    path: '/api/v1/me/supplies',
    summary: 'CUENTAS: los suministros vinculados a la cuenta',
    auth: 'session',
    response: SupplyList,
  },
  latestInvoice: {
    method: 'GET',
    path: '/api/v1/me/supplies/:supplyNumber/invoices/latest',
    summary: 'Última factura de un suministro vinculado',
    auth: 'session',
    params: SupplyParams,
    response: Invoice,
  },
  paymentsHandoff: {
    method: 'POST',
    path: '/api/v1/me/payments-handoff',
    summary: 'Ir a Facturas y Pagos sin volver a iniciar sesión (enlace de un solo uso)',
    auth: 'session',
    status: 201,
    response: PaymentsHandoff,
  },
  redeemPaymentsHandoff: {
    method: 'POST',
    path: '/api/v1/payments-handoff/redeem',
    summary: 'Para el sitio de pagos: canjear el enlace de un solo uso por los datos del cliente',
    body: HandoffRedeemRequest,
    response: HandoffRedeemed,
  },
  lookupInvoice: {
    method: 'POST',
    path: '/api/v1/invoices/lookup',
    summary: 'Consultar factura sin cuenta: la última factura con los datos del titular',
    body: InvoiceLookupRequest,
    response: InvoiceLookup,
  },
} as const;

export type CentralRoute = keyof typeof centralApi;

export const CentralErrorBody = ApiError;
export type CentralErrorBody = ApiError;
