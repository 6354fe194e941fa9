import { z } from 'zod';
import { documentTypes } from '../domain/document.js';
import {
  RequestFieldValues,
  RequestState,
  RequestSummary,
  Sha256Hex,
  StateChange,
  Attachment,
  RequestParams,
} from './requests.js';

/**
 * The cooperative's staff as the central's staff API sees them: signing in, the queue of
 * requests by state, one request with its customer, files and history, and moving it along
 * (entries `staff*` of `centralApi`, described at the top of requests.ts).
 */
// --- staff -----------------------------------------------------------------------------------

/**
 * What a staff member may do, least privilege; a member may hold several. Each entry of
 * `centralApi` with staff authentication declares the roles that may call it (`roles`), and the
 * central refuses anyone else with 403 `forbidden_role`.
 * - `mostrador`: counter staff: the kiosk's staff panel and assisted mode;
 * - `revisor`: reviews requests and their documents;
 * - `sistemas`: IT: the fleet, enrolment codes, revocation, update channels;
 * - `admin`: staff members and their roles, the billing system's master data.
 */
export const staffRoles = ['mostrador', 'revisor', 'sistemas', 'admin'] as const;
export const StaffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof StaffRole>;

/** How each role is named to people. */
export const staffRoleLabels: Record<StaffRole, string> = {
  mostrador: 'Mostrador',
  revisor: 'Revisión de trámites',
  sistemas: 'Sistemas',
  admin: 'Administración',
};

export const StaffMember = z.object({
  email: z.string(),
  name: z.string(),
  roles: z.array(StaffRole),
});

export const StaffSignInRequest = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});
export const StaffSessionGranted = z.object({
  token: z.string().min(22),
  expiresAt: z.iso.datetime(),
  staff: StaffMember,
});
export const StaffSessionEnded = z.object({ ended: z.literal(true) });

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Una fecha como 2026-03-31.');

export const StaffRequestQuery = z.object({
  state: RequestState.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** A request type's id. */
  type: z.string().max(80).optional(),
  /** The branch of the kiosk it was filed at. */
  branch: z.string().max(120).optional(),
  /** Filed on or after this day, and on or before `to` (Argentina's calendar). */
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  /** A request number (whole or its digits), a document number or part of a name. */
  q: z.string().trim().max(120).optional(),
});
export type StaffRequestQuery = z.input<typeof StaffRequestQuery>;

export const RequestCustomer = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  documentType: z.enum(documentTypes),
  documentNumber: z.string(),
});

export const StaffRequestSummary = RequestSummary.omit({ unreadNotifications: true }).extend({
  customer: RequestCustomer,
  /** The branch of the kiosk it was filed at, when known. */
  branch: z.string().nullable(),
});
export type StaffRequestSummary = z.infer<typeof StaffRequestSummary>;
export const StaffRequestPage = z.object({
  requests: z.array(StaffRequestSummary),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Requests that match, in the state asked for (all states without one). */
  total: z.number().int(),
  /** Requests that match the other filters, by state. */
  counts: z.record(RequestState, z.number().int()),
});
export type StaffRequestPage = z.infer<typeof StaffRequestPage>;

export const StaffStateChange = StateChange.extend({ staffEmail: z.string().nullable() });
export const StaffRequestDetail = StaffRequestSummary.extend({
  /** Who took it ("Tomar"): the last member who moved it into `en-revision`. */
  assignee: z.object({ email: z.string(), name: z.string() }).nullable(),
  fields: RequestFieldValues,
  attachments: z.array(Attachment),
  history: z.array(StaffStateChange),
});
export type StaffRequestDetail = z.infer<typeof StaffRequestDetail>;

export const AttachmentParams = RequestParams.extend({ sha256: Sha256Hex });

export const MoveRequest = z.object({
  to: RequestState,
  /** For the customer, in Spanish: what happened and what to do. */
  message: z.string().trim().min(1).max(2000),
  /** Required for `observado`: a step of the request's type. */
  stepId: z.string().optional(),
  /**
   * The state the member saw: when the request has moved since, the answer is 409
   * `request_moved` (another member acted first) instead of a move made on stale information.
   */
  from: RequestState.optional(),
});
export type MoveRequest = z.infer<typeof MoveRequest>;
