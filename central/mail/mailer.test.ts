import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpMailbox, type SmtpMailbox } from '../testing/smtp-mailbox.js';
import {
  createMailer,
  defaultMailFrom,
  isPermanentRefusal,
  messageIdOf,
  type MailLog,
  type QueuedMail,
} from './mailer.js';

const queued = (overrides: Partial<QueuedMail> = {}): QueuedMail => ({
  id: randomUUID(),
  createdAt: '2026-03-02T12:00:00.000Z',
  to: 'ana@example.com',
  subject: 'COPELCO - Activación de Cuenta',
  text: 'Hola, Ana:\n\n    123456\n',
  html: '<p>Hola, Ana:</p><p>123456</p>',
  ...overrides,
});

function recordingLog() {
  const lines: { level: string; details: Record<string, unknown>; message: string }[] = [];
  const log: MailLog = {
    info: (details, message) => lines.push({ level: 'info', details, message }),
    error: (details, message) => lines.push({ level: 'error', details, message }),
  };
  return { log, lines };
}

describe('mailer', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ventanilla-mailer-'));
    dirs.push(dir);
    return dir;
  };
  let mailbox: SmtpMailbox;
  beforeAll(async () => {
    mailbox = await startSmtpMailbox();
  });
  afterAll(async () => {
    await mailbox.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes each mail as an .eml file when there is no SMTP server, the same file for a repeat', async () => {
    const mailDir = path.join(newDir(), 'mail');
    const { log, lines } = recordingLog();
    const mailer = createMailer({ mailDir, from: defaultMailFrom, log });
    expect(mailer.mailDir).toBe(mailDir);
    const first = queued();
    await mailer.deliver(first);
    await mailer.deliver(queued({ to: 'beto@example.com' }));
    // Sent again (a central stopped before marking it sent): still one file.
    await mailer.deliver(first);
    await mailer.close();

    const files = readdirSync(mailDir);
    expect(files.filter((file) => file.endsWith('.eml'))).toHaveLength(2);
    expect(files.filter((file) => !file.endsWith('.eml'))).toEqual([]);
    const mine = files.find((file) => file.includes(first.id.slice(0, 8)))!;
    const parsed = await simpleParser(readFileSync(path.join(mailDir, mine)));
    expect(parsed.subject).toBe(first.subject);
    expect(parsed.messageId).toBe(messageIdOf(first.id, defaultMailFrom));
    expect(parsed.from?.value[0]).toEqual({
      name: 'COPELCO',
      address: 'no-responder@copelco.example',
    });
    expect(parsed.text).toContain('123456');
    expect(parsed.html).toContain('<p>123456</p>');
    const written = lines.filter((line) => line.message.startsWith('mail written to '));
    expect(written.map((line) => line.details.file)).toContain(path.join(mailDir, mine));
  });

  it('sends over SMTP when given a server, with the mail id as Message-ID, and writes no file', async () => {
    const mailDir = path.join(newDir(), 'mail');
    const from = 'Cooperativa <avisos@coop.example>';
    const mailer = createMailer({ smtpUrl: mailbox.url, mailDir, from });
    expect(mailer.mailDir).toBeNull();
    const mail = queued();
    await mailer.deliver(mail);
    await mailer.close();
    const [received] = mailbox.to('ana@example.com');
    expect(received).toMatchObject({ subject: mail.subject, html: mail.html });
    expect(received?.from).toContain('avisos@coop.example');
    expect(received?.messageId).toBe(`<${mail.id}@coop.example>`);
    expect(() => readdirSync(mailDir)).toThrow();
  });

  it('throws when the server cannot be reached or refuses, telling 5xx from "not now"', async () => {
    // Port 9 on loopback: nothing listens there.
    const nowhere = createMailer({
      smtpUrl: 'smtp://127.0.0.1:9',
      mailDir: newDir(),
      from: defaultMailFrom,
    });
    const unreachable = await nowhere.deliver(queued()).catch((error: unknown) => error);
    expect(unreachable).toBeInstanceOf(Error);
    expect(isPermanentRefusal(unreachable)).toBe(false);
    await nowhere.close();

    const mailer = createMailer({ smtpUrl: mailbox.url, mailDir: newDir(), from: defaultMailFrom });
    try {
      mailbox.behaviour.refuse = { code: 451, message: 'Probá más tarde' };
      const later = await mailer.deliver(queued()).catch((error: unknown) => error);
      expect(isPermanentRefusal(later)).toBe(false);
      mailbox.behaviour.refuse = { code: 550, message: 'Relay denegado' };
      const never = await mailer.deliver(queued()).catch((error: unknown) => error);
      expect(isPermanentRefusal(never)).toBe(true);
    } finally {
      mailbox.behaviour.refuse = null;
      await mailer.close();
    }
  });
});
