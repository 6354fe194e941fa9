import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Invoice, SessionGranted, SessionView, Supply } from '../contract/index.js';

type Signed = { token: string; expiresAt: Date; view: SessionView };

/**
 * The signed-in customer, held in memory only: the central's token never reaches the renderer or
 * the disk, and ending the session drops it with every temporary file of the customer.
 */
export function createCustomerSession(deps: {
  /** Parent folder for the customer's temporary files (camera frames, filled forms). */
  tempRoot: string;
  now: () => Date;
  /** Ends the session on the central; its failure never stops the local wipe. */
  endOnCentral: (token: string) => Promise<void>;
  /** Told of each sign-in, so what the core keeps per session (a request draft) can follow. */
  onStart?: (granted: SessionGranted) => void;
  /** Told when a session is wiped (sign-out, expiry, refusal, a new sign-in), with its token. */
  onWipe?: (token: string) => void;
}) {
  let signed: Signed | null = null;
  /** When the customer last did something through the kiosk API. */
  let lastActivity = 0;
  /** Invoices shown in this session, by number: what the customer may print a coupon of. */
  const invoicesSeen = new Map<string, { supply: Supply; invoice: Invoice }>();
  const tempDir = path.join(deps.tempRoot, 'session');

  function wipeLocal() {
    const ended = signed?.token;
    signed = null;
    invoicesSeen.clear();
    rmSync(tempDir, { recursive: true, force: true });
    if (ended) deps.onWipe?.(ended);
  }

  function active(): Signed | null {
    if (signed && signed.expiresAt <= deps.now()) wipeLocal();
    return signed;
  }

  return {
    /** `assistedBy`: the staff member who opened it at the counter (assisted mode). */
    start(granted: SessionGranted, assistedBy?: string): SessionView {
      wipeLocal();
      const { firstName, lastName, email } = granted.account;
      lastActivity = deps.now().getTime();
      signed = {
        token: granted.token,
        expiresAt: new Date(granted.expiresAt),
        view: { firstName, lastName, email, ...(assistedBy && { assistedBy }) },
      };
      deps.onStart?.(granted);
      return signed.view;
    },
    current(): SessionView | null {
      return active()?.view ?? null;
    },
    /** A customer's call (not the screens' polling): the customer is still at the kiosk. */
    touch(): void {
      lastActivity = deps.now().getTime();
    },
    /** Seconds since the customer last did something (see `touch`). */
    idleSeconds(): number {
      return Math.max(0, (deps.now().getTime() - lastActivity) / 1000);
    },
    /** The token for a call on the customer's behalf, or null when nobody is signed in. */
    token(): string | null {
      return active()?.token ?? null;
    },
    /** A folder for this customer's temporary files, removed when the session ends. */
    tempDir(): string {
      mkdirSync(tempDir, { recursive: true, mode: 0o700 });
      return tempDir;
    },
    rememberInvoice(supply: Supply, invoice: Invoice) {
      invoicesSeen.set(invoice.number, { supply, invoice });
    },
    invoiceSeen(number: string) {
      return invoicesSeen.get(number) ?? null;
    },
    /** Ends the session on the central (best effort) and forgets everything of the customer. */
    async end(): Promise<void> {
      const token = signed?.token;
      wipeLocal();
      if (token) await deps.endOnCentral(token);
    },
    /** The central said the token is no longer valid: forget it without calling back. */
    expire() {
      wipeLocal();
    },
  };
}

export type CustomerSession = ReturnType<typeof createCustomerSession>;
