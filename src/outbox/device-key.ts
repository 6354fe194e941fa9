import { randomBytes } from 'node:crypto';
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
 * How the device key is kept: a systemd credential (`LoadCredentialEncrypted=`, sealed by the
 * machine's TPM or host key, never on the data disk in the clear), the desktop's keyring (Electron's
 * safeStorage on a real backend), or a plain file beside the data it seals.
 */
export type KeyProtection = 'systemd-credential' | 'keyring' | 'none';

/** Where the device key comes from, and how well it is kept. */
export type KeyProvider = { deviceKey(): Buffer; protection(): KeyProtection };

/**
 * Seals small secrets with a key the OS keeps: Electron's safeStorage, which main/ provides only
 * on a real backend (never `basic_text`, whose key is a constant in Chromium's source).
 */
export type Keyring = {
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
};

/** The credential's name in the kiosk's unit: `LoadCredentialEncrypted=ventanilla-device-key:…`. */
export const deviceKeyCredential = 'ventanilla-device-key';

const keyBytes = 32;

/**
 * A 256-bit key in `<dataDir>/device.key` (0600), made on first use. It protects what the kiosk
 * keeps of customers at rest (drafts, queued requests) against a copied disk or database file,
 * as far as a file beside them can: see `deviceKeyProvider` for the protected ways.
 */
export function fileKeyProvider(dataDir: string): KeyProvider {
  const file = path.join(dataDir, 'device.key');
  let cached: Buffer | undefined;
  return {
    deviceKey() {
      if (cached) return cached;
      mkdirSync(dataDir, { recursive: true });
      try {
        // 'wx' fails when the file exists: two cores starting at once never overwrite a key.
        writeFileSync(file, randomBytes(keyBytes), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      cached = readKeyFile(file);
      return cached;
    },
    protection: () => 'none',
  };
}

/**
 * The device key, in this order: the systemd credential `ventanilla-device-key` in
 * `$CREDENTIALS_DIRECTORY`; else a key sealed by the keyring in `<dataDir>/device.key.sealed`;
 * else the plain `device.key`. A key found in a weaker place is moved into a stronger one when it
 * can be (the same bytes, so what it sealed still opens); a local key that differs from the
 * credential keeps being used, as data sealed with it would not open otherwise.
 */
export function deviceKeyProvider(options: {
  dataDir: string;
  credentialsDirectory?: string | undefined;
  keyring?: Keyring | undefined;
  log?: (message: string) => void;
}): KeyProvider {
  const plainFile = path.join(options.dataDir, 'device.key');
  const sealedFile = path.join(options.dataDir, 'device.key.sealed');
  let resolved: { key: Buffer; protection: KeyProtection } | undefined;

  function local(): { key: Buffer; protection: KeyProtection } | null {
    const sealed = readOptional(sealedFile);
    if (sealed && options.keyring) {
      const key = Buffer.from(options.keyring.decryptString(sealed), 'hex');
      return { key: checkedKey(key, sealedFile), protection: 'keyring' };
    }
    const plain = readOptional(plainFile) && readKeyFile(plainFile);
    return plain ? { key: plain, protection: 'none' } : null;
  }

  function resolve(): { key: Buffer; protection: KeyProtection } {
    const credential = readCredential(options.credentialsDirectory);
    const found = local();
    if (credential) {
      if (!found || found.key.equals(credential)) {
        rmSync(plainFile, { force: true });
        rmSync(sealedFile, { force: true });
        return { key: credential, protection: 'systemd-credential' };
      }
      options.log?.(
        `La credencial ${deviceKeyCredential} no es la clave de ${options.dataDir}: se sigue usando la del disco, con la que están cifrados los datos.`,
      );
      return found;
    }
    if (!options.keyring)
      return { key: fileKeyProvider(options.dataDir).deviceKey(), protection: 'none' };
    if (found?.protection === 'keyring') return found;
    const key = found?.key ?? randomBytes(keyBytes);
    mkdirSync(options.dataDir, { recursive: true });
    const temporary = `${sealedFile}.${process.pid}.tmp`;
    writeFileSync(temporary, options.keyring.encryptString(key.toString('hex')), {
      mode: 0o600,
      flush: true,
    });
    renameSync(temporary, sealedFile);
    rmSync(plainFile, { force: true });
    return { key, protection: 'keyring' };
  }

  return {
    deviceKey: () => (resolved ??= resolve()).key,
    protection: () => (resolved ??= resolve()).protection,
  };
}

function readCredential(directory: string | undefined): Buffer | null {
  if (!directory) return null;
  const file = path.join(directory, deviceKeyCredential);
  const bytes = readOptional(file);
  if (!bytes) return null;
  // `head -c 32 /dev/urandom` as is, or written as 64 hex digits (`openssl rand -hex 32`).
  const text = bytes.toString('latin1').trim();
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  return checkedKey(bytes, file);
}

function readOptional(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function readKeyFile(file: string): Buffer {
  // A key copied in with loose permissions is tightened rather than trusted as is.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  return checkedKey(readFileSync(file), file);
}

function checkedKey(key: Buffer, where: string): Buffer {
  if (key.length !== keyBytes) throw new Error(`The device key ${where} is not ${keyBytes} bytes`);
  return key;
}
