import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** A mail as the central writes it: always a plain-text body, and the same as simple HTML. */
export type OutgoingMail = { to: string; subject: string; text: string; html: string };

export type MailLog = {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
};

export type MailerOptions = {
  /** smtp:// or smtps:// URL, credentials included; without it mails are written as files. */
  smtpUrl?: string;
  /** Where `.eml` files go when there is no SMTP server. */
  mailDir: string;
  /** The From header, e.g. `COPELCO <no-responder@copelco.example>`. */
  from: string;
  log?: MailLog;
};

export type Mailer = {
  /** The folder of the `.eml` files, or null when mails go to an SMTP server. */
  readonly mailDir: string | null;
  /** Sends now: resolves once the SMTP server accepted it or the file is written. */
  send(mail: OutgoingMail): Promise<void>;
  /**
   * Sends in the background; a failure is logged, never thrown. A request's answer (and so its
   * timing) then does not depend on which mail, if any, it caused.
   */
  post(mail: OutgoingMail): void;
  /** Resolves when every posted mail has been sent or has failed. */
  idle(): Promise<void>;
  /** Waits for posted mails, then closes the SMTP connections. */
  close(): Promise<void>;
};

export const defaultMailFrom = 'COPELCO <no-responder@copelco.example>';

const quietLog: MailLog = { info: () => {}, error: () => {} };

export function createMailer({ smtpUrl, mailDir, from, log = quietLog }: MailerOptions): Mailer {
  const pending = new Set<Promise<void>>();
  const deliver = smtpUrl ? smtpDelivery(smtpUrl, from) : fileDelivery(mailDir, from, log);

  const mailer: Mailer = {
    mailDir: smtpUrl ? null : mailDir,
    async send(mail) {
      await deliver.send(mail);
      log.info({ to: mail.to, subject: mail.subject }, 'mail sent');
    },
    post(mail) {
      const sending = mailer.send(mail).catch((error: unknown) => {
        log.error({ err: error, subject: mail.subject }, 'mail could not be sent');
      });
      pending.add(sending);
      void sending.finally(() => pending.delete(sending));
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
    async close() {
      await mailer.idle();
      deliver.close();
    },
  };
  return mailer;
}

type Delivery = { send(mail: OutgoingMail): Promise<void>; close(): void };

function smtpDelivery(smtpUrl: string, from: string): Delivery {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    close: () => transport.close(),
  };
}

/**
 * Without an SMTP server every mail becomes an RFC 822 file that any mail program opens, so a
 * demo or a test can read the activation code. nodemailer composes it exactly as it would send it.
 */
function fileDelivery(mailDir: string, from: string, log: MailLog): Delivery {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      await mkdir(mailDir, { recursive: true });
      // Sortable by time; the random part keeps two mails of the same millisecond apart.
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(mailDir, `${stamp}-${randomUUID().slice(0, 8)}.eml`);
      await writeFile(file, info.message as Buffer);
      log.info({ file, to: mail.to }, `mail written to ${file}`);
    },
    close: () => transport.close(),
  };
}
