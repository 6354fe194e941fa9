import {
  chmodSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/**
 * Where the kiosk keeps its device credential. The default is a file only the kiosk's user can
 * read; under Electron, main/ wraps it so the bytes on disk are sealed with safeStorage (the OS
 * keyring) instead.
 */
export type SecretStore = {
  read(): Buffer | null;
  write(secret: Buffer): void;
  remove(): void;
};

/** A 0600 file, replaced atomically so a crash mid-write never leaves half a credential. */
export function fileSecretStore(file: string): SecretStore {
  return {
    read() {
      try {
        // Copied in with loose permissions: tightened rather than left readable.
        if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
        return readFileSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    write(secret) {
      mkdirSync(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, secret, { mode: 0o600, flush: true });
      renameSync(temporary, file);
    },
    remove() {
      rmSync(file, { force: true });
    },
  };
}
