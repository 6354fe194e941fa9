import { randomInt } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  enrolmentCodeAlphabet,
  enrolmentCodeLength,
  type EnrolKioskRequest,
  type EnrolmentCodeIssued,
  type KioskEnrolled,
} from '../../src/contract/index.js';
import { blockedFor, recordFailure } from '../accounts/counters.js';
import { newOpaqueToken, sha256Hex } from '../accounts/secrets.js';
import type { CentralDb } from '../db/index.js';
import { CentralHttpError } from '../http-errors.js';
import type { FleetContext } from './config.js';
import { fleetMessages } from './messages.js';

/** 12 characters drawn uniformly from the code alphabet, shown as `XXXX-XXXX-XXXX`. */
function newEnrolmentCode(): { code: string; shown: string } {
  let code = '';
  for (let i = 0; i < enrolmentCodeLength; i++) {
    code += enrolmentCodeAlphabet[randomInt(enrolmentCodeAlphabet.length)];
  }
  return { code, shown: code.match(/.{4}/g)!.join('-') };
}

/** A one-time code for one new kiosk of `branch`; only its hash is kept. */
export async function issueEnrolmentCode(
  context: Pick<FleetContext, 'db' | 'now' | 'config'>,
  branch: string,
  createdBy: string | null,
): Promise<z.output<typeof EnrolmentCodeIssued>> {
  const { code, shown } = newEnrolmentCode();
  const at = context.now();
  const expiresAt = new Date(at.getTime() + context.config.enrolmentCodeLifetimeMs).toISOString();
  await context.db
    .insertInto('kiosk_enrolment_codes')
    .values({
      code_hash: sha256Hex(code),
      branch,
      created_at: at.toISOString(),
      expires_at: expiresAt,
      created_by: createdBy,
      used_at: null,
      used_by: null,
    })
    .execute();
  return { code: shown, branch, expiresAt };
}

/**
 * Enrols a kiosk: the code is spent and the kiosk gets a new credential, in one transaction. A
 * kiosk id that holds a live credential is refused (a stolen code must not take over a kiosk that
 * works); a revoked one enrols again. Wrong codes are counted per address, like passwords.
 */
export async function enrolKiosk(
  context: Pick<FleetContext, 'db' | 'now' | 'config'>,
  body: z.output<typeof EnrolKioskRequest>,
  request: FastifyRequest,
): Promise<KioskEnrolled> {
  const { db } = context;
  const now = context.now();
  const throttleKey = `enrol:address:${request.ip}`;
  const wait = await blockedFor(db, [throttleKey], now);
  if (wait > 0) {
    throw new CentralHttpError(429, 'too_many_attempts', fleetMessages.tooManyCodes(wait), {
      retryAfterSeconds: wait,
    });
  }
  const codeHash = sha256Hex(body.code);
  const code = await db
    .selectFrom('kiosk_enrolment_codes')
    .selectAll()
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  if (!code || code.used_at !== null || code.expires_at <= now.toISOString()) {
    await recordFailure(
      db,
      throttleKey,
      {
        windowMs: context.config.pinThrottle.windowMs,
        limit: context.config.enrolmentFailures,
        blockMs: (_over, windowEnd) => windowEnd.getTime() - now.getTime(),
      },
      now,
    );
    // Unknown, spent or expired: one answer, so a code's answer never tells it existed.
    throw codeRefused();
  }

  const credential = newOpaqueToken();
  const enrolledAt = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable('kiosk_enrolment_codes')
      .set({ used_at: enrolledAt, used_by: body.kioskId })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    // Two kiosks racing with one code: the second finds it spent.
    if (Number(spent.numUpdatedRows) !== 1) throw codeRefused();
    await saveKiosk(trx, body.kioskId, {
      branch: code.branch,
      credential_hash: sha256Hex(credential),
      enrolled_at: enrolledAt,
    });
  });
  return { kioskId: body.kioskId, branch: code.branch, credential, enrolledAt };
}

function codeRefused(): CentralHttpError {
  return new CentralHttpError(422, 'enrolment_code_invalid', fleetMessages.codeInvalid, {
    field: 'code',
  });
}

async function saveKiosk(
  trx: CentralDb,
  kioskId: string,
  enrolment: { branch: string; credential_hash: string; enrolled_at: string },
): Promise<void> {
  const existing = await trx
    .selectFrom('kiosks')
    .select('revoked_at')
    .where('id', '=', kioskId)
    .executeTakeFirst();
  if (existing && existing.revoked_at === null) {
    throw new CentralHttpError(409, 'kiosk_already_enrolled', fleetMessages.alreadyEnrolled);
  }
  if (existing) {
    await trx
      .updateTable('kiosks')
      .set({ ...enrolment, revoked_at: null, revoked_by: null, revoke_reason: null })
      .where('id', '=', kioskId)
      .execute();
    return;
  }
  await trx
    .insertInto('kiosks')
    .values({
      id: kioskId,
      ...enrolment,
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
      last_seen_at: null,
      last_heartbeat: null,
    })
    .execute();
}

/** Revokes a kiosk's credential; revoking one already revoked changes nothing. */
export async function revokeKiosk(
  context: Pick<FleetContext, 'db' | 'now'>,
  kioskId: string,
  revocation: { reason: string; by: string | null },
): Promise<void> {
  const found = await context.db
    .selectFrom('kiosks')
    .select('revoked_at')
    .where('id', '=', kioskId)
    .executeTakeFirst();
  if (!found) throw new CentralHttpError(404, 'kiosk_not_found', fleetMessages.kioskNotFound);
  if (found.revoked_at !== null) return;
  await context.db
    .updateTable('kiosks')
    .set({
      revoked_at: context.now().toISOString(),
      revoked_by: revocation.by,
      revoke_reason: revocation.reason,
    })
    .where('id', '=', kioskId)
    .where('revoked_at', 'is', null)
    .execute();
}
