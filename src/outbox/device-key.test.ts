import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fileSecretStore, protectedSecretStore } from '../fleet/secret-store.js';
import { useTempDir } from '../testing/use-temp-dir.js';
import {
  deviceKeyCredential,
  deviceKeyProvider,
  fileKeyProvider,
  type Keyring,
} from './device-key.js';

/** A keyring as the tests' boundary: reversible, and never the plain text on disk. */
const keyring: Keyring = {
  encryptString: (plain) =>
    Buffer.from(`sellado:${Buffer.from(plain).reverse().toString('base64')}`),
  decryptString: (sealed) =>
    Buffer.from(sealed.toString().replace(/^sellado:/, ''), 'base64')
      .reverse()
      .toString(),
};

describe('the device key', () => {
  const temp = useTempDir('ventanilla-key-');
  const dataDir = () => path.join(temp.dir, 'kiosk');
  const credentials = () => path.join(temp.dir, 'credentials');
  const writeCredential = (bytes: Buffer | string) => {
    mkdirSync(credentials(), { recursive: true });
    writeFileSync(path.join(credentials(), deviceKeyCredential), bytes);
  };

  it('comes from the systemd credential first, raw or in hex, and leaves no copy on the disk', () => {
    const key = randomBytes(32);
    // A kiosk that had a plain key: IT encrypted that same key into the credential.
    mkdirSync(dataDir(), { recursive: true });
    writeFileSync(path.join(dataDir(), 'device.key'), key, { mode: 0o600 });
    writeCredential(key);
    const provider = deviceKeyProvider({
      dataDir: dataDir(),
      credentialsDirectory: credentials(),
      keyring,
    });
    expect(provider.deviceKey().equals(key)).toBe(true);
    expect(provider.protection()).toBe('systemd-credential');
    expect(existsSync(path.join(dataDir(), 'device.key'))).toBe(false);

    writeCredential(`${key.toString('hex')}\n`);
    const hex = deviceKeyProvider({ dataDir: dataDir(), credentialsDirectory: credentials() });
    expect(hex.deviceKey().equals(key)).toBe(true);
  });

  it('keeps using a local key that differs from the credential: what it sealed still opens', () => {
    const local = fileKeyProvider(dataDir()).deviceKey();
    writeCredential(randomBytes(32));
    const log = vi.fn();
    const provider = deviceKeyProvider({
      dataDir: dataDir(),
      credentialsDirectory: credentials(),
      log,
    });
    expect(provider.deviceKey().equals(local)).toBe(true);
    expect(provider.protection()).toBe('none');
    expect(log).toHaveBeenCalledWith(expect.stringContaining(deviceKeyCredential));
  });

  it('refuses a credential that is not a 32-byte key', () => {
    writeCredential('corta');
    const provider = deviceKeyProvider({ dataDir: dataDir(), credentialsDirectory: credentials() });
    expect(() => provider.deviceKey()).toThrow('not 32 bytes');
  });

  it('else is sealed by the keyring, moving a plain key in with the same bytes', () => {
    const plain = fileKeyProvider(dataDir()).deviceKey();
    const provider = deviceKeyProvider({
      dataDir: dataDir(),
      credentialsDirectory: undefined,
      keyring,
    });
    expect(provider.deviceKey().equals(plain)).toBe(true);
    expect(provider.protection()).toBe('keyring');
    expect(existsSync(path.join(dataDir(), 'device.key'))).toBe(false);
    const sealedFile = path.join(dataDir(), 'device.key.sealed');
    expect(readFileSync(sealedFile).includes(plain)).toBe(false);
    expect(readFileSync(sealedFile).includes(Buffer.from(plain.toString('hex')))).toBe(false);
    expect(statSync(sealedFile).mode & 0o777).toBe(0o600);
    // The next start reads it back.
    const again = deviceKeyProvider({ dataDir: dataDir(), keyring });
    expect(again.deviceKey().equals(plain)).toBe(true);
  });

  it('else is a plain 0600 file, and says it is unprotected', () => {
    const provider = deviceKeyProvider({ dataDir: dataDir() });
    const key = provider.deviceKey();
    expect(provider.protection()).toBe('none');
    const file = path.join(dataDir(), 'device.key');
    expect(readFileSync(file).equals(key)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe("the kiosk's credential, kept as well as the device key", () => {
  const temp = useTempDir('ventanilla-secret-');
  const secret = Buffer.from('{"credential":"secreto-del-kiosco"}');
  const file = () => path.join(temp.dir, 'kiosk-credential.json');

  it('is sealed with the device key from a systemd credential; a plain one is sealed when read', () => {
    writeFileSync(file(), secret, { mode: 0o600 });
    mkdirSync(path.join(temp.dir, 'credentials'));
    writeFileSync(path.join(temp.dir, 'credentials', deviceKeyCredential), randomBytes(32));
    const key = deviceKeyProvider({
      dataDir: temp.dir,
      credentialsDirectory: path.join(temp.dir, 'credentials'),
    });
    const store = protectedSecretStore(fileSecretStore(file()), key, keyring);
    expect(store.protection?.()).toBe('systemd-credential');
    expect(store.read()?.equals(secret)).toBe(true);
    expect(readFileSync(file()).includes(Buffer.from('secreto-del-kiosco'))).toBe(false);
    expect(readFileSync(file()).subarray(0, 10).toString()).toBe('deviceKey:');
    expect(store.read()?.equals(secret)).toBe(true);
    // Another machine's key (a copied disk, without the credential) cannot open it.
    const elsewhere = protectedSecretStore(
      fileSecretStore(file()),
      deviceKeyProvider({ dataDir: path.join(temp.dir, 'otro') }),
      undefined,
    );
    expect(() => elsewhere.read()).toThrow();
  });

  it('else with the keyring; else as it is, in its 0600 file', () => {
    const sealed = protectedSecretStore(
      fileSecretStore(file()),
      deviceKeyProvider({ dataDir: temp.dir }),
      keyring,
    );
    sealed.write(secret);
    expect(sealed.protection?.()).toBe('keyring');
    expect(readFileSync(file()).includes(Buffer.from('secreto-del-kiosco'))).toBe(false);
    expect(sealed.read()?.equals(secret)).toBe(true);

    const plainFile = path.join(temp.dir, 'plano.json');
    const plain = protectedSecretStore(
      fileSecretStore(plainFile),
      fileKeyProvider(temp.dir),
      undefined,
    );
    plain.write(secret);
    expect(plain.protection?.()).toBe('none');
    expect(readFileSync(plainFile).equals(secret)).toBe(true);
    expect(statSync(plainFile).mode & 0o777).toBe(0o600);
  });
});
