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
import type { KeyProtection, KeyProvider, Keyring } from '../outbox/device-key.js';
import { createSealedBox } from '../outbox/sealed-box.js';

/**
 * Where the kiosk keeps its device credential. The default is a file only the kiosk's user can
 * read; under Electron, main/ wraps it so the bytes on disk are sealed with safeStorage (the OS
 * keyring) instead.
 */
export type SecretStore = {
  read(): Buffer | null;
  write(secret: Buffer): void;
  remove(): void;
  /** How the bytes on disk are kept (default `none`: as they are, in a 0600 file). */
  protection?: () => KeyProtection;
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

/** Marks how a stored secret was sealed, so one written another way (or before) still reads. */
const deviceKeyPrefix = Buffer.from('deviceKey:');
const keyringPrefix = Buffer.from('safeStorage:');
const context = 'ventanilla/kiosk-credential';

function strip(bytes: Buffer, prefix: Buffer): Buffer | null {
  return bytes.subarray(0, prefix.length).equals(prefix) ? bytes.subarray(prefix.length) : null;
}

/**
 * The kiosk's credential, kept as well as the device key is: sealed with the device key when that
 * comes from a systemd credential (so a copied disk holds nothing usable), else with the keyring,
 * else as it is. A secret kept a weaker way is sealed again the better way when read.
 */
export function protectedSecretStore(
  inner: SecretStore,
  key: KeyProvider,
  keyring: Keyring | undefined,
): SecretStore {
  const protection = (): KeyProtection =>
    key.protection() === 'systemd-credential' ? 'systemd-credential' : keyring ? 'keyring' : 'none';
  const seal = (secret: Buffer): Buffer => {
    const how = protection();
    if (how === 'systemd-credential') {
      return Buffer.concat([
        deviceKeyPrefix,
        createSealedBox(key.deviceKey()).seal(secret, context),
      ]);
    }
    if (how === 'keyring' && keyring) {
      return Buffer.concat([keyringPrefix, keyring.encryptString(secret.toString('utf8'))]);
    }
    return secret;
  };
  const store: SecretStore = {
    read() {
      const bytes = inner.read();
      if (!bytes) return null;
      const byKey = strip(bytes, deviceKeyPrefix);
      if (byKey) return createSealedBox(key.deviceKey()).open(byKey, context);
      const byKeyring = strip(bytes, keyringPrefix);
      if (byKeyring) {
        if (!keyring)
          throw new Error('The kiosk credential is sealed by a keyring this session lacks');
        const secret = Buffer.from(keyring.decryptString(byKeyring), 'utf8');
        if (protection() === 'systemd-credential') store.write(secret);
        return secret;
      }
      if (protection() !== 'none') store.write(bytes);
      return bytes;
    },
    write: (secret) => inner.write(seal(secret)),
    remove: () => inner.remove(),
    protection,
  };
  return store;
}
