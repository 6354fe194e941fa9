import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SealedBox } from './sealed-box.js';

const suffix = '.sealed';

/**
 * The outbox's attachments, one sealed file each under `<dataDir>/outbox/`. A file is written
 * and synced before the database row that names it commits; a crash in between leaves a file no
 * row names, which `sweep` removes at the next start.
 */
export function createAttachmentFiles(dir: string, box: SealedBox) {
  const context = (fileName: string) => `outbox-attachment:${fileName}`;
  const fullPath = (fileName: string) => {
    if (!/^[0-9a-f-]{36}\.sealed$/.test(fileName))
      throw new Error(`Bad attachment name ${fileName}`);
    return path.join(dir, fileName);
  };

  function syncedWrite(file: string, bytes: Uint8Array) {
    const fd = openSync(file, 'w', 0o600);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  return {
    dir,
    /** Seals and writes a file durably; returns its name, to be stored in the same transaction. */
    write(bytes: Uint8Array): string {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const fileName = `${randomUUID()}${suffix}`;
      const temporary = path.join(dir, `${fileName}.tmp`);
      syncedWrite(temporary, box.seal(bytes, context(fileName)));
      renameSync(temporary, fullPath(fileName));
      // The rename itself must survive a power cut too.
      const dirFd = openSync(dir, 'r');
      try {
        fsyncSync(dirFd);
      } finally {
        closeSync(dirFd);
      }
      return fileName;
    },
    async read(fileName: string): Promise<Buffer> {
      return box.open(await readFile(fullPath(fileName)), context(fileName));
    },
    remove(fileName: string) {
      rmSync(fullPath(fileName), { force: true });
    },
    /** Removes every file no outbox row names (left by a crash before its commit). */
    sweep(named: ReadonlySet<string>): number {
      let removed = 0;
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return 0;
      }
      for (const entry of entries) {
        if (named.has(entry)) continue;
        rmSync(path.join(dir, entry), { force: true });
        removed++;
      }
      return removed;
    },
  };
}

export type AttachmentFiles = ReturnType<typeof createAttachmentFiles>;
