import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the device key comes from. The default keeps it in a file only the kiosk's user can read;
 * under Electron, main/ can provide one that wraps the same key with safeStorage instead.
 */
export type KeyProvider = { deviceKey(): Buffer };

const keyBytes = 32;

/**
 * A 256-bit key in `<dataDir>/device.key` (0600), made on first use. It protects what the kiosk
 * keeps of customers at rest (drafts, queued requests) against a copied disk or database file.
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
      // A key copied in with loose permissions is tightened rather than trusted as is.
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      const key = readFileSync(file);
      if (key.length !== keyBytes)
        throw new Error(`The device key ${file} is not ${keyBytes} bytes`);
      cached = key;
      return key;
    },
  };
}
