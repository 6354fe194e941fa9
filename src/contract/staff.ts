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

export const StaffRequestQuery = z.object({
  state: RequestState.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const RequestCustomer = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  documentType: z.enum(documentTypes),
  documentNumber: z.string(),
});

export const StaffRequestSummary = RequestSummary.omit({ unreadNotifications: true }).extend({
  customer: RequestCustomer,
});
export const StaffRequestPage = z.object({
  requests: z.array(StaffRequestSummary),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type StaffRequestPage = z.infer<typeof StaffRequestPage>;

export const StaffStateChange = StateChange.extend({ staffEmail: z.string().nullable() });
export const StaffRequestDetail = StaffRequestSummary.extend({
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
});
export type MoveRequest = z.infer<typeof MoveRequest>;
