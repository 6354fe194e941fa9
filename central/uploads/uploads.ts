import { createHash, randomUUID, type Hash } from 'node:crypto';
import type { Selectable } from 'kysely';
import {
  checksumMismatchStatus,
  type CreateUploadRequest,
  type UploadStatus,
} from '../../src/contract/index.js';
import { isUniqueViolation } from '../db/index.js';
import type { UploadTable } from '../db/schema.js';
import { CentralHttpError } from '../http-errors.js';
import type { RequestsContext } from '../requests/context.js';
import { uploadMessages } from '../requests/messages.js';
import type { AttachmentFiles } from './file-store.js';
import { countPdfPages, sniff } from './pdf.js';

type UploadRow = Selectable<UploadTable>;

/** A chunk sent for another offset than the central's: the answer carries the central's one. */
export class UploadOffsetMismatch extends CentralHttpError {
  constructor(readonly offset: number) {
    super(409, 'offset_mismatch', uploadMessages.offsetMismatch(offset));
  }
}

export type Chunk = { offset: number; checksum: string; bytes: Buffer };

/**
 * Resumable uploads of attachments. The central's offset is the truth: a chunk is accepted only
 * at it, only when its own checksum matches (a damaged chunk is dropped, nothing is written),
 * and only once the bytes are durable (flushed to disk, or committed with the offset) is the
 * offset advanced. The last chunk completes
 * the upload when the whole file hashes to the announced sha-256 and reads as a PDF; otherwise
 * the upload is discarded. Chunks of one upload are applied one at a time.
 */
export function uploadService(context: RequestsContext) {
  const { db } = context;
  const queues = new Map<string, Promise<unknown>>();
  /**
   * The sha-256 of each upload's bytes so far, kept while this instance receives its chunks in
   * order: the last chunk then needs no second pass over the whole file to check its hash. An
   * upload resumed here after a restart, or whose chunks went partly to another instance, has
   * none and is hashed whole at the end, as before.
   */
  const running = new Map<string, { hash: Hash; upTo: number }>();
  const maxRunning = 1_000;

  function extendRunning(uploadId: string, offset: number, bytes: Buffer): void {
    const entry = running.get(uploadId);
    if (offset === 0) {
      running.delete(uploadId);
      if (running.size >= maxRunning) running.delete(running.keys().next().value!);
      running.set(uploadId, { hash: createHash('sha256').update(bytes), upTo: bytes.length });
    } else if (entry && entry.upTo === offset) {
      entry.hash.update(bytes);
      entry.upTo += bytes.length;
    } else {
      running.delete(uploadId);
    }
  }

  /** The hex sha-256 of the whole file, from the running hash when it covers it. */
  function wholeHash(row: UploadRow, bytes: Buffer): string {
    const entry = running.get(row.id);
    running.delete(row.id);
    if (entry && entry.upTo === row.size) return entry.hash.digest('hex');
    return createHash('sha256').update(bytes).digest('hex');
  }

  function files(): AttachmentFiles {
    if (!context.files)
      throw new CentralHttpError(503, 'attachments_unavailable', uploadMessages.unavailable);
    return context.files;
  }

  async function find(accountId: string, uploadId: string): Promise<UploadRow> {
    const row = await db
      .selectFrom('uploads')
      .selectAll()
      .where('id', '=', uploadId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!row) throw new CentralHttpError(404, 'upload_not_found', uploadMessages.notFound);
    return row;
  }

  async function forget(row: UploadRow): Promise<void> {
    running.delete(row.id);
    await db.deleteFrom('uploads').where('id', '=', row.id).execute();
    await files().discard(row.id);
  }

  const expired = (row: UploadRow) =>
    row.completed_at === null && row.expires_at <= context.now().toISOString();

  async function refuseExpired(row: UploadRow): Promise<void> {
    if (!expired(row)) return;
    await forget(row);
    throw new CentralHttpError(410, 'upload_expired', uploadMessages.expired);
  }

  /** Refuses and forgets the upload: its file can never become what was announced. */
  async function discardWith(row: UploadRow, error: CentralHttpError): Promise<never> {
    await forget(row);
    throw error;
  }

  /**
   * Checks the whole file and gives it its content address. Also run when an upload has all its
   * bytes but no completion recorded (the central stopped in between): then the file may
   * already be at its address.
   */
  async function complete(row: UploadRow): Promise<UploadRow> {
    const store = files();
    const bytes =
      (await store.readPart(row.id, row.size)) ??
      ((await store.has(row.sha256)) ? await store.read(row.sha256) : null);
    if (!bytes || bytes.length !== row.size) {
      return discardWith(
        row,
        new CentralHttpError(422, 'hash_mismatch', uploadMessages.hashMismatch),
      );
    }
    if (wholeHash(row, bytes) !== row.sha256) {
      return discardWith(
        row,
        new CentralHttpError(422, 'hash_mismatch', uploadMessages.hashMismatch),
      );
    }
    const pages = await countPdfPages(bytes);
    if (pages === null) {
      return discardWith(
        row,
        new CentralHttpError(422, 'invalid_pdf', uploadMessages.unreadablePdf),
      );
    }
    const completedAt = context.now().toISOString();
    await store.keep(row.id, row.sha256, bytes, async (trx) => {
      await trx
        .updateTable('uploads')
        .set({ pages, completed_at: completedAt })
        .where('id', '=', row.id)
        .execute();
    });
    return { ...row, pages, completed_at: completedAt };
  }

  /**
   * An upload with all its bytes but no completion recorded (the central stopped between the last
   * chunk and its check) completes now. Left as it was, a kiosk resuming it would be told to send
   * from its end, with nothing left to send.
   */
  const finishIfWhole = (row: UploadRow): Promise<UploadRow> =>
    row.completed_at === null && row.received_bytes === row.size
      ? complete(row)
      : Promise.resolve(row);

  async function applyChunk(accountId: string, uploadId: string, chunk: Chunk): Promise<UploadRow> {
    const row = await find(accountId, uploadId);
    await refuseExpired(row);
    if (chunk.offset !== row.received_bytes) throw new UploadOffsetMismatch(row.received_bytes);
    if (chunk.bytes.length === 0)
      throw new CentralHttpError(400, 'empty_chunk', uploadMessages.emptyChunk);
    if (row.received_bytes + chunk.bytes.length > row.size) {
      throw new CentralHttpError(413, 'longer_than_announced', uploadMessages.longerThanAnnounced);
    }
    const digest = createHash('sha256').update(chunk.bytes).digest('base64');
    if (chunk.checksum !== `sha256 ${digest}`) {
      throw new CentralHttpError(
        checksumMismatchStatus,
        'checksum_mismatch',
        uploadMessages.checksumMismatch,
      );
    }
    if (row.received_bytes === 0) {
      const kind = sniff(chunk.bytes);
      if (kind !== 'pdf') {
        return discardWith(
          row,
          new CentralHttpError(
            415,
            'not_a_pdf',
            uploadMessages.notPdf(uploadMessages.sniffed[kind]),
          ),
        );
      }
    }
    const received = row.received_bytes + chunk.bytes.length;
    // Conditional on the offset read above: another instance's chunk at the same offset loses.
    const moved = await files().writeChunk(row.id, row.received_bytes, chunk.bytes, async (trx) => {
      const update = await trx
        .updateTable('uploads')
        .set({ received_bytes: received })
        .where('id', '=', row.id)
        .where('received_bytes', '=', row.received_bytes)
        .executeTakeFirst();
      return Number(update.numUpdatedRows) === 1;
    });
    if (!moved) {
      throw new UploadOffsetMismatch((await find(accountId, uploadId)).received_bytes);
    }
    extendRunning(row.id, row.received_bytes, chunk.bytes);
    const advanced = { ...row, received_bytes: received };
    return received === row.size ? complete(advanced) : advanced;
  }

  /**
   * An account's open uploads are bounded in number and in announced bytes: past either, a new
   * announcement is refused with 429 (the kiosk's outbox retries it later, once others finish or
   * expire). Resuming an upload already announced is never refused.
   */
  async function refuseBeyondQuota(accountId: string, size: number): Promise<void> {
    const open = await db
      .selectFrom('uploads')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('size').as('bytes')])
      .where('account_id', '=', accountId)
      .where('completed_at', 'is', null)
      .where('expires_at', '>', context.now().toISOString())
      .executeTakeFirstOrThrow();
    const { maxOpenUploads, maxBytesInProgress } = context.config;
    const retry = { retryAfterSeconds: 60 };
    if (Number(open.count) >= maxOpenUploads) {
      throw new CentralHttpError(
        429,
        'too_many_open_uploads',
        uploadMessages.tooManyOpen(maxOpenUploads),
        retry,
      );
    }
    if (Number(open.bytes ?? 0) + size > maxBytesInProgress) {
      throw new CentralHttpError(
        429,
        'upload_quota_exceeded',
        uploadMessages.tooManyBytes(maxBytesInProgress),
        retry,
      );
    }
  }

  function toStatus(row: UploadRow): UploadStatus {
    return {
      uploadId: row.id,
      sha256: row.sha256,
      size: row.size,
      offset: row.received_bytes,
      complete: row.completed_at !== null,
      pages: row.pages,
      expiresAt: row.expires_at,
    };
  }

  return {
    /** Announces a file; the same file announced again by the same account resumes its upload. */
    async create(
      accountId: string,
      request: CreateUploadRequest,
    ): Promise<{ upload: UploadStatus; created: boolean }> {
      files();
      for (;;) {
        const existing = await db
          .selectFrom('uploads')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('sha256', '=', request.sha256)
          .executeTakeFirst();
        if (existing && expired(existing)) await forget(existing);
        else if (existing && existing.size !== request.size) {
          throw new CentralHttpError(422, 'upload_size_conflict', uploadMessages.sizeConflict);
        } else if (existing) {
          const resumed = await finishIfWhole(existing).catch((error: unknown) => {
            // Its bytes cannot become the announced file: it is forgotten, so start afresh.
            if (error instanceof CentralHttpError && error.statusCode === 422) return null;
            throw error;
          });
          if (resumed) return { upload: toStatus(resumed), created: false };
          continue;
        }

        await refuseBeyondQuota(accountId, request.size);
        const now = context.now();
        const row: UploadRow = {
          id: randomUUID(),
          account_id: accountId,
          sha256: request.sha256,
          size: request.size,
          received_bytes: 0,
          pages: null,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + context.config.uploadLifetimeMs).toISOString(),
          completed_at: null,
        };
        try {
          await db.insertInto('uploads').values(row).execute();
          return { upload: toStatus(row), created: true };
        } catch (error) {
          // The same file announced twice at once: the other announcement's upload is this one.
          if (!isUniqueViolation(error)) throw error;
        }
      }
    },

    async status(accountId: string, uploadId: string): Promise<UploadStatus> {
      const row = await find(accountId, uploadId);
      await refuseExpired(row);
      return toStatus(await finishIfWhole(row));
    },

    append(accountId: string, uploadId: string, chunk: Chunk): Promise<UploadStatus> {
      const previous = queues.get(uploadId) ?? Promise.resolve();
      const run = previous.catch(() => {}).then(() => applyChunk(accountId, uploadId, chunk));
      queues.set(uploadId, run);
      void run
        .finally(() => {
          if (queues.get(uploadId) === run) queues.delete(uploadId);
        })
        .catch(() => {});
      return run.then(toStatus);
    },
  };
}

export type UploadService = ReturnType<typeof uploadService>;
