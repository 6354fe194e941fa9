import type { AccountProfile, SessionGranted } from '../contract/index.js';
import { kioskErrors } from '../kiosk/errors.js';
import type { CustomerSession } from '../session/customer-session.js';
import { sessionIdOf, type DraftRepository, type DraftSession } from './draft-repository.js';

export type ActiveCustomer = {
  token: string;
  session: DraftSession;
  profile: AccountProfile;
};

/**
 * Who is signed in, as requests need it: the draft's session key, the customer's pseudonym and
 * their account data for the forms. Follows the customer session through its two hooks.
 */
export function createActiveCustomer(deps: {
  drafts: DraftRepository;
  ownerOf: (email: string) => string;
  /** The same customer is back: their queued items waiting for a credential may go. */
  onReturn: (owner: string) => void;
  /** A session's draft is gone from the database: flush it out of the WAL too. */
  afterWipe: () => void;
}) {
  let active: ActiveCustomer | null = null;
  let session: CustomerSession | null = null;

  return {
    /** For `createCustomerSession({ onStart })`. */
    started(granted: SessionGranted) {
      const draftSession: DraftSession = {
        sessionId: sessionIdOf(granted.token),
        owner: deps.ownerOf(granted.account.email),
        expiresAt: granted.expiresAt,
      };
      active = { token: granted.token, session: draftSession, profile: granted.account };
      deps.drafts.handOver(draftSession);
      deps.onReturn(draftSession.owner);
    },
    /** For `createCustomerSession({ onWipe })`: the draft goes with the session. */
    wiped(token: string) {
      if (active?.token === token) active = null;
      if (deps.drafts.discard(sessionIdOf(token))) deps.afterWipe();
    },
    attach(customerSession: CustomerSession) {
      session = customerSession;
    },
    /** The signed-in customer, or the "sign in again" refusal. */
    require(): ActiveCustomer {
      // token() also notices an expired session, which wipes it (and so `active`).
      const token = session?.token();
      if (!token || !active || active.token !== token) throw kioskErrors.sessionRequired();
      return active;
    },
    /** The live session token of the customer with this pseudonym, if they are here now. */
    tokenFor(owner: string): string | null {
      const token = session?.token();
      return token && active?.token === token && active.session.owner === owner ? token : null;
    },
  };
}

export type ActiveCustomerTracker = ReturnType<typeof createActiveCustomer>;
