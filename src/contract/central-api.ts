import { z } from 'zod';
import { Catalog, RequestType } from './catalog.js';
import { ApiError } from './errors.js';
import { AssistCustomer } from './assisted.js';
import { StaffAuditPage, StaffAuditQuery, StaffPinUnlocked, UnlockStaffPin } from './audit.js';
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
  SignOutRequest,
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
import {
  AnswerObservation,
  CreateUploadRequest,
  DeliveryToken,
  DeliveryTokenRequest,
  IdempotencyHeaders,
  MarkNotificationsRead,
  NotificationsRead,
  RequestDetail,
  RequestList,
  RequestParams,
  SubmitRequest,
  UploadChunkHeaders,
  UploadParams,
  UploadStatus,
  uploadChunkMediaType,
} from './requests.js';
import {
  AttachmentParams,
  MoveRequest,
  StaffRequestDetail,
  StaffRequestPage,
  StaffRequestQuery,
  StaffSessionEnded,
  StaffSessionGranted,
  StaffSignInRequest,
  staffRoles,
  type StaffRole,
} from './staff.js';
import {
  CreateEnrolmentCode,
  EnrolKioskRequest,
  EnrolmentCodeIssued,
  FleetKiosk,
  FleetList,
  Heartbeat,
  HeartbeatHistory,
  HeartbeatReceived,
  KioskAuditEntry,
  KioskAuditRecorded,
  KioskEnrolled,
  KioskParams,
  RevokeKiosk,
  SetUpdateChannel,
  StaffKioskSessionGranted,
  StaffKioskSignIn,
} from './fleet.js';

/**
 * Every call from a kiosk names the kiosk: throttling counts per kiosk because a whole branch
 * shares one public address. An enrolled kiosk also sends its credential (`x-kiosk-credential`,
 * fleet.ts), and the id the credential names replaces this header's.
 */
export const kioskIdHeader = 'x-kiosk-id';

/**
 * How an entry authenticates: `session` a customer's bearer token; `delivery` the same or a
 * delivery token (`Authorization: Delivery <token>`, see requests.ts); `staff` a staff member's
 * bearer token (signed in with a password); `kiosk` an enrolled kiosk's credential
 * (`x-kiosk-credential`); `kioskStaff` both: a staff member signed in at that kiosk with a PIN or
 * badge, whose session serves that kiosk's staff panel only. Entries with `rawBody` take that
 * media type as bytes instead of JSON; entries with `produces` answer bytes of that media type
 * instead of JSON.
 */
export type CentralAuth = 'session' | 'delivery' | 'staff' | 'kiosk' | 'kioskStaff';

/**
 * Every entry with `auth: 'staff'` or `'kioskStaff'` declares `roles`: the staff roles (staff.ts)
 * that may call it; the central answers anyone else 403 `forbidden_role` before the handler runs,
 * and audits the refusal. `staffKioskSignIn` (`auth: 'kiosk'`) declares who may open the kiosk's
 * panel with a PIN, checked once the PIN names the member. A new staff entry without `roles` does
 * not compile (`everyStaffEntryDeclaresRoles` below).
 */
export type StaffRoles = readonly StaffRole[];
/** For entries every staff member may call (signing out). */
const anyStaffRole: StaffRoles = staffRoles;

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
    summary:
      'Cerrar la sesión en la central; las credenciales de envío que no se nombran dejan de valer',
    auth: 'session',
    body: SignOutRequest,
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
  createUpload: {
    method: 'POST',
    path: '/api/v1/uploads',
    summary: 'Anunciar un adjunto (PDF) por su sha-256 y tamaño; responde desde dónde seguir',
    auth: 'delivery',
    status: 201,
    body: CreateUploadRequest,
    response: UploadStatus,
  },
  uploadStatus: {
    method: 'GET',
    path: '/api/v1/uploads/:uploadId',
    summary: 'Cuántos bytes tiene la central de un adjunto (también en Upload-Offset; vale HEAD)',
    auth: 'delivery',
    params: UploadParams,
    response: UploadStatus,
  },
  appendUpload: {
    method: 'PATCH',
    path: '/api/v1/uploads/:uploadId',
    summary:
      'Agregar un tramo del adjunto en Upload-Offset, con Upload-Checksum (sha256 en base64)',
    auth: 'delivery',
    rawBody: uploadChunkMediaType,
    params: UploadParams,
    headers: UploadChunkHeaders,
    response: UploadStatus,
  },
  issueDeliveryToken: {
    method: 'POST',
    path: '/api/v1/delivery-tokens',
    summary:
      'Credencial acotada para que el kiosco entregue un trámite aunque la sesión haya terminado',
    auth: 'session',
    status: 201,
    body: DeliveryTokenRequest,
    response: DeliveryToken,
  },
  submitRequest: {
    method: 'POST',
    path: '/api/v1/requests',
    summary: 'Enviar un trámite (con Idempotency-Key); responde su número y estado «enviado»',
    auth: 'delivery',
    status: 201,
    headers: IdempotencyHeaders,
    body: SubmitRequest,
    response: RequestDetail,
  },
  listMyRequests: {
    method: 'GET',
    path: '/api/v1/me/requests',
    summary: 'Mis trámites: estado y notificaciones sin leer',
    auth: 'session',
    response: RequestList,
  },
  getMyRequest: {
    method: 'GET',
    path: '/api/v1/me/requests/:requestId',
    summary: 'Un trámite con su historial y sus notificaciones',
    auth: 'session',
    params: RequestParams,
    response: RequestDetail,
  },
  markNotificationsRead: {
    method: 'POST',
    path: '/api/v1/me/requests/:requestId/notifications/read',
    summary: 'Marcar como leídas las notificaciones de un trámite',
    auth: 'session',
    params: RequestParams,
    body: MarkNotificationsRead,
    response: NotificationsRead,
  },
  answerObservation: {
    method: 'POST',
    path: '/api/v1/me/requests/:requestId/answers',
    summary: 'Responder una observación rehaciendo el paso pedido (con Idempotency-Key)',
    auth: 'delivery',
    status: 201,
    params: RequestParams,
    headers: IdempotencyHeaders,
    body: AnswerObservation,
    response: RequestDetail,
  },
  staffSignIn: {
    method: 'POST',
    path: '/api/v1/staff/sessions',
    summary: 'Personal: iniciar sesión con correo y contraseña',
    status: 201,
    body: StaffSignInRequest,
    response: StaffSessionGranted,
  },
  staffSignOut: {
    method: 'DELETE',
    path: '/api/v1/staff/sessions/current',
    summary: 'Personal: cerrar la sesión',
    auth: 'staff',
    roles: anyStaffRole,
    response: StaffSessionEnded,
  },
  staffListRequests: {
    method: 'GET',
    path: '/api/v1/staff/requests',
    summary: 'Personal: trámites por estado, de a páginas (los más viejos primero)',
    auth: 'staff',
    roles: ['revisor'],
    querystring: StaffRequestQuery,
    response: StaffRequestPage,
  },
  staffGetRequest: {
    method: 'GET',
    path: '/api/v1/staff/requests/:requestId',
    summary: 'Personal: un trámite con el cliente, los adjuntos y el historial',
    auth: 'staff',
    roles: ['revisor'],
    params: RequestParams,
    response: StaffRequestDetail,
  },
  staffDownloadAttachment: {
    method: 'GET',
    path: '/api/v1/staff/requests/:requestId/attachments/:sha256',
    summary: 'Personal: descargar un adjunto (PDF)',
    auth: 'staff',
    roles: ['revisor'],
    produces: 'application/pdf',
    params: AttachmentParams,
    response: z.string().describe('El PDF'),
  },
  staffMoveRequest: {
    method: 'POST',
    path: '/api/v1/staff/requests/:requestId/transitions',
    summary: 'Personal: cambiar el estado de un trámite con un mensaje para el cliente',
    auth: 'staff',
    roles: ['revisor'],
    params: RequestParams,
    body: MoveRequest,
    response: StaffRequestDetail,
  },
  enrolKiosk: {
    method: 'POST',
    path: '/api/v1/kiosks/enrolments',
    summary: 'Kiosco: darse de alta con el código de un solo uso que generó Sistemas',
    status: 201,
    body: EnrolKioskRequest,
    response: KioskEnrolled,
  },
  sendHeartbeat: {
    method: 'POST',
    path: '/api/v1/kiosks/current/heartbeats',
    summary: 'Kiosco: informar su estado (cada minuto)',
    auth: 'kiosk',
    body: Heartbeat,
    response: HeartbeatReceived,
  },
  staffKioskSignIn: {
    method: 'POST',
    path: '/api/v1/staff/kiosk-sessions',
    summary: 'Personal en un kiosco dado de alta: iniciar sesión con correo o credencial y PIN',
    auth: 'kiosk',
    roles: ['mostrador'],
    status: 201,
    body: StaffKioskSignIn,
    response: StaffKioskSessionGranted,
  },
  staffKioskSignOut: {
    method: 'DELETE',
    path: '/api/v1/staff/kiosk-sessions/current',
    summary: 'Personal en el kiosco: cerrar la sesión',
    auth: 'kioskStaff',
    roles: anyStaffRole,
    response: StaffSessionEnded,
  },
  staffKioskAudit: {
    method: 'POST',
    path: '/api/v1/staff/kiosk-audit',
    summary: 'Personal en el kiosco: registrar un reintento o un descarte de la cola de envíos',
    auth: 'kioskStaff',
    roles: ['mostrador'],
    status: 201,
    body: KioskAuditEntry,
    response: KioskAuditRecorded,
  },
  staffKioskAssist: {
    method: 'POST',
    path: '/api/v1/staff/kiosk-assisted-sessions',
    summary:
      'Personal en el kiosco: abrir la sesión de una persona presente, con su documento visto y un motivo (atención asistida)',
    auth: 'kioskStaff',
    roles: ['mostrador'],
    status: 201,
    body: AssistCustomer,
    response: SessionGranted,
  },
  createEnrolmentCode: {
    method: 'POST',
    path: '/api/v1/staff/kiosk-enrolment-codes',
    summary: 'Sistemas: generar un código de alta de kiosco (un solo uso, 24 horas)',
    auth: 'staff',
    roles: ['sistemas'],
    status: 201,
    body: CreateEnrolmentCode,
    response: EnrolmentCodeIssued,
  },
  listKiosks: {
    method: 'GET',
    path: '/api/v1/staff/kiosks',
    summary: 'Sistemas: los kioscos por sucursal, con su último estado',
    auth: 'staff',
    roles: ['sistemas'],
    response: FleetList,
  },
  kioskHeartbeats: {
    method: 'GET',
    path: '/api/v1/staff/kiosks/:kioskId/heartbeats',
    summary: 'Sistemas: los últimos estados que informó un kiosco',
    auth: 'staff',
    roles: ['sistemas'],
    params: KioskParams,
    response: HeartbeatHistory,
  },
  revokeKiosk: {
    method: 'POST',
    path: '/api/v1/staff/kiosks/:kioskId/revocation',
    summary: 'Sistemas: revocar la credencial de un kiosco',
    auth: 'staff',
    roles: ['sistemas'],
    params: KioskParams,
    body: RevokeKiosk,
    response: FleetKiosk,
  },
  setKioskUpdateChannel: {
    method: 'PUT',
    path: '/api/v1/staff/kiosks/:kioskId/update-channel',
    summary: 'Sistemas: elegir el canal de actualizaciones de un kiosco (stable o beta)',
    auth: 'staff',
    roles: ['sistemas'],
    params: KioskParams,
    body: SetUpdateChannel,
    response: FleetKiosk,
  },
  staffAuditLog: {
    method: 'GET',
    path: '/api/v1/staff/audit',
    summary:
      'Auditoría: las acciones del personal, las más nuevas primero, por persona, kiosco, cliente o acción',
    auth: 'staff',
    roles: ['sistemas', 'admin'],
    querystring: StaffAuditQuery,
    response: StaffAuditPage,
  },
  unlockStaffPin: {
    method: 'POST',
    path: '/api/v1/staff/pin-unlocks',
    summary:
      'Sistemas: levantar la espera de una persona del personal por PINs equivocados, en todos los kioscos',
    auth: 'staff',
    roles: ['sistemas'],
    body: UnlockStaffPin,
    response: StaffPinUnlocked,
  },
} as const;

export type CentralRoute = keyof typeof centralApi;

type Entries = typeof centralApi;
/** The staff entries that forgot their `roles`: must be none. */
type StaffEntriesWithoutRoles = {
  [K in CentralRoute]: Entries[K] extends { auth: 'staff' | 'kioskStaff' }
    ? Entries[K] extends { roles: StaffRoles }
      ? never
      : K
    : never;
}[CentralRoute];
export const everyStaffEntryDeclaresRoles: [StaffEntriesWithoutRoles] extends [never]
  ? true
  : StaffEntriesWithoutRoles = true;

export const CentralErrorBody = ApiError;
export type CentralErrorBody = ApiError;
