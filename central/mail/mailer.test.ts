import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpMailbox, type SmtpMailbox } from '../testing/smtp-mailbox.js';
import { createMailer, defaultMailFrom, type MailLog } from './mailer.js';

const mail = {
  to: 'ana@example.com',
  subject: 'COPELCO - Activación de Cuenta',
  text: 'Hola, Ana:\n\n    123456\n',
  html: '<p>Hola, Ana:</p><p>123456</p>',
};

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

  it('writes each mail as an .eml file when there is no SMTP server, and logs where', async () => {
    const mailDir = path.join(newDir(), 'mail');
    const { log, lines } = recordingLog();
    const mailer = createMailer({ mailDir, from: defaultMailFrom, log });
    expect(mailer.mailDir).toBe(mailDir);
    mailer.post(mail);
    mailer.post({ ...mail, to: 'beto@example.com' });
    await mailer.close();

    const files = readdirSync(mailDir).filter((file) => file.endsWith('.eml'));
    expect(files).toHaveLength(2);
    const parsed = await simpleParser(readFileSync(path.join(mailDir, files[0]!)));
    expect(parsed.subject).toBe(mail.subject);
    expect(parsed.from?.value[0]).toEqual({
      name: 'COPELCO',
      address: 'no-responder@copelco.example',
    });
    expect(parsed.text).toContain('123456');
    expect(parsed.html).toContain('<p>123456</p>');
    const written = lines.filter((line) => line.message.startsWith('mail written to '));
    expect(written.map((line) => line.details.file)).toEqual(
      expect.arrayContaining(files.map((file) => path.join(mailDir, file))),
    );
  });

  it('sends over SMTP when given a server, and writes no file', async () => {
    const mailDir = path.join(newDir(), 'mail');
    const mailer = createMailer({
      smtpUrl: mailbox.url,
      mailDir,
      from: 'Cooperativa <avisos@coop.example>',
    });
    expect(mailer.mailDir).toBeNull();
    await mailer.send(mail);
    await mailer.close();
    const [received] = mailbox.to('ana@example.com');
    expect(received).toMatchObject({ subject: mail.subject, html: mail.html });
    expect(received?.from).toContain('avisos@coop.example');
    expect(() => readdirSync(mailDir)).toThrow();
  });

  it('logs a mail it could not send in the background, without throwing', async () => {
    const { log, lines } = recordingLog();
    // Port 9 on loopback: nothing listens there.
    const mailer = createMailer({
      smtpUrl: 'smtp://127.0.0.1:9',
      mailDir: newDir(),
      from: defaultMailFrom,
      log,
    });
    mailer.post(mail);
    await mailer.close();
    expect(lines.some((line) => line.level === 'error')).toBe(true);
  });
});
