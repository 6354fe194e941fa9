import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import {
  accountsConfig,
  argon2Hasher,
  type AccountsConfigOverride,
  type AccountsContext,
  type PasswordHasher,
} from '../accounts/index.js';
import { createMailer, type Mailer } from '../mail/mailer.js';

/** A clock tests move by hand: codes, sessions and throttling windows expire on command. */
export class TestClock {
  #ms: number;
  constructor(start = '2026-03-02T12:00:00.000Z') {
    this.#ms = Date.parse(start);
  }
  readonly now = () => new Date(this.#ms);
  advance(ms: number): void {
    this.#ms += ms;
  }
}

/** The real argon2 hasher, counting its calls: proof that a path hashed, without timing it. */
export function countingHasher(inner: PasswordHasher = argon2Hasher()) {
  const calls = { hash: 0, verify: 0 };
  const hasher: PasswordHasher = {
    hash(password) {
      calls.hash++;
      return inner.hash(password);
    },
    verify(stored, password) {
      calls.verify++;
      return inner.verify(stored, password);
    },
    needsRehash: (stored) => inner.needsRehash(stored),
  };
  return { hasher, calls };
}

export type TestAccounts = Omit<AccountsContext, 'db'> & {
  clock: TestClock;
  calls: { hash: number; verify: number };
  mailer: Mailer;
};

/**
 * Accounts options for a test app: the real hasher (counted), a movable clock, and a mailer to
 * `smtpUrl` or, without one, to `.eml` files in a temp folder removed after the suite.
 */
export function testAccounts(
  options: { smtpUrl?: string; config?: AccountsConfigOverride } = {},
): TestAccounts {
  const accounts = createTestAccounts(options);
  afterAll(accounts.cleanup);
  return accounts;
}

/** The same, for use inside a hook: the caller runs `cleanup`. */
export function createTestAccounts(
  options: { smtpUrl?: string; config?: AccountsConfigOverride } = {},
): TestAccounts & { cleanup: () => Promise<void> } {
  const mailDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-mail-'));
  const mailer = createMailer({
    smtpUrl: options.smtpUrl,
    mailDir,
    from: 'COPELCO <no-responder@copelco.example>',
  });
  const clock = new TestClock();
  const { hasher, calls } = countingHasher();
  return {
    mailer,
    hasher,
    calls,
    clock,
    now: clock.now,
    // Test files register many accounts from one address; the limit's own test sets it.
    config: accountsConfig({
      ...options.config,
      throttle: { registrationsPerHour: 10_000, ...options.config?.throttle },
    }),
    publicUrl: () => 'https://central.copelco.example',
    async cleanup() {
      await mailer.close();
      rmSync(mailDir, { recursive: true, force: true });
    },
  };
}
