import type { RequestsContext } from '../requests/context.js';

/** What one sweep removed: uploads that expired incomplete, and complete files nobody used. */
export type SweepFigures = {
  expiredUploads: number;
  expiredBytes: number;
  unusedAttachments: number;
  unusedBytes: number;
};

/** How often each instance of the central sweeps. */
export const uploadSweepIntervalMs = 3_600_000;

type SweepContext = Pick<RequestsContext, 'db' | 'now' | 'files' | 'config'>;

/**
 * Removes what uploads left behind:
 * - uploads still incomplete past their expiry, with their chunks;
 * - complete uploads older than the grace period whose file no request references, with the file
 *   when no other upload of it remains. The check and the deletion are one transaction, so a
 *   submission that references the file, or a new upload of it (announced, so it has its row),
 *   either committed before (and the file stays) or finds the upload gone (and is refused, never
 *   silently left without its file). An upload completing now is younger than the grace period.
 */
export async function sweepUploads(context: SweepContext): Promise<SweepFigures> {
  const { db, files } = context;
  const figures: SweepFigures = {
    expiredUploads: 0,
    expiredBytes: 0,
    unusedAttachments: 0,
    unusedBytes: 0,
  };
  if (!files) return figures;
  const now = context.now();
  const expired = await db
    .selectFrom('uploads')
    .select(['id', 'received_bytes'])
    .where('completed_at', 'is', null)
    .where('expires_at', '<=', now.toISOString())
    .execute();
  for (const upload of expired) {
    const gone = await db
      .deleteFrom('uploads')
      .where('id', '=', upload.id)
      .where('completed_at', 'is', null)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) !== 1) continue;
    await files.discard(upload.id);
    figures.expiredUploads++;
    figures.expiredBytes += Number(upload.received_bytes);
  }

  const cutoff = new Date(now.getTime() - context.config.unusedAttachmentGraceMs).toISOString();
  const unused = await db
    .selectFrom('uploads')
    .select(['id', 'sha256', 'size'])
    .where('completed_at', 'is not', null)
    .where('completed_at', '<', cutoff)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('request_attachments')
            .select('request_id')
            .whereRef('request_attachments.sha256', '=', 'uploads.sha256'),
        ),
      ),
    )
    .execute();
  for (const upload of unused) {
    await db.transaction().execute(async (trx) => {
      const referenced = await trx
        .selectFrom('request_attachments')
        .select('request_id')
        .where('sha256', '=', upload.sha256)
        .executeTakeFirst();
      if (referenced) return;
      const gone = await trx
        .deleteFrom('uploads')
        .where('id', '=', upload.id)
        .where('completed_at', '<', cutoff)
        .executeTakeFirst();
      if (Number(gone.numDeletedRows) !== 1) return;
      const other = await trx
        .selectFrom('uploads')
        .select('id')
        .where('sha256', '=', upload.sha256)
        .executeTakeFirst();
      if (other) return;
      await files.remove(upload.sha256, trx);
      figures.unusedAttachments++;
      figures.unusedBytes += Number(upload.size);
    });
  }
  return figures;
}
