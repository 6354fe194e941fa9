import type { CentralDb } from '../db/index.js';
import type { Mailer } from '../mail/mailer.js';
import type { AccountsConfig } from './config.js';
import type { PasswordHasher } from './password-hashing.js';

/** What every account operation is given: passed in, so tests use real parts and move time. */
export type AccountsContext = {
  db: CentralDb;
  mailer: Mailer;
  hasher: PasswordHasher;
  config: AccountsConfig;
  now: () => Date;
  /** Base of the links in mails, e.g. https://central.copelco.example */
  publicUrl: () => string;
};

export function linkTo(context: AccountsContext, page: string, token: string): string {
  const url = new URL(page, context.publicUrl());
  url.searchParams.set('token', token);
  return url.toString();
}

/** Cooldown and hourly cap of code mails, from the config. */
export const mailLimits = (context: AccountsContext) => ({
  cooldownMs: context.config.resendCooldownMs,
  perHour: context.config.mailsPerHour,
});

export const validMinutes = (context: AccountsContext) =>
  Math.round(context.config.codeLifetimeMs / 60_000);

/** Cooldown keys, by email whether or not it has an account (the same answers either way). */
export const mailKeys = {
  activation: (email: string) => `mail:activation:${email}`,
  passwordReset: (email: string) => `mail:password_reset:${email}`,
  notice: (email: string) => `mail:notice:${email}`,
};
