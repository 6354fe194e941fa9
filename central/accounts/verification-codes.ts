import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { CentralDb } from '../db/index.js';
import type { VerificationCodeTable, VerificationPurpose } from '../db/schema.js';
import type { AccountsConfig } from './config.js';
import { newNumericCode, newOpaqueToken, sameDigest, sha256Hex } from './secrets.js';

/**
 * The 6-digit codes (and their links) mailed to prove a mailbox, for activation and password
 * recovery. Only hashes are stored. A 6-digit code has a million values, so its hash alone
 * would not stop someone who reads the database; it is salted with the row id, and what really
 * protects it is that it lives 30 minutes and dies after 5 wrong tries. The link's token has
 * 256 bits and needs no such limit.
 */
type CodeRow = Selectable<VerificationCodeTable>;

export type IssuedCode = { code: string; linkToken: string; expiresAt: Date };

function codeHash(id: string, code: string): string {
  return sha256Hex(`${id}:${code}`);
}

/**
 * A new code for the account; every older live code of the same purpose stops working. Run it
 * in the transaction that also writes the code's mail (`mailCode`): a code exists only with its
 * mail, and a mail only with its code.
 */
export async function issueCode(
  db: CentralDb,
  accountId: string,
  purpose: VerificationPurpose,
  config: AccountsConfig,
  now: Date,
): Promise<IssuedCode> {
  const id = randomUUID();
  const code = newNumericCode();
  const linkToken = newOpaqueToken();
  const expiresAt = new Date(now.getTime() + config.codeLifetimeMs);
  await db
    .updateTable('verification_codes')
    .set({ revoked_at: now.toISOString() })
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  await db
    .insertInto('verification_codes')
    .values({
      id,
      account_id: accountId,
      purpose,
      code_hash: codeHash(id, code),
      link_token_hash: sha256Hex(linkToken),
      expires_at: expiresAt.toISOString(),
      used_at: null,
      revoked_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return { code, linkToken, expiresAt };
}

/**
 * What a typed code turned out to be. `invalid` covers everything a person without the code
 * could cause (wrong code, unknown email, a code replaced or dead after too many tries), so the
 * answer tells nothing about the account; `expired`, `used` and `exhausted` (dead after too many
 * wrong tries) are told only to whoever typed the right code.
 */
export type CodeCheck =
  | { outcome: 'accepted'; accountId: string }
  | { outcome: 'invalid' | 'expired' | 'used' | 'exhausted' };

/**
 * Checks a typed code against the account's latest code of that purpose and, when it is right
 * and live, uses it up. Run it inside the transaction that applies its effect: a wrong try is
 * counted in the same database either way.
 */
export async function useCode(
  db: CentralDb,
  accountId: string | undefined,
  purpose: VerificationPurpose,
  code: string,
  config: AccountsConfig,
  now: Date,
): Promise<CodeCheck> {
  if (accountId === undefined) return { outcome: 'invalid' };
  const row = await db
    .selectFrom('verification_codes')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { outcome: 'invalid' };
  const right = sameDigest(codeHash(row.id, code), row.code_hash);
  if (row.failed_attempts >= config.codeMaxFailures) {
    // The right code, too late: say it no longer works, so the customer asks for another.
    return { outcome: right && row.used_at === null ? 'exhausted' : 'invalid' };
  }

  const live = row.used_at === null && row.expires_at > now.toISOString();
  if (!right) {
    if (live) {
      // Guarded, so racing wrong tries can never push the count past the limit unnoticed.
      await db
        .updateTable('verification_codes')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('id', '=', row.id)
        .where('failed_attempts', '<', config.codeMaxFailures)
        .execute();
    }
    return { outcome: 'invalid' };
  }
  if (row.used_at !== null) return { outcome: 'used' };
  if (!live) return { outcome: 'expired' };
  return consume(db, row, now);
}

/** Uses up a code found by its link's token: the link is as good as the code. */
export async function useLink(
  db: CentralDb,
  purpose: VerificationPurpose,
  linkToken: string,
  config: AccountsConfig,
  now: Date,
): Promise<CodeCheck> {
  const row = await findLink(db, purpose, linkToken);
  if (!row || row.revoked_at !== null || row.failed_attempts >= config.codeMaxFailures) {
    return { outcome: 'invalid' };
  }
  if (row.used_at !== null) return { outcome: 'used' };
  if (row.expires_at <= now.toISOString()) return { outcome: 'expired' };
  return consume(db, row, now);
}

/** The code of a link, whatever its state (the caller decides what a dead one means). */
export function findLink(
  db: CentralDb,
  purpose: VerificationPurpose,
  linkToken: string,
): Promise<CodeRow | undefined> {
  return db
    .selectFrom('verification_codes')
    .selectAll()
    .where('link_token_hash', '=', sha256Hex(linkToken))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

async function consume(db: CentralDb, row: CodeRow, now: Date): Promise<CodeCheck> {
  const result = await db
    .updateTable('verification_codes')
    .set({ used_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  // Zero rows: another request used it a moment ago. Single use holds under races too.
  if (result.numUpdatedRows === 0n) return { outcome: 'used' };
  return { outcome: 'accepted', accountId: row.account_id };
}
