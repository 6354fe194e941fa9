import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** A mail as the central writes it: always a plain-text body, and the same as simple HTML. */
export type OutgoingMail = { to: string; subject: string; text: string; html: string };

/** A mail taken from the outbox: its id is its Message-ID, the same on every try. */
export type QueuedMail = OutgoingMail & { id: string; createdAt: string };

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

/** Whatever waits on the mailer: the outbox of each central app that delivers through it. */
export type MailQueue = { idle(): Promise<void> };

/**
 * How mails leave the central. Mails are never sent from a request: they are written to the
 * outbox (`./outbox.ts`) with the change that causes them, and the outbox hands them here.
 */
export type Mailer = {
  /** The folder of the `.eml` files, or null when mails go to an SMTP server. */
  readonly mailDir: string | null;
  readonly log: MailLog;
  /**
   * Sends one mail now with its Message-ID; resolves once the SMTP server accepted it or the
   * file is written, throws otherwise (see `isPermanentRefusal`).
   */
  deliver(mail: QueuedMail): Promise<void>;
  /** Makes `idle` wait for this queue too; the returned function undoes it. */
  attach(queue: MailQueue): () => void;
  /** Resolves when no attached outbox has a mail due now that it has not tried. */
  idle(): Promise<void>;
  /** Waits for the outboxes, then closes the SMTP connections. */
  close(): Promise<void>;
};

export const defaultMailFrom = 'COPELCO <no-responder@copelco.example>';

const quietLog: MailLog = { info: () => {}, error: () => {} };

/**
 * The server said no for good (5xx: unknown mailbox, relay refused, message rejected), as
 * opposed to "not now" (4xx, or no answer at all), which is always worth another try.
 */
export function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** `<id@domain-of-the-sender>`: what lets mail clients drop a mail that arrives twice. */
export function messageIdOf(id: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'ventanilla.invalid';
  return `<${id}@${domain}>`;
}

export function createMailer({ smtpUrl, mailDir, from, log = quietLog }: MailerOptions): Mailer {
  const queues = new Set<MailQueue>();
  const transport = smtpUrl ? smtpDelivery(smtpUrl, from) : fileDelivery(mailDir, from, log);

  const mailer: Mailer = {
    mailDir: smtpUrl ? null : mailDir,
    log,
    async deliver(mail) {
      await transport.send(mail);
      log.info({ to: mail.to, subject: mail.subject, id: mail.id }, 'mail sent');
    },
    attach(queue) {
      queues.add(queue);
      return () => queues.delete(queue);
    },
    async idle() {
      await Promise.all([...queues].map((queue) => queue.idle()));
    },
    async close() {
      await mailer.idle();
      transport.close();
    },
  };
  return mailer;
}

type Delivery = { send(mail: QueuedMail): Promise<void>; close(): void };

/** What nodemailer is given for one mail: the same Message-ID and Date on every try. */
function message(mail: QueuedMail, from: string) {
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: messageIdOf(mail.id, from),
    date: new Date(mail.createdAt),
  };
}

function smtpDelivery(smtpUrl: string, from: string): Delivery {
  // Short timeouts: a server that hangs fails the try well within the outbox's lease, so no
  // other instance takes the mail over while this one may still send it.
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      await transport.sendMail(message(mail, from));
    },
    close: () => transport.close(),
  };
}

/**
 * Without an SMTP server every mail becomes an RFC 822 file that any mail program opens, so a
 * demo or a test can read the activation code. nodemailer composes it exactly as it would send it.
 * The file is named by the mail's time and id, so a repeat writes the same file again.
 */
function fileDelivery(mailDir: string, from: string, log: MailLog): Delivery {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    async send(mail) {
      const info = await transport.sendMail(message(mail, from));
      await mkdir(mailDir, { recursive: true });
      // Sortable by time; the id keeps two mails of the same millisecond apart.
      const stamp = mail.createdAt.replace(/[:.]/g, '-');
      const file = path.join(mailDir, `${stamp}-${mail.id.slice(0, 8)}.eml`);
      // Written whole under another name first: a reader never sees half a mail.
      await writeFile(`${file}.part`, info.message as Buffer);
      await rename(`${file}.part`, file);
      log.info({ file, to: mail.to }, `mail written to ${file}`);
    },
    close: () => transport.close(),
  };
}
