import { statSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../testing/use-temp-dir.js';
import { fileKeyProvider } from './device-key.js';
import { createSealedBox } from './sealed-box.js';

const temp = useTempDir();

describe('device key and sealed values', () => {
  it('makes a 256-bit key once, readable only by the kiosk user, and keeps it', () => {
    const key = fileKeyProvider(temp.dir).deviceKey();
    expect(key).toHaveLength(32);
    const file = path.join(temp.dir, 'device.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(fileKeyProvider(temp.dir).deviceKey().equals(key)).toBe(true);
  });

  it('tightens a key file found with loose permissions', () => {
    const file = path.join(temp.dir, 'device.key');
    writeFileSync(file, Buffer.alloc(32, 7));
    chmodSync(file, 0o644);
    fileKeyProvider(temp.dir).deviceKey();
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('seals so that the text is not in the bytes, and opens only in the same context', () => {
    const box = createSealedBox(fileKeyProvider(temp.dir).deviceKey());
    const sealed = box.sealJson({ email: 'planted@example.com' }, 'draft:a');
    expect(sealed.toString('latin1')).not.toContain('planted');
    expect(box.openJson(sealed, 'draft:a')).toEqual({ email: 'planted@example.com' });
    expect(() => box.open(sealed, 'draft:b')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => box.open(tampered, 'draft:a')).toThrow();
    // A fresh nonce each time: the same value never seals to the same bytes.
    expect(box.sealJson(1, 'x').equals(box.sealJson(1, 'x'))).toBe(false);
  });

  it('gives stable pseudonyms that differ between devices', () => {
    const a = createSealedBox(Buffer.alloc(32, 1));
    const b = createSealedBox(Buffer.alloc(32, 2));
    expect(a.pseudonym('ana@example.com')).toBe(a.pseudonym('ana@example.com'));
    expect(a.pseudonym('ana@example.com')).not.toBe(b.pseudonym('ana@example.com'));
  });
});
