import { z } from 'zod';
import { attachmentLimits } from '../domain/attachment-limits.js';
import { RequirementKind, StepKind } from './catalog.js';
import {
  RequestDetail,
  RequestFieldValues,
  RequestNumber,
  RequestSummary,
  StepValues,
} from './requests.js';

/**
 * The kiosk API of requests ("trámites"), as the wizard sees it. A request in progress (the
 * draft) belongs to the signed-in customer's session: the core keeps it encrypted so a crash does
 * not lose it, and wipes it when the session ends. Images travel as base64 so the same shapes
 * work over IPC and over the web host's JSON.
 *
 * The wizard's flow: `request:start` → `request:saveStep` / `request:addPage` /
 * `request:removePage` / `request:signForm` per step (in any order, coming back as often as the
 * customer wants) → `request:review` → `request:submit` (prints the receipt). `request:current`
 * gives the draft back after the screen reloads or the kiosk restarted.
 */

const base64Of = (maxBytes: number) =>
  z.base64().max(Math.ceil(maxBytes / 3) * 4, 'El archivo es demasiado grande.');

/** The verdict of src/domain/photo-quality.ts on a page. */
export const PhotoVerdict = z.object({
  ok: z.boolean(),
  problems: z.array(z.enum(['blurry', 'dark'])),
  /** Spanish sentences asking to retake the photo, one per problem. */
  messages: z.array(z.string()),
});

export const DraftPage = z.object({
  pageId: z.uuid(),
  requirementId: z.string(),
  /** Size of the photo as received. */
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  quality: PhotoVerdict,
});
export type DraftPage = z.infer<typeof DraftPage>;

export const DraftRequirement = z.object({
  requirementId: z.string(),
  kind: RequirementKind,
  title: z.string(),
  minPages: z.number().int(),
  maxPages: z.number().int(),
  /** Photos, in order (none for a signed form: its pages are the filled form). */
  pages: z.array(DraftPage),
  /** For a signed form: the customer signed it since the last change of the data it shows. */
  signed: z.boolean(),
  complete: z.boolean(),
  /** Why the photos are not right yet (too few, too many), in the review's words; null if they are. */
  problem: z.string().nullable(),
});
export type DraftRequirement = z.infer<typeof DraftRequirement>;

export const RequestDraft = z.object({
  draftId: z.uuid(),
  requestTypeId: z.string(),
  title: z.string(),
  supplyNumber: z.string().nullable(),
  /** The address of that supply, to name it on every step, the form, the review and the receipt. */
  supplyAddress: z.string().nullable(),
  /** Set when the draft redoes the observed step of a request already sent. */
  answering: z
    .object({
      requestId: z.uuid(),
      number: RequestNumber,
      stepId: z.string(),
      /** What staff wrote when they observed it, shown on that step. */
      message: z.string().nullable(),
    })
    .nullable(),
  /** By step id, then field id. */
  values: RequestFieldValues,
  requirements: z.array(DraftRequirement),
  startedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type RequestDraft = z.infer<typeof RequestDraft>;

export const StartRequest = z.object({
  requestTypeId: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** The selected supply; required by types that need an active energy supply. */
  supplyNumber: z
    .string()
    .regex(/^\d{1,12}$/)
    .optional(),
});

export const SaveStep = z.object({ stepId: z.string(), values: StepValues });

export const AddPage = z.object({
  requirementId: z.string(),
  /** The JPEG (or PNG) the renderer compressed, base64. */
  imageBase64: base64Of(attachmentLimits.maxPhotoBytes),
});
export const AddedPage = z.object({ page: DraftPage, draft: RequestDraft });

export const PageRef = z.object({ pageId: z.uuid() });
export const PagePreview = z.object({
  mediaType: z.enum(['image/jpeg', 'image/png']),
  imageBase64: z.string(),
});

export const SignForm = z.object({
  requirementId: z.string(),
  /** signature_pad's PNG, base64. */
  signaturePngBase64: base64Of(attachmentLimits.maxSignatureBytes),
});

/** "Imprimir formulario": blank, or filled with the draft's data (to sign on paper). */
export const PrintForm = z.object({ requirementId: z.string(), filled: z.boolean() });

export const ReviewStep = z.object({
  stepId: z.string(),
  /** 1-based, as in the blue circles. */
  number: z.number().int().min(1),
  kind: StepKind,
  title: z.string(),
  /** For a `fields` step: each field's label and value as the customer reads it. */
  fields: z.array(z.object({ fieldId: z.string(), label: z.string(), value: z.string() })),
  /** For a `requirement` step: pages attached and, for a form, whether it is signed. */
  requirement: DraftRequirement.nullable(),
  /** What is still missing in this step (Spanish); empty when the step is complete. */
  missing: z.array(z.string()),
});

export const RequestReview = z.object({
  draft: RequestDraft,
  steps: z.array(ReviewStep),
  /** True when "Enviar" may be pressed. */
  ready: z.boolean(),
});
export type RequestReview = z.infer<typeof RequestReview>;

/**
 * `pendiente-de-envio`: committed at the kiosk, not yet at the central; `enviado`: delivered;
 * `no-enviado`: the central refused it while the kiosk waited (it is not filed; `refusal` says why).
 */
export const DeliveryState = z.enum(['pendiente-de-envio', 'enviado', 'no-enviado']);

export const SubmitReceipt = z.object({
  /** The kiosk's reference (`<kiosk>-<sequence>`), printed on the receipt; always known. */
  reference: z.string(),
  /** The central's number, reserved when the kiosk could reach the central at "Enviar". */
  number: RequestNumber.nullable(),
  state: DeliveryState,
  /** For `no-enviado`: the central's refusal, in its own words. */
  refusal: z.string().nullable(),
  title: z.string(),
  /** The supply the request is about, when it is about one. */
  supply: z.object({ number: z.string(), address: z.string().nullable() }).nullable(),
  submittedAt: z.iso.datetime(),
  attachments: z.array(
    z.object({ requirementId: z.string(), title: z.string(), pages: z.number().int() }),
  ),
  print: z.object({ outcome: z.enum(['printed', 'pdf']), fileName: z.string().optional() }),
});
export type SubmitReceipt = z.infer<typeof SubmitReceipt>;

export const PendingRequest = z.object({
  reference: z.string(),
  number: RequestNumber.nullable(),
  title: z.string(),
  createdAt: z.iso.datetime(),
  /** `rechazado`: the central refused it; staff at the counter can tell why. */
  state: z.enum(['pendiente-de-envio', 'rechazado']),
  /** For `rechazado`: the central's refusal, in its own words. */
  refusal: z.string().nullable(),
});

/** "Mis trámites": the central's list plus what still waits in this kiosk's outbox. */
export const MyRequests = z.object({
  requests: z.array(RequestSummary),
  pending: z.array(PendingRequest),
  /** False when the central could not be reached: `requests` is then empty. */
  online: z.boolean(),
});
export type MyRequests = z.infer<typeof MyRequests>;

export const GetRequest = z.object({
  requestId: z.uuid(),
  /** The magnifier opened it: its notifications count as read. */
  markRead: z.boolean().optional(),
});
export const RequestView = RequestDetail;

/** Starts a draft that redoes the observed step of one of the customer's requests. */
export const StartAnswer = z.object({ requestId: z.uuid() });

export const OutboxStatus = z.object({
  waiting: z.number().int(),
  rejected: z.number().int(),
  /** Waiting for a new delivery credential (the customer's session ended first). */
  needsAuth: z.number().int(),
  oldestWaitingAt: z.iso.datetime().nullable(),
});
export type OutboxStatus = z.infer<typeof OutboxStatus>;
