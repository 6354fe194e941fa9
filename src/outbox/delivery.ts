import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  AnswerObservation,
  SubmitRequest,
  deliveryAuthScheme,
  idempotencyKeyHeader,
  uploadChecksum,
  uploadChecksumHeader,
  uploadOffsetHeader,
  type UploadStatus,
} from '../contract/index.js';
import type { OutboxRow, OutboxStore } from '../store/index.js';
import { CentralError, type CentralClient } from '../sync/central-client.js';
import type { AttachmentFiles } from './attachment-files.js';
import type { SealedBox } from './sealed-box.js';

/** What an outbox item carries, sealed: the central's own request body, ready to send. */
export const OutboxPayload = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('request'), title: z.string(), body: SubmitRequest }),
  z.object({
    kind: z.literal('answer'),
    title: z.string(),
    requestId: z.uuid(),
    body: AnswerObservation,
  }),
]);
export type OutboxPayload = z.infer<typeof OutboxPayload>;

/**
 * The narrow delivery token the central issued for this item, sealed in its row, with the session
 * that got it (the sha-256 of its token, as the central keys sessions): that session's sign-out
 * names the token so it outlives the session for this one delivery.
 */
export const OutboxCredential = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  session: z.string().optional(),
});

export const payloadContext = (key: string) => `outbox-payload:${key}`;
export const credentialContext = (key: string) => `outbox-credential:${key}`;
export const signOutContext = (sessionId: string) => `outbox-sign-out:${sessionId}`;

/** How the central and the kiosk name a session or a token: the sha-256 of its text. */
export const tokenHash = (token: string) =>
  createHash('sha256').update(token, 'utf8').digest('hex');

/** What a delivery token is for: a new request, or the answer to one observed request. */
export type DeliveryPurpose = { purpose: 'request' } | { purpose: 'answer'; requestId: string };

export function purposeOf(payload: OutboxPayload): DeliveryPurpose {
  return payload.kind === 'request'
    ? { purpose: 'request' }
    : { purpose: 'answer', requestId: payload.requestId };
}

/** A token got ahead of its request (when the request started), and the number it reserved. */
export const SpareCredential = OutboxCredential.extend({ requestNumber: z.string().nullable() });
export type SpareCredential = z.infer<typeof SpareCredential>;

/** Asks the central for a delivery token with the customer's session. */
export async function issueCredential(
  client: CentralClient,
  sessionToken: string,
  purpose: DeliveryPurpose,
): Promise<SpareCredential> {
  const granted = await client.call('issueDeliveryToken', { token: sessionToken, body: purpose });
  return {
    token: granted.token,
    expiresAt: granted.expiresAt,
    session: tokenHash(sessionToken),
    requestNumber: granted.requestNumber,
  };
}

/** Keeps a credential, sealed, in the item's row with the number it reserved. */
export function storeCredential(
  deps: Pick<DeliveryDeps, 'store' | 'box'>,
  item: Pick<OutboxRow, 'sequence' | 'idempotencyKey'>,
  { requestNumber, ...credential }: SpareCredential,
): OutboxCredential {
  deps.store.setCredential(
    item.sequence,
    deps.box.sealJson(credential, credentialContext(item.idempotencyKey)),
    requestNumber,
  );
  return credential;
}

/** Nobody can get a delivery token for this item now: its customer's session is gone. */
export class CredentialNeeded extends Error {
  constructor() {
    super('Falta la credencial de entrega: la sesión del cliente terminó antes del envío.');
    this.name = 'CredentialNeeded';
  }
}

export type OutboxCredential = z.infer<typeof OutboxCredential>;

export type DeliveryDeps = {
  store: OutboxStore;
  files: AttachmentFiles;
  box: SealedBox;
  client: CentralClient;
  now: () => Date;
  /** The live session token of the customer with this pseudonym, if they are signed in here. */
  sessionTokenFor: (owner: string) => string | null;
  chunkBytes: number;
  /**
   * Credentials being asked for, by item. "Enviar" and the worker may both need one for the same
   * item at once; a second token would reserve a second number, and the receipt could print the
   * one the request does not keep.
   */
  obtaining: Map<number, Promise<OutboxCredential>>;
};

/** The item's credential as its row holds it now, while it is still good. */
export function liveCredential(
  deps: Pick<DeliveryDeps, 'store' | 'box' | 'now'>,
  sequence: number,
): OutboxCredential | null {
  const row = deps.store.get(sequence);
  if (!row?.credential) return null;
  const credential = OutboxCredential.parse(
    deps.box.openJson(row.credential, credentialContext(row.idempotencyKey)),
  );
  return new Date(credential.expiresAt) > deps.now() ? credential : null;
}

/**
 * Asks the central for this item's delivery token with the customer's session, and keeps it (with
 * the request number the central reserved) sealed in the item's row. One request per item at a
 * time: a caller that finds one in flight shares its answer.
 */
export function obtainCredential(
  deps: DeliveryDeps,
  item: Pick<OutboxRow, 'sequence' | 'idempotencyKey'>,
  payload: OutboxPayload,
  sessionToken: string,
  /** A token got ahead for this session (see spares.ts), used before asking for a new one. */
  spare?: () => Promise<SpareCredential | null>,
): Promise<OutboxCredential> {
  const inFlight = deps.obtaining.get(item.sequence);
  if (inFlight) return inFlight;
  const asking = askForCredential(deps, item, payload, sessionToken, spare).finally(() =>
    deps.obtaining.delete(item.sequence),
  );
  deps.obtaining.set(item.sequence, asking);
  return asking;
}

async function askForCredential(
  deps: DeliveryDeps,
  item: Pick<OutboxRow, 'sequence' | 'idempotencyKey'>,
  payload: OutboxPayload,
  sessionToken: string,
  spare?: () => Promise<SpareCredential | null>,
): Promise<OutboxCredential> {
  const credential =
    (await spare?.()) ?? (await issueCredential(deps.client, sessionToken, purposeOf(payload)));
  return storeCredential(deps, item, credential);
}

/** Delivers one item: credential, each attachment (resumable), then the idempotent submission. */
export async function deliverItem(deps: DeliveryDeps, item: OutboxRow) {
  if (!item.payload) throw new Error(`Outbox item ${item.sequence} has no payload`);
  const payload = OutboxPayload.parse(
    deps.box.openJson(item.payload, payloadContext(item.idempotencyKey)),
  );
  // Read again rather than from `item`: "Enviar" may have stored one since the pass began.
  let credential = deps.obtaining.get(item.sequence) ?? liveCredential(deps, item.sequence);
  if (!credential) {
    const sessionToken = deps.sessionTokenFor(item.owner);
    if (!sessionToken) throw new CredentialNeeded();
    credential = obtainCredential(deps, item, payload, sessionToken);
  }
  const token = { scheme: deliveryAuthScheme, token: (await credential).token };

  for (const attachment of deps.store.attachments(item.sequence)) {
    if (attachment.uploaded) continue;
    const bytes = await deps.files.read(attachment.fileName);
    if (sha256Hex(bytes) !== attachment.sha256) {
      throw new Error(`El adjunto ${attachment.position} del envío ${item.reference} está dañado`);
    }
    await uploadAttachment(deps.client, token, bytes, attachment.sha256, deps.chunkBytes);
    deps.store.markUploaded(item.sequence, attachment.position);
  }

  const headers = { [idempotencyKeyHeader]: item.idempotencyKey };
  const result =
    payload.kind === 'request'
      ? await deps.client.call('submitRequest', { body: payload.body, token, headers })
      : await deps.client.call('answerObservation', {
          params: { requestId: payload.requestId },
          body: payload.body,
          token,
          headers,
        });
  return { requestId: result.id, number: result.number };
}

/**
 * One attachment, in chunks from wherever the central says it has got to (a kiosk that crashed
 * or lost its link mid-file resumes there). A chunk refused for its checksum is sent again; an
 * offset conflict means the central holds more or less than we thought: ask it and go on.
 */
export async function uploadAttachment(
  client: CentralClient,
  token: { scheme: string; token: string },
  bytes: Uint8Array,
  sha256: string,
  chunkBytes: number,
): Promise<UploadStatus> {
  let status = await client.call('createUpload', {
    body: { sha256, size: bytes.byteLength, mediaType: 'application/pdf' },
    token,
  });
  let conflicts = 0;
  while (!status.complete) {
    const offset = status.offset;
    if (offset >= bytes.byteLength) {
      // All bytes are there but the completion was not recorded (the central stopped in between):
      // asking for the status completes it. An empty chunk would be refused as a bad request.
      if (++conflicts > 3) {
        throw new CentralError('contract', 'La central tiene el adjunto entero pero no lo cierra.');
      }
      status = await client.call('uploadStatus', { params: { uploadId: status.uploadId }, token });
      continue;
    }
    const chunk = bytes.subarray(offset, Math.min(bytes.byteLength, offset + chunkBytes));
    try {
      status = await client.call('appendUpload', {
        params: { uploadId: status.uploadId },
        bytes: chunk,
        token,
        headers: {
          [uploadOffsetHeader]: String(offset),
          [uploadChecksumHeader]: uploadChecksum(
            createHash('sha256').update(chunk).digest('base64'),
          ),
        },
      });
    } catch (error) {
      // Bounded: a central that keeps disagreeing is left to the retry policy (409/460 retry).
      if (!isProtocolConflict(error) || ++conflicts > 3) throw error;
      status = await client.call('uploadStatus', { params: { uploadId: status.uploadId }, token });
    }
  }
  return status;
}

function isProtocolConflict(error: unknown): boolean {
  return (
    error instanceof CentralError &&
    (error.status === 460 || (error.status === 409 && error.body?.code === 'offset_mismatch'))
  );
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
