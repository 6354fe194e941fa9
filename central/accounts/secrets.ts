import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { activationCodeLength } from '../../src/domain/account.js';

/** 32 random bytes (256 bits), base64url: a session token or a mailed link's token. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A code of 6 digits, uniformly drawn (leading zeros kept). */
export function newNumericCode(): string {
  return String(randomInt(0, 10 ** activationCodeLength)).padStart(activationCodeLength, '0');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
