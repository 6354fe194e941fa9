import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Selectable } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { centralApi } from '../../src/contract/index.js';
import { createDatabase, migrateToLatest, type CentralDb } from '../db/index.js';
import type { MailOutboxTable } from '../db/schema.js';
import { fleetBody } from '../fleet/page-html.js';
import { startCentral, type RunningCentral } from '../server.js';
import { newRegistration } from '../testing/accounts-app.js';
import { describeEachEngine } from '../testing/engines.js';
import { codeIn, startSmtpMailbox } from '../testing/smtp-mailbox.js';
import { until } from '../testing/until.js';
import { createMailer, defaultMailFrom, messageIdOf } from './mailer.js';
import {
  defaultMailOutboxConfig,
  enqueueMail,
  mailOutboxStatus,
  startMailOutbox,
  type MailOutboxConfig,
} from './outbox.js';

/** Retries in tens of milliseconds, so a test walks a minute of outage in a second or two. */
const fast: MailOutboxConfig = {
  ...defaultMailOutboxConfig,
  pollMs: 50,
  firstRetryMs: 40,
  maxRetryMs: 300,
  permanentAttempts: 10_000,
};

const mail = (to: string) => ({
  to,
  subject: 'COPELCO - Aviso',
  text: 'Hola.\n',
  html: '<p>Hola.</p>',
});

async function post(url: string, path_: string, body: unknown) {
  const response = await fetch(new URL(path_, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-id': 'kiosco-1' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A mail some central has claimed (and may have sent), until `claimed_until`. */
function claimedRow(id: string, to: string, overrides: Partial<Selectable<MailOutboxTable>>) {
  const now = new Date().toISOString();
  return {
    id,
    to_address: to,
    subject: 'COPELCO - Aviso',
    text_body: 'Hola.\n',
    html_body: '<p>Hola.</p>',
    state: 'waiting' as const,
    attempts: 1,
    created_at: now,
    next_attempt_at: now,
    claimed_until: now,
    claim_token: randomUUID(),
    sent_at: null,
    last_error: null,
    ...overrides,
  };
}

const rows = (db: CentralDb) =>
  db.selectFrom('mail_outbox').selectAll().orderBy('created_at').execute();

describeEachEngine('the mail outbox', (engine) => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('loses and repeats no mail while the SMTP server is down, back, refusing with 4xx and 5xx, with two centrals delivering', async () => {
    const mailbox = await startSmtpMailbox();
    await mailbox.stop();
    const location = await engine.newLocation();
    const options = { ...location, smtpUrl: mailbox.url, mailOutbox: fast, seedDemo: false };
    const centrals: RunningCentral[] = [await startCentral(options)];
    centrals.push(await startCentral(options));
    const emails: string[] = [];
    // Registrations alternate between the two centrals; each writes an activation mail.
    async function register(count: number) {
      for (let index = 0; index < count; index++) {
        const registration = newRegistration();
        const central = centrals[emails.length % 2]!;
        expect((await post(central.url, centralApi.register.path, registration)).status).toBe(202);
        emails.push(registration.email);
      }
    }
    const watcher = createDatabase(
      location.databaseUrl ? { databaseUrl: location.databaseUrl } : location,
    );
    try {
      // Down: every mail is tried, fails to connect, and waits.
      await register(4);
      await until('every mail tried with the server down', async () => {
        const all = await rows(watcher.db);
        return all.length === 4 && all.every((row) => row.attempts >= 2 && row.last_error);
      });
      const down = await mailOutboxStatus(watcher.db);
      expect(down).toMatchObject({ waiting: 4, failed: 0 });
      expect(down.lastError).toBeTruthy();
      // What IT sees on the fleet page meanwhile.
      const page = fleetBody(
        { kiosks: [], generatedAt: new Date().toISOString(), silentAfterSeconds: 180 },
        'Marta',
        down,
      );
      expect(page).toContain('⚠ 4 correos esperando envío; se reintenta solo.');
      expect(page).toContain('Último error del servidor de correo:');

      // Back, but answering "try later" (4xx) to every recipient.
      mailbox.behaviour.refuse = { code: 451, message: '4.7.1 Probá más tarde' };
      await mailbox.restart();
      await register(2);
      await until('every mail refused with 4xx', () => mailbox.refusals() >= 12);
      // Refusing for good (5xx): still kept, still retried.
      mailbox.behaviour.refuse = { code: 554, message: '5.7.1 Servicio no disponible' };
      const before = mailbox.refusals();
      await register(2);
      await until('every mail refused with 5xx', () => mailbox.refusals() >= before + 16);
      expect(mailbox.mails).toHaveLength(0);
      expect(await mailOutboxStatus(watcher.db)).toMatchObject({ waiting: 8, failed: 0 });

      // Stopped again for a moment, then accepting.
      await mailbox.stop();
      mailbox.behaviour.refuse = null;
      await mailbox.restart();
      await until('every mail delivered', () => mailbox.mails.length >= 8);
      await Promise.all(centrals.map((central) => central.mailsSent()));
      await until('every mail marked sent', async () =>
        (await rows(watcher.db)).every((row) => row.state === 'sent'),
      );

      expect(mailbox.mails).toHaveLength(8);
      for (const email of emails) expect(mailbox.to(email)).toHaveLength(1);
      const ids = (await rows(watcher.db)).map((row) => messageIdOf(row.id, defaultMailFrom));
      expect(new Set(mailbox.mails.map((received) => received.messageId))).toEqual(new Set(ids));
      // A sent mail keeps no body (no code left in the database).
      expect((await rows(watcher.db)).every((row) => row.text_body === '')).toBe(true);
      expect(await mailOutboxStatus(watcher.db)).toEqual({
        waiting: 0,
        oldestWaitingAt: null,
        lastError: null,
        failed: 0,
      });

      // The code that waited out the outage still works, at the other central.
      const first = mailbox.to(emails[0]!)[0]!;
      const activated = await post(centrals[1]!.url, centralApi.activate.path, {
        email: emails[0],
        code: codeIn(first),
      });
      expect(activated.status).toBe(200);
    } finally {
      for (const central of centrals) await central.close();
      await watcher.destroy();
      await mailbox.close();
    }
  });

  it('writes a mail only with the change that causes it, and takes over a claim left by a central that stopped', async () => {
    const mailbox = await startSmtpMailbox();
    const { db } = await engine.openDatabase();
    await migrateToLatest(db);
    const failing = await db
      .transaction()
      .execute(async (trx) => {
        await enqueueMail(trx, mail('nunca@example.com'));
        throw new Error('the change failed');
      })
      .catch((error: unknown) => error);
    expect(failing).toBeInstanceOf(Error);
    expect(await rows(db)).toEqual([]);

    // A central claimed this mail (and may have sent it) and then died: its lease ran out.
    const orphan = randomUUID();
    const past = (ms: number) => new Date(Date.now() - ms).toISOString();
    await db
      .insertInto('mail_outbox')
      .values(
        claimedRow(orphan, 'huerfano@example.com', {
          created_at: past(300_000),
          next_attempt_at: past(300_000),
          claimed_until: past(1_000),
        }),
      )
      .execute();
    // And this one is claimed by a central that is alive: nobody else touches it.
    const leased = randomUUID();
    await db
      .insertInto('mail_outbox')
      .values(
        claimedRow(leased, 'ocupado@example.com', {
          claimed_until: new Date(Date.now() + 600_000).toISOString(),
        }),
      )
      .execute();
    const mailDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-outbox-'));
    dirs.push(mailDir);
    const mailer = createMailer({ smtpUrl: mailbox.url, mailDir, from: defaultMailFrom });
    const outbox = startMailOutbox({ db, engine: engine.name, mailer, config: fast });
    try {
      await mailer.idle();
      expect(mailbox.to('huerfano@example.com').map((received) => received.messageId)).toEqual([
        messageIdOf(orphan, defaultMailFrom),
      ]);
      expect(mailbox.to('ocupado@example.com')).toEqual([]);
      const states = Object.fromEntries((await rows(db)).map((row) => [row.id, row.state]));
      expect(states).toEqual({ [orphan]: 'sent', [leased]: 'waiting' });
    } finally {
      await outbox.stop();
      await mailer.close();
      await mailbox.close();
    }
  });

  it('gives a mail up after repeated 5xx refusals, keeps it, and says so', async () => {
    const mailbox = await startSmtpMailbox();
    mailbox.behaviour.refuse = { code: 550, message: '5.1.1 No existe esa casilla' };
    const { db } = await engine.openDatabase();
    await migrateToLatest(db);
    const mailDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-outbox-'));
    dirs.push(mailDir);
    const mailer = createMailer({ smtpUrl: mailbox.url, mailDir, from: defaultMailFrom });
    const outbox = startMailOutbox({
      db,
      engine: engine.name,
      mailer,
      config: { ...fast, permanentAttempts: 3 },
    });
    try {
      await enqueueMail(db, mail('no.existe@example.com'));
      await until('the mail given up', async () => (await rows(db))[0]?.state === 'failed');
      const [row] = await rows(db);
      expect(row).toMatchObject({ attempts: 3, state: 'failed' });
      expect(row?.last_error).toContain('No existe esa casilla');
      expect(row?.text_body).toBe('Hola.\n');
      const status = await mailOutboxStatus(db);
      expect(status).toMatchObject({ waiting: 0, failed: 1 });
      expect(
        fleetBody(
          { kiosks: [], generatedAt: new Date().toISOString(), silentAfterSeconds: 180 },
          'Marta',
          status,
        ),
      ).toContain('✖ 1 correo rechazado por el servidor de correo');
    } finally {
      await outbox.stop();
      await mailer.close();
      await mailbox.close();
    }
  });
});
