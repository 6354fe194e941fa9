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
    start(granted: SessionGranted): SessionView {
      wipeLocal();
      const { firstName, lastName, email } = granted.account;
      signed = {
        token: granted.token,
        expiresAt: new Date(granted.expiresAt),
        view: { firstName, lastName, email },
      };
      deps.onStart?.(granted);
      return signed.view;
    },
    current(): SessionView | null {
      return active()?.view ?? null;
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
