import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const version = 1;
const ivBytes = 12;
const tagBytes = 16;

/**
 * AES-256-GCM with a fresh 96-bit nonce per message: `version | nonce | tag | ciphertext`. The
 * `context` (what the bytes are and whose) is authenticated too, so a sealed value moved to another
 * row or file does not open.
 */
export function createSealedBox(deviceKey: Buffer) {
  if (deviceKey.length !== 32) throw new Error('createSealedBox: the key must be 32 bytes');
  // One key per use, derived from the device key: encryption and pseudonyms never share a key.
  const subkey = (info: string) =>
    Buffer.from(hkdfSync('sha256', deviceKey, Buffer.alloc(0), info, 32));
  const key = subkey('ventanilla/seal/v1');
  const pseudonymKey = subkey('ventanilla/pseudonym/v1');

  function seal(plain: Uint8Array, context: string): Buffer {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.of(version), iv, cipher.getAuthTag(), body]);
  }

  function open(sealed: Uint8Array, context: string): Buffer {
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (bytes[0] !== version || bytes.length < 1 + ivBytes + tagBytes) {
      throw new Error('Sealed value of an unknown format');
    }
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + ivBytes));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(1 + ivBytes, 1 + ivBytes + tagBytes));
    return Buffer.concat([
      decipher.update(bytes.subarray(1 + ivBytes + tagBytes)),
      decipher.final(),
    ]);
  }

  return {
    seal,
    open,
    sealJson: (value: unknown, context: string) =>
      seal(Buffer.from(JSON.stringify(value), 'utf8'), context),
    /** Parse the result with a schema: stored JSON is a boundary like any other. */
    openJson: (sealed: Uint8Array, context: string): unknown =>
      JSON.parse(open(sealed, context).toString('utf8')),
    /**
     * A stable pseudonym of a value (a customer's email) that says nothing without the key, so
     * rows can be matched to a customer without storing who they are.
     */
    pseudonym: (value: string) =>
      createHmac('sha256', pseudonymKey).update(value, 'utf8').digest('hex'),
  };
}

export type SealedBox = ReturnType<typeof createSealedBox>;
