import { z } from 'zod';
import {
  Activated,
  ActivationRequest,
  ActivationResent,
  EmailOnly,
  PasswordChanged,
  PasswordResetConfirm,
  PasswordResetRequested,
  Registration,
  RegistrationAccepted,
  SessionEnded,
  SignInRequest,
} from './accounts.js';
import { AssistAtKiosk } from './assisted.js';
import { Branding, Catalog } from './catalog.js';
import {
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
  AddedPage,
  AddPage,
  GetRequest,
  MyRequests,
  OutboxStatus,
  PagePreview,
  PageRef,
  PrintForm,
  RequestDraft,
  RequestReview,
  RequestView,
  SaveStep,
  SignForm,
  StartAnswer,
  StartRequest,
  SubmitReceipt,
} from './kiosk-requests.js';
import {
  DeviceReport,
  DiscardItem,
  EnrolThisKiosk,
  KioskEnrolment,
  KioskHealth,
  ConfirmStaffPin,
  KioskModeLeft,
  RetryItem,
  StaffAtKiosk,
  StaffKioskSignIn,
} from './fleet.js';
import type { kioskMethods } from './kiosk-methods.js';

export { kioskMethods } from './kiosk-methods.js';
export * from './kiosk-requests.js';

/**
 * The kiosk API between the renderer and the kiosk core: one entry per method, named
 * `area:verb`. main/ registers every entry on ipcMain, the preload exposes the same keys as
 * window.kiosk, and the web host serves the same table over loopback HTTP.
 */
export const SyncStatus = z.object({
  online: z.boolean(),
  lastSyncAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  /** Spanish, for staff; never shown to customers as a code. */
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/**
 * `sync:status`, which the screens poll anyway: the link's state and the kiosk's enrolment, so a
 * revocation the core learns of brings the setup screen back without polling `fleet:status`.
 */
export const KioskSyncStatus = SyncStatus.extend({
  enrolment: KioskEnrolment.shape.state.optional(),
});
export type KioskSyncStatus = z.infer<typeof KioskSyncStatus>;

export const CatalogView = z.object({
  catalog: Catalog.nullable(),
  syncedAt: z.iso.datetime().nullable(),
});
export type CatalogView = z.infer<typeof CatalogView>;

/** A kiosk IT has not configured yet: it serves no customer, and says what is wrong. */
export const KioskUnconfigured = z.object({
  /** The configuration file the kiosk read (e.g. /etc/ventanilla/kiosco.json). */
  file: z.string(),
  /** What is missing or wrong, for IT, in Spanish. */
  problems: z.array(z.string()).min(1),
});
export type KioskUnconfigured = z.infer<typeof KioskUnconfigured>;

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'web']),
  branding: Branding.nullable(),
  /** Set only when the kiosk cannot start its core: every other method is refused then. */
  unconfigured: KioskUnconfigured.optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/**
 * Who is signed in at the kiosk, as the screens may show it. The central's token never leaves the
 * core.
 */
export const SessionView = z.object({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  /** Assisted mode: the staff member who opened this session at the counter. */
  assistedBy: z.string().optional(),
  /**
   * `session:current` only: seconds since the customer last did something at the kiosk (not
   * counting the screens' own polling), for a page that reloads after a crash to tell whether
   * its customer is still there.
   */
  idleSeconds: z.number().min(0).optional(),
});
export type SessionView = z.infer<typeof SessionView>;

/** "Ir a Facturas y Pagos": the hand-off URL and its QR code for the customer's phone. */
export const HandoffView = PaymentsHandoff.extend({
  /** An SVG image of the QR code of `url`. */
  qrSvg: z.string().startsWith('<svg'),
  /** The cooperative allows opening the payments page inside the kiosk. */
  insideKiosk: z.boolean(),
});
export type HandoffView = z.infer<typeof HandoffView>;

/** The payments page inside the kiosk, as the app's bar above it needs to know. */
export const PaymentsViewState = z.object({
  open: z.boolean(),
  /** Seconds since the last touch on the payments page; null when it is closed. */
  idleSeconds: z.number().min(0).nullable(),
});
export type PaymentsViewState = z.infer<typeof PaymentsViewState>;

/** How a print went: on paper, or (with no printer set) as a PDF kept for the session. */
export const PrintOutcome = z.object({
  outcome: z.enum(['printed', 'pdf']),
  /** The PDF's file name in the session's folder when outcome is `pdf`. */
  fileName: z.string().optional(),
});
export type PrintOutcome = z.infer<typeof PrintOutcome>;

const noInput = z.undefined();

/**
 * One method of the kiosk API. `background`: the screens call it on their own (at start-up, when
 * polling), whoever is at the kiosk, so it is never taken for a customer doing something: it
 * neither keeps a visit alive nor delays an update's install. Every such list derives from it.
 */
export type KioskApiEntry = {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  readonly background?: true;
};

export const kioskApi = {
  'app:info': { input: noInput, output: AppInfo, background: true },
  'catalog:get': { input: noInput, output: CatalogView, background: true },
  'sync:status': { input: noInput, output: KioskSyncStatus, background: true },
  'sync:now': { input: noInput, output: SyncStatus, background: true },
  'account:register': { input: Registration, output: RegistrationAccepted },
  'account:activate': { input: ActivationRequest, output: Activated },
  'account:resendActivation': { input: EmailOnly, output: ActivationResent },
  'session:signIn': { input: SignInRequest, output: SessionView },
  'session:current': { input: noInput, output: SessionView.nullable(), background: true },
  /** Ends the customer's session on the central and wipes everything of it in the core. */
  'session:signOut': { input: noInput, output: SessionEnded },
  'password:requestReset': { input: EmailOnly, output: PasswordResetRequested },
  'password:reset': { input: PasswordResetConfirm, output: PasswordChanged },
  'supplies:link': { input: LinkSupplyRequest, output: Supply },
  'supplies:list': { input: noInput, output: SupplyList },
  /** null when the supply has no invoice yet. */
  'invoice:latest': { input: SupplyParams, output: Invoice.nullable() },
  /** "Consultar factura sin cuenta". */
  'invoice:lookup': { input: InvoiceLookupRequest, output: InvoiceLookup },
  'payments:handoff': { input: noInput, output: HandoffView },
  /**
   * Opens the payments page in the kiosk's restricted view (with its own one-time link), when the
   * cooperative allows it and the host has such a view; `opened: false` otherwise (the web host).
   */
  'payments:open': { input: noInput, output: z.object({ opened: z.boolean() }) },
  /** Whether the payments view is still open, and how long since the customer last touched it. */
  'payments:state': { input: noInput, output: PaymentsViewState, background: true },
  /** "Volver al kiosco": closes the payments view (the end of the session closes it too). */
  'payments:close': { input: noInput, output: z.object({ closed: z.literal(true) }) },
  /** Prints the payment coupon of an invoice the customer saw in this session. */
  'coupon:print': {
    input: z.object({ invoiceNumber: Invoice.shape.number }),
    output: PrintOutcome,
  },
  // Requests ("trámites"): see kiosk-requests.ts for the wizard's flow.
  /** "¿Qué necesito?" → "Imprimir lista": the requirements of a request type, on paper. */
  'requirements:print': {
    input: z.object({ requestTypeId: StartRequest.shape.requestTypeId }),
    output: PrintOutcome,
  },
  /** A new draft for the session (replacing any other); checks the supply when the type needs one. */
  'request:start': { input: StartRequest, output: RequestDraft },
  /** The session's draft, or null: after a reload, or after the kiosk restarted. */
  'request:current': { input: noInput, output: RequestDraft.nullable() },
  /** Keeps one `fields` step's values (partial is fine; review says what is missing). */
  'request:saveStep': { input: SaveStep, output: RequestDraft },
  /** Adds a photo to a requirement; the page carries the blur/darkness verdict. */
  'request:addPage': { input: AddPage, output: AddedPage },
  'request:removePage': { input: PageRef, output: RequestDraft },
  /** The photo of a page as kept, to show it again after a restart. */
  'request:pagePreview': { input: PageRef, output: PagePreview },
  /** Signs a form requirement with the finger signature; any later data change unsigns it. */
  'request:signForm': { input: SignForm, output: RequestDraft },
  /** "Imprimir formulario". */
  'request:printForm': { input: PrintForm, output: PrintOutcome },
  /** Everything for the last step, with what is still missing per step. */
  'request:review': { input: noInput, output: RequestReview },
  /** "Enviar": commits to the outbox, then answers and prints the receipt. */
  'request:submit': { input: noInput, output: SubmitReceipt },
  'request:discard': { input: noInput, output: z.object({ discarded: z.boolean() }) },
  /** "Mis trámites". */
  'requests:mine': { input: noInput, output: MyRequests },
  'request:get': { input: GetRequest, output: RequestView },
  /** Starts a draft that redoes the observed step; submitted with `request:submit`. */
  'request:answerObservation': { input: StartAnswer, output: RequestDraft },
  /** How many deliveries wait in the outbox (the top bar, staff). */
  'outbox:status': { input: noInput, output: OutboxStatus, background: true },
  // The fleet and staff at the kiosk: see fleet.ts.
  /** Whether this kiosk is enrolled on the central (or its credential was revoked). */
  'fleet:status': { input: noInput, output: KioskEnrolment, background: true },
  /** The setup screen: enrols the kiosk once with IT's code; the core keeps the credential. */
  'fleet:enrol': { input: EnrolThisKiosk, output: KioskEnrolment },
  /** The screens report a device's state (the camera); the heartbeat and staff read it. */
  'fleet:reportDevice': { input: DeviceReport, output: z.object({ recorded: z.literal(true) }) },
  /** Staff sign in with their email or badge and PIN; the session ends after 10 minutes idle. */
  'staff:signIn': { input: StaffKioskSignIn, output: StaffAtKiosk },
  'staff:current': { input: noInput, output: StaffAtKiosk.nullable(), background: true },
  /** A touch on a staff screen: the panel's 90 s start again (its countdown shows them). */
  'staff:touch': { input: noInput, output: StaffAtKiosk },
  'staff:signOut': { input: noInput, output: z.object({ ended: z.literal(true) }) },
  /** The staff panel: version, sync, outbox items with their reasons, printer, camera. */
  'staff:health': { input: noInput, output: KioskHealth },
  /** "Sincronizar ahora": the catalogue, and every waiting outbox item tried at once. */
  'staff:syncNow': { input: noInput, output: KioskHealth },
  /** Tries a rejected (or waiting-for-credential) item again; audited on the central. */
  'staff:retryItem': { input: RetryItem, output: KioskHealth },
  /** Drops a rejected (or waiting-for-credential) item with a reason; audited on the central. */
  'staff:discardItem': { input: DiscardItem, output: KioskHealth },
  /** Prints a test page on the kiosk's printer (a PDF when it has none). */
  'staff:testPrint': { input: noInput, output: PrintOutcome },
  /**
   * Assisted mode: the signed-in staff member opens the session of a customer who is present,
   * with their document seen and a reason; audited on the central with every call it makes.
   */
  'staff:assist': { input: AssistAtKiosk, output: SessionView },
  /** "Salir del modo kiosco": the window leaves kiosk and full-screen mode (Electron only). */
  'staff:leaveKioskMode': { input: ConfirmStaffPin, output: KioskModeLeft },
} as const satisfies Record<(typeof kioskMethods)[number], KioskApiEntry>;

export type KioskApiMap = typeof kioskApi;
export type KioskMethod = keyof KioskApiMap;
/** What the renderer sends. */
export type KioskInput<M extends KioskMethod> = z.input<KioskApiMap[M]['input']>;
/** What a handler receives: the input after the contract parsed (and normalized) it. */
export type KioskParsedInput<M extends KioskMethod> = z.output<KioskApiMap[M]['input']>;
export type KioskOutput<M extends KioskMethod> = z.output<KioskApiMap[M]['output']>;

/** The methods marked `background` in the map above. */
export const backgroundMethods: ReadonlySet<KioskMethod> = new Set(
  (Object.keys(kioskApi) as KioskMethod[]).filter(
    (method) => (kioskApi[method] as KioskApiEntry).background === true,
  ),
);

export function isKioskMethod(name: unknown): name is KioskMethod {
  return typeof name === 'string' && Object.hasOwn(kioskApi, name);
}
