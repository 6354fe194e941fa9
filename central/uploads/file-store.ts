import { constants } from 'node:fs';
import { createReadStream, type ReadStream } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Attachment files under the central's data folder, never in the database. A complete file is
 * content-addressed, `attachments/<first two hex digits>/<sha256>`: the same PDF sent twice (by
 * two customers, or resent) is one file, and a file's name is its own integrity check. Chunks of
 * an upload still in progress go to `uploads/<uploadId>.part`.
 */
export type AttachmentFiles = {
  /** Where the complete file with this hash lives. */
  pathOf(sha256: string): string;
  /** Writes a chunk at its position and flushes it to disk before the offset is advanced. */
  writeChunk(uploadId: string, position: number, bytes: Buffer): Promise<void>;
  /** The bytes received so far (at most `size`), or null when there is no part file. */
  readPart(uploadId: string, size: number): Promise<Buffer | null>;
  /** Moves a verified part file to its content address (or drops it when already there). */
  keep(uploadId: string, sha256: string): Promise<void>;
  discard(uploadId: string): Promise<void>;
  has(sha256: string): Promise<boolean>;
  read(sha256: string): Promise<Buffer>;
  stream(sha256: string): ReadStream;
};

export function attachmentFiles(dataDir: string): AttachmentFiles {
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
    pathOf,
    async writeChunk(uploadId, position, bytes) {
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
    },
    async readPart(uploadId, size) {
      try {
        return (await readFile(partOf(uploadId))).subarray(0, size);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async keep(uploadId, sha256) {
      const target = pathOf(sha256);
      if (await exists(target)) {
        await rm(partOf(uploadId), { force: true });
        return;
      }
      await mkdir(path.dirname(target), { recursive: true });
      await rename(partOf(uploadId), target);
    },
    discard: (uploadId) => rm(partOf(uploadId), { force: true }),
    has: (sha256) => exists(pathOf(sha256)),
    read: (sha256) => readFile(pathOf(sha256)),
    stream: (sha256) => createReadStream(pathOf(sha256)),
  };
}
