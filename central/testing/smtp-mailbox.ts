import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
};

/** How the test server answers RCPT TO: take the mail, or refuse it with an SMTP code. */
export type SmtpBehaviour = { refuse: null | { code: number; message: string } };

/**
 * A real SMTP server on 127.0.0.1, port 0, keeping every mail it receives parsed with mailparser:
 * the central sends to it exactly as it would to the cooperative's mail server.
 */
export async function startSmtpMailbox() {
  const mails: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiters = new Set<() => void>();
  const behaviour: SmtpBehaviour = { refuse: null };
  let refusals = 0;
  const newServer = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (!behaviour.refuse) return callback();
        refusals++;
        const error = Object.assign(new Error(behaviour.refuse.message), {
          responseCode: behaviour.refuse.code,
        });
        callback(error);
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (parsed) => {
            const to = [parsed.to ?? []]
              .flat()
              .flatMap((address) => address.value.map((entry) => entry.address ?? ''));
            mails.push({
              from: parsed.from?.text ?? '',
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
            });
            for (const wake of waiters) wake();
            callback();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      },
    });
  const listen = async (server: SMTPServer, on: number) => {
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(on, '127.0.0.1', resolve);
    });
    return (server.server.address() as AddressInfo).port;
  };
  let server: SMTPServer | null = newServer();
  const port = await listen(server, 0);
  const stop = () =>
    new Promise<void>((resolve) => {
      const stopping = server;
      server = null;
      if (stopping) stopping.close(() => resolve());
      else resolve();
    });

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** Mails received so far to one address. */
    to: (address: string) => mails.filter((mail) => mail.to.includes(address)),
    /**
     * The oldest mail not yet taken to `address` whose subject matches, waiting for it: the
     * central sends mail in the background, after it has answered.
     */
    async next(address: string, subject: RegExp, timeoutMs = 10_000): Promise<ReceivedMail> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find(
          (mail) => !taken.has(mail) && mail.to.includes(address) && subject.test(mail.subject),
        );
        if (found) {
          taken.add(found);
          return found;
        }
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`No mail to ${address} matching ${String(subject)}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    /** What the server does with the next mails (tests switch it to 4xx or 5xx refusals). */
    behaviour,
    /** How many RCPT TO were refused so far. */
    refusals: () => refusals,
    /** Stops listening: the central's tries fail to connect until `restart`. */
    stop,
    /** Listens again on the same port. */
    async restart() {
      if (server) return;
      server = newServer();
      await listen(server, port);
    },
    close: stop,
  };
}

export type SmtpMailbox = Awaited<ReturnType<typeof startSmtpMailbox>>;

/** The 6-digit code of an activation or recovery mail. */
export function codeIn(mail: ReceivedMail): string {
  const code = /^\s+(\d{6})$/m.exec(mail.text)?.[1];
  if (!code) throw new Error(`No code in mail "${mail.subject}"`);
  return code;
}

/** The token of the mail's link to `page` (/activar or /recuperar), taken from the HTML "aquí". */
export function linkTokenIn(mail: ReceivedMail, page: string): string {
  const token = new RegExp(`href="[^"]*${page}\\?token=([A-Za-z0-9_-]+)"`).exec(mail.html)?.[1];
  if (!token) throw new Error(`No ${page} link in mail "${mail.subject}"`);
  return token;
}
