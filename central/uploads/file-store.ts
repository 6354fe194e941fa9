import { constants, createReadStream } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { CentralDb, Engine } from '../db/index.js';

/**
 * Where attachments live: the chunks of an upload in progress and complete files,
 * content-addressed by sha-256 (the same PDF sent twice, by two customers or resent, is one
 * file, and a file's address is its own integrity check). Two stores do the same:
 *
 * - `folderFiles`, the embedded SQLite central's: `attachments/<first two hex digits>/<sha256>`
 *   and `uploads/<uploadId>.part` under its data folder;
 * - `databaseFiles`, a central on PostgreSQL's: `upload_chunks` and `attachment_blobs`, so that
 *   any instance behind a load balancer takes the next chunk and serves any file.
 *
 * The database rows of uploads are the uploads module's; a store is handed the statement that
 * moves them (`advance`, `record`) so it can make it one step with its own write.
 */
export type AttachmentFiles = {
  /**
   * Makes a chunk durable at `position`, then runs `advance` (the conditional move of the
   * upload's offset) and answers what it answered. When `advance` answers false (another chunk
   * won the offset) the chunk leaves no trace that matters.
   */
  writeChunk(
    uploadId: string,
    position: number,
    bytes: Buffer,
    advance: (db: CentralDb) => Promise<boolean>,
  ): Promise<boolean>;
  /** The bytes received so far (at most `size`), or null when there are none. */
  readPart(uploadId: string, size: number): Promise<Buffer | null>;
  /**
   * Gives verified bytes their content address (or drops them when already there), drops the
   * chunks, and runs `record` (the upload's completion).
   */
  keep(
    uploadId: string,
    sha256: string,
    bytes: Buffer,
    record: (db: CentralDb) => Promise<void>,
  ): Promise<void>;
  discard(uploadId: string): Promise<void>;
  /** Drops a complete file, inside the transaction `db` that found nothing referencing it. */
  remove(sha256: string, db: CentralDb): Promise<void>;
  has(sha256: string): Promise<boolean>;
  read(sha256: string): Promise<Buffer>;
  /** The file as a stream, to send it. */
  download(sha256: string): Promise<Readable>;
};

/** The store for the engine: the database on PostgreSQL, the data folder on SQLite. */
export function attachmentFiles(engine: Engine, db: CentralDb, dataDir: string): AttachmentFiles {
  return engine === 'postgres' ? databaseFiles(db) : folderFiles(db, dataDir);
}

export function folderFiles(db: CentralDb, dataDir: string): AttachmentFiles {
  const attachmentsDir = path.join(dataDir, 'attachments');
  const partsDir = path.join(dataDir, 'uploads');
  const pathOf = (sha256: string) => path.join(attachmentsDir, sha256.slice(0, 2), sha256);
  const partOf = (uploadId: string) => path.join(partsDir, `${uploadId}.part`);
  const exists = (file: string) =>
    access(file).then(
      () => true,
      () => false,
    );

  return {
    async writeChunk(uploadId, position, bytes, advance) {
      await mkdir(partsDir, { recursive: true });
      // No O_APPEND: a chunk written before a crash, whose offset was never recorded, is simply
      // written over by the chunk sent again for the same position.
      const handle = await open(partOf(uploadId), constants.O_CREAT | constants.O_WRONLY, 0o600);
      try {
        await handle.write(bytes, 0, bytes.length, position);
        await handle.datasync();
      } finally {
        await handle.close();
      }
      // The chunk is synced; the offset that follows needs no sync of its own. Lost in a power
      // cut, it would only make the kiosk send that chunk again (asking HEAD where to resume),
      // and the next synced commit (the upload's completion) makes it durable anyway. So this
      // one commit skips SQLite's fsync: one sync per chunk, not two.
      return db.connection().execute(async (connection) => {
        await sql`pragma synchronous = NORMAL`.execute(connection);
        try {
          return await advance(connection);
        } finally {
          await sql`pragma synchronous = FULL`.execute(connection);
        }
      });
    },
    async readPart(uploadId, size) {
      try {
        return (await readFile(partOf(uploadId))).subarray(0, size);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async keep(uploadId, sha256, _bytes, record) {
      const target = pathOf(sha256);
      if (await exists(target)) {
        await rm(partOf(uploadId), { force: true });
      } else if (await exists(partOf(uploadId))) {
        await mkdir(path.dirname(target), { recursive: true });
        await rename(partOf(uploadId), target);
      }
      await record(db);
    },
    discard: (uploadId) => rm(partOf(uploadId), { force: true }),
    remove: (sha256) => rm(pathOf(sha256), { force: true }),
    has: (sha256) => exists(pathOf(sha256)),
    read: (sha256) => readFile(pathOf(sha256)),
    download: (sha256) => Promise.resolve(createReadStream(pathOf(sha256))),
  };
}

/** Thrown inside a transaction to undo it when another chunk won the offset. */
class OffsetLost extends Error {}

/**
 * PostgreSQL's store. A chunk is a row written in the same transaction as the offset's move:
 * once committed (PostgreSQL has flushed its WAL) both are durable, and a chunk that lost the race
 * is rolled back with it. Files are `bytea` values (at most 15 MB each), so they are backed up,
 * replicated and deleted with the rest of the database.
 */
export function databaseFiles(db: CentralDb): AttachmentFiles {
  const blob = (sha256: string) => db.selectFrom('attachment_blobs').where('sha256', '=', sha256);

  async function read(sha256: string): Promise<Buffer> {
    const row = await blob(sha256).select('bytes').executeTakeFirst();
    if (!row) throw Object.assign(new Error(`no attachment ${sha256}`), { code: 'ENOENT' });
    return row.bytes;
  }

  return {
    async writeChunk(uploadId, position, bytes, advance) {
      try {
        return await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('upload_chunks')
            .values({ upload_id: uploadId, position, bytes })
            .onConflict((conflict) =>
              conflict.columns(['upload_id', 'position']).doUpdateSet({ bytes }),
            )
            .execute();
          if (!(await advance(trx))) throw new OffsetLost();
          return true;
        });
      } catch (error) {
        if (error instanceof OffsetLost) return false;
        throw error;
      }
    },
    async readPart(uploadId, size) {
      const chunks = await db
        .selectFrom('upload_chunks')
        .select(['position', 'bytes'])
        .where('upload_id', '=', uploadId)
        .orderBy('position')
        .execute();
      if (chunks.length === 0) return null;
      // Only the run of chunks that follow each other from 0 is the file received so far.
      const parts: Buffer[] = [];
      let next = 0;
      for (const chunk of chunks) {
        if (Number(chunk.position) !== next) break;
        parts.push(chunk.bytes);
        next += chunk.bytes.length;
      }
      return Buffer.concat(parts).subarray(0, size);
    },
    async keep(uploadId, sha256, bytes, record) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('attachment_blobs')
          .values({ sha256, size: bytes.length, bytes, created_at: new Date().toISOString() })
          .onConflict((conflict) => conflict.column('sha256').doNothing())
          .execute();
        await trx.deleteFrom('upload_chunks').where('upload_id', '=', uploadId).execute();
        await record(trx);
      });
    },
    async discard(uploadId) {
      await db.deleteFrom('upload_chunks').where('upload_id', '=', uploadId).execute();
    },
    async remove(sha256, trx) {
      await trx.deleteFrom('attachment_blobs').where('sha256', '=', sha256).execute();
    },
    async has(sha256) {
      return (await blob(sha256).select('sha256').executeTakeFirst()) !== undefined;
    },
    read,
    download: async (sha256) => Readable.from([await read(sha256)]),
  };
}
