/**
 * Requests ("trámites"), their attachments and the staff who handle them, as both sides see them.
 * The entries of `centralApi` that use these schemas (src/contract/central-api.ts):
 *
 * Attachments travel first, as resumable uploads identified by the file's sha-256 (one PDF per
 * upload; the kiosk turns photos into PDFs):
 * - `createUpload` POST /api/v1/uploads: announce a file ({ sha256, size, mediaType }); answers
 *   its upload and the offset to go on from (an upload of the same file by the same account that
 *   is still open or already complete is answered again, so a kiosk that crashed resumes).
 * - `uploadStatus` GET (or HEAD) /api/v1/uploads/:uploadId: the server's offset, in the body and
 *   in the `Upload-Offset` header: where to resume after a cut.
 * - `appendUpload` PATCH /api/v1/uploads/:uploadId: one chunk as
 *   `application/offset+octet-stream`, with `Upload-Offset` (must equal the server's, else 409
 *   `offset_mismatch` with the server's offset in `Upload-Offset`) and
 *   `Upload-Checksum: sha256 <base64>` (a wrong one answers 460 `checksum_mismatch` and the chunk is
 *   dropped: send it again). The last chunk completes the upload when the whole file's sha-256
 *   matches and it is a readable PDF; otherwise 422 and the upload is discarded (create it again).
 *   409 and 460 belong to the upload protocol: an outbox retries them, it does not reject them.
 *   An account may have at most 10 uploads open and 60 MB announced in open uploads: a new
 *   announcement past either answers 429 `too_many_open_uploads` or `upload_quota_exceeded`
 *   (with `Retry-After`; announcing again an open upload is never refused).
 *
 * A customer's session may end before the kiosk's outbox delivers, so:
 * - `issueDeliveryToken` POST /api/v1/delivery-tokens (session): a narrow token,
 *   `Authorization: Delivery <token>`, good for uploads plus one submission (purpose `request`) or
 *   one answer to an observed request (purpose `answer`), then dead except to replay that same
 *   delivery (same idempotency key). A `request` token also reserves the request's public number,
 *   so a receipt printed while the request waits in the outbox shows the number it will keep.
 *
 * Requests (each mutation carries an `Idempotency-Key` header, a UUID: a replay with the same
 * body answers the original response, another body 422 `idempotency_key_reused`, a replay while
 * the first is still running 409 `idempotency_in_flight`):
 * - `submitRequest` POST /api/v1/requests (session or delivery token): the request, validated
 *   against its type in the catalogue; answers it with its number and state `enviado`.
 * - `listMyRequests` GET /api/v1/me/requests (session): "Mis trámites", with unread counts.
 * - `getMyRequest` GET /api/v1/me/requests/:requestId (session): one request with its history
 *   and notifications.
 * - `markNotificationsRead` POST /api/v1/me/requests/:requestId/notifications/read (session).
 * - `answerObservation` POST /api/v1/me/requests/:requestId/answers (session or an `answer`
 *   delivery token): redo the observed step; the request goes back to `en-revision`.
 *
 * Staff (`Authorization: Bearer <staff token>`; every call is in the audit log; their schemas are
 * in staff.ts):
 * - `staffSignIn` POST /api/v1/staff/sessions, `staffSignOut` DELETE /api/v1/staff/sessions/current.
 * - `staffListRequests` GET /api/v1/staff/requests?state=&page=&pageSize=.
 * - `staffGetRequest` GET /api/v1/staff/requests/:requestId (customer, attachments, history).
 * - `staffDownloadAttachment` GET /api/v1/staff/requests/:requestId/attachments/:sha256 (the PDF).
 * - `staffMoveRequest` POST /api/v1/staff/requests/:requestId/transitions: a new state with its
 *   message for the customer (and the step to redo for `observado`); refused with 409
 *   `invalid_transition` when the state machine does not allow it.
 */
import { z } from 'zod';
import { documentTypes } from '../domain/document.js';
import { Supply } from './supplies.js';

// --- headers and limits shared by the kiosk's client and the central -------------------------

export const idempotencyKeyHeader = 'idempotency-key';
/** Set on an answer that replays a recorded one. */
export const idempotentReplayHeader = 'idempotent-replayed';
export const uploadOffsetHeader = 'upload-offset';
export const uploadChecksumHeader = 'upload-checksum';
export const uploadChunkMediaType = 'application/offset+octet-stream';
/** `Authorization: Delivery <token>` */
export const deliveryAuthScheme = 'Delivery';
/** Status of a chunk whose checksum does not match (as in the tus protocol). */
export const checksumMismatchStatus = 460;

export const attachmentLimits = {
  /** One attachment file (a requirement's PDF). */
  maxFileBytes: 15 * 1024 * 1024,
  /** One PATCH body. */
  maxChunkBytes: 1024 * 1024,
  /** Files per requirement. */
  maxFilesPerRequirement: 10,
} as const;

/** What every attachment starts with: only PDFs are accepted, whatever the file's name. */
export const pdfMagic = '%PDF-';

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha-256 en hexadecimal, minúsculas');
export const IdempotencyKey = z.uuid();

/** `Upload-Checksum: sha256 <base64 of the chunk's digest>` */
export function uploadChecksum(base64Digest: string): string {
  return `sha256 ${base64Digest}`;
}

// --- uploads ---------------------------------------------------------------------------------

export const CreateUploadRequest = z.object({
  sha256: Sha256Hex,
  size: z
    .number()
    .int()
    .min(1)
    // A custom issue: its Spanish message reaches the kiosk as the refusal's reason.
    .refine((size) => size <= attachmentLimits.maxFileBytes, {
      message: `Cada adjunto puede tener hasta ${attachmentLimits.maxFileBytes / (1024 * 1024)} MB.`,
    }),
  mediaType: z.literal('application/pdf'),
});
export type CreateUploadRequest = z.infer<typeof CreateUploadRequest>;

export const UploadStatus = z.object({
  uploadId: z.uuid(),
  sha256: Sha256Hex,
  size: z.number().int(),
  /** Bytes the central holds: the next chunk starts here. */
  offset: z.number().int().min(0),
  complete: z.boolean(),
  /** Pages of the PDF, once complete. */
  pages: z.number().int().min(1).nullable(),
  /** An incomplete upload is forgotten after this. */
  expiresAt: z.iso.datetime(),
});
export type UploadStatus = z.infer<typeof UploadStatus>;

export const UploadParams = z.object({ uploadId: z.uuid() });

export const UploadChunkHeaders = z.object({
  [uploadOffsetHeader]: z.coerce.number().int().min(0),
  [uploadChecksumHeader]: z.string().regex(/^sha256 [A-Za-z0-9+/]{43}=$/),
});

// --- delivery tokens -------------------------------------------------------------------------

export const DeliveryTokenRequest = z.discriminatedUnion('purpose', [
  z.object({ purpose: z.literal('request') }),
  z.object({ purpose: z.literal('answer'), requestId: z.uuid() }),
]);
export type DeliveryTokenRequest = z.infer<typeof DeliveryTokenRequest>;

export const DeliveryToken = z.object({
  token: z.string().min(22),
  expiresAt: z.iso.datetime(),
  /** For purpose `request`: the number the request will have once delivered. */
  requestNumber: z.string().nullable(),
});
export type DeliveryToken = z.infer<typeof DeliveryToken>;

// --- requests --------------------------------------------------------------------------------

/** enviado → en-revision → observado → en-revision … → aprobado | rechazado → finalizado */
export const requestStates = [
  'enviado',
  'en-revision',
  'observado',
  'aprobado',
  'rechazado',
  'finalizado',
] as const;
export const RequestState = z.enum(requestStates);
export type RequestState = z.infer<typeof RequestState>;

/** Moves the state machine allows (staff make them all but observado → en-revision). */
export const requestTransitions: Readonly<Record<RequestState, readonly RequestState[]>> = {
  enviado: ['en-revision'],
  'en-revision': ['observado', 'aprobado', 'rechazado'],
  observado: ['en-revision'],
  aprobado: ['finalizado'],
  rechazado: ['finalizado'],
  finalizado: [],
};

/** e.g. T-2026-000123 */
export const RequestNumber = z.string().regex(/^T-\d{4}-\d{6,}$/);

/** A person of the "Grupo familiar" (a field of type `members`). */
export const FamilyMember = z.object({
  name: z.string().trim().min(1).max(120),
  documentType: z.enum(documentTypes),
  documentNumber: z.string().min(1).max(40),
  /** YYYY-MM-DD */
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  relationship: z.string().trim().min(1).max(60),
});
export type FamilyMember = z.infer<typeof FamilyMember>;

/** A field's value: text for every type but `members`. Checked by the central against the type. */
export const FieldValue = z.union([z.string().max(2000), z.array(FamilyMember).max(20)]);
export type FieldValue = z.infer<typeof FieldValue>;

/** Values of one `fields` step, by field id. */
export const StepValues = z.record(z.string(), FieldValue);
/** By step id, then field id. */
export const RequestFieldValues = z.record(z.string(), StepValues);
export type RequestFieldValues = z.infer<typeof RequestFieldValues>;

/**
 * By requirement id: the sha-256 of each PDF (a complete upload of the same account). The pages
 * of a requirement's files together must be within its minPages..maxPages.
 */
export const RequestAttachments = z.record(
  z.string(),
  z.array(Sha256Hex).min(1).max(attachmentLimits.maxFilesPerRequirement),
);
export type RequestAttachments = z.infer<typeof RequestAttachments>;

export const SubmitRequest = z.object({
  requestTypeId: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** Required for types that need an active energy supply ("Revisión de Pilar"). */
  supplyNumber: Supply.shape.number.optional(),
  fields: RequestFieldValues,
  attachments: RequestAttachments,
});
export type SubmitRequest = z.infer<typeof SubmitRequest>;

export const IdempotencyHeaders = z.object({ [idempotencyKeyHeader]: IdempotencyKey });

export const Attachment = z.object({
  requirementId: z.string(),
  sha256: Sha256Hex,
  size: z.number().int(),
  pages: z.number().int().min(1),
  /** Which answer brought it (0: the submission). */
  round: z.number().int().min(0),
});
export type Attachment = z.infer<typeof Attachment>;

export const StateChange = z.object({
  state: RequestState,
  /** Spanish, for the customer. */
  message: z.string(),
  /** For `observado`: the step to redo. */
  stepId: z.string().nullable(),
  /** Who moved it: `staff`, `customer` (an answer) or `system` (the submission). */
  by: z.enum(['staff', 'customer', 'system']),
  at: z.iso.datetime(),
});
export type StateChange = z.infer<typeof StateChange>;

export const Notification = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  state: RequestState,
  message: z.string(),
  /** The step the notification is about (the magnifier opens it). */
  stepId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const RequestSummary = z.object({
  id: z.uuid(),
  number: RequestNumber,
  requestTypeId: z.string(),
  /** The type's title at submission ("Solicitud Alta Energía"). */
  title: z.string(),
  state: RequestState,
  supplyNumber: z.string().nullable(),
  kioskId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** For `observado`: the step the customer has to redo. */
  pendingStepId: z.string().nullable(),
  unreadNotifications: z.number().int().min(0),
});
export type RequestSummary = z.infer<typeof RequestSummary>;

export const RequestDetail = RequestSummary.extend({
  fields: RequestFieldValues,
  attachments: z.array(Attachment),
  history: z.array(StateChange),
  notifications: z.array(Notification),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

export const RequestList = z.object({ requests: z.array(RequestSummary) });
export const RequestParams = z.object({ requestId: z.uuid() });

export const MarkNotificationsRead = z.object({
  /** Omitted: every notification of the request. */
  notificationIds: z.array(z.uuid()).max(200).optional(),
});
export const NotificationsRead = z.object({ unreadNotifications: z.number().int().min(0) });

/** Redoing the observed step: its fields (a `fields` step) or its files (a `requirement` step). */
export const AnswerObservation = z.object({
  stepId: z.string(),
  fields: StepValues.optional(),
  attachments: z.array(Sha256Hex).min(1).max(attachmentLimits.maxFilesPerRequirement).optional(),
});
export type AnswerObservation = z.infer<typeof AnswerObservation>;
