import type { z } from 'zod';
import type { AssistCustomer, SessionGranted } from '../../src/contract/index.js';
import { findAccountByDocument, toProfile } from '../accounts/account-store.js';
import { sha256Hex } from '../accounts/secrets.js';
import { startSession, type AuthenticatedSession } from '../accounts/sessions.js';
import type { CentralDb } from '../db/index.js';
import type { FleetContext } from '../fleet/config.js';
import { fleetMessages } from '../fleet/messages.js';
import { CentralHttpError } from '../http-errors.js';
import { audit } from './audit.js';
import type { StaffAuth } from './sessions.js';

/**
 * Assisted mode: staff at the counter open the session of a customer who is present and showed
 * their document, with a reason. The session is a customer's session like any other (30 minutes,
 * ended by "Salir"), marked as assisted so that every call made with it is audited with the staff
 * member and the kiosk. Only an activated account can be opened: staff never see a password.
 */
export async function startAssistedSession(
  context: FleetContext,
  body: z.output<typeof AssistCustomer>,
  staff: StaffAuth,
): Promise<z.output<typeof SessionGranted>> {
  const now = context.now();
  const account = await findAccountByDocument(context.db, body.documentType, body.documentNumber);
  if (!account || account.activated_at === null) {
    // Refused attempts are audited too: a run of them at one kiosk is worth a look.
    await audit(
      context.db,
      {
        staffId: staff.member.id,
        kioskId: staff.kioskId,
        action: 'assisted-session-refused',
        accountId: account?.id ?? null,
        detail: {
          reason: body.reason,
          documentType: body.documentType,
          documentNumber: body.documentNumber,
          why: account ? 'not-activated' : 'no-account',
        },
      },
      now,
    );
    throw new CentralHttpError(404, 'assisted_account_not_found', fleetMessages.assistedNoAccount);
  }
  return context.db.transaction().execute(async (trx) => {
    const session = await startSession(
      trx,
      account.id,
      `asistida ${staff.kioskId ?? ''}`.trim(),
      context.config.assistedSessionLifetimeMs,
      now,
    );
    await trx
      .insertInto('assisted_sessions')
      .values({
        token_hash: sha256Hex(session.token),
        staff_id: staff.member.id,
        kiosk_id: staff.kioskId,
        reason: body.reason,
        created_at: now.toISOString(),
      })
      .execute();
    await audit(
      trx,
      {
        staffId: staff.member.id,
        kioskId: staff.kioskId,
        action: 'assisted-session',
        accountId: account.id,
        detail: { reason: body.reason, documentSeen: true },
      },
      now,
    );
    return {
      token: session.token,
      expiresAt: session.expiresAt.toISOString(),
      account: toProfile(account),
    };
  });
}

/**
 * Every call made with an assisted session goes to the audit log: which operation (or, for a
 * supply linked, which supply), by which staff member, at which kiosk, for which customer.
 */
async function auditAssisted(
  db: CentralDb,
  session: AuthenticatedSession,
  action: 'assisted-action' | 'assisted-link-supply',
  detail: Record<string, unknown>,
  now: Date,
): Promise<void> {
  if (!session.assisted) return;
  await audit(
    db,
    {
      staffId: session.assisted.staffId,
      kioskId: session.assisted.kioskId,
      action,
      accountId: session.account.id,
      detail,
    },
    now,
  );
}

export const auditAssistedCall = (
  db: CentralDb,
  session: AuthenticatedSession,
  operation: string,
  now: Date,
) => auditAssisted(db, session, 'assisted-action', { operation }, now);

/** A supply linked in assisted mode: the log says which one (the call alone does not). */
export const auditAssistedLink = (
  db: CentralDb,
  session: AuthenticatedSession,
  supply: { number: string; linked: boolean },
  now: Date,
) =>
  auditAssisted(
    db,
    session,
    'assisted-link-supply',
    { supplyNumber: supply.number, newLink: supply.linked },
    now,
  );
