import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { CentralDb, Engine } from '../db/index.js';
import type { MailOutboxTable } from '../db/schema.js';
import { isPermanentRefusal, type Mailer, type OutgoingMail } from './mailer.js';

/**
 * The mail outbox. `enqueueMail` writes a mail in the caller's transaction, so a mail exists
 * exactly when the change that causes it was committed (a code issued, a state changed). Every
 * central instance runs a `MailOutbox` that claims due mails and delivers them:
 *
 * - a claim is a lease: `claimed_until` moves ahead and `claim_token` names the claimant. On
 *   PostgreSQL the rows are picked with `FOR UPDATE SKIP LOCKED`, so instances never wait on
 *   each other nor take the same row; SQLite has a single writer, so the claiming UPDATE is
 *   atomic by itself;
 * - a mail is sent with its id as Message-ID, then marked sent. A central that stops between the
 *   two leaves the mail to be claimed again when the lease ends: that repeat is the only one
 *   possible, and it carries the same Message-ID, so mail clients drop it;
 * - "not now" (no connection, a timeout, 4xx) is retried with exponential backoff, forever;
 *   5xx is retried too (a refusal of the server as a whole usually gets fixed) but at most
 *   `permanentAttempts` times, then the mail is kept as `failed` and the fleet page says so.
 */

export type MailOutboxConfig = {
  /** How often an idle instance looks for mails written by others or due after a backoff. */
  pollMs: number;
  /** How long a claim lasts: far longer than one try can take (see the SMTP timeouts). */
  leaseMs: number;
  /** Mails claimed at once. */
  batch: number;
  /** The first retry's delay; it doubles with each failure, up to `maxRetryMs`, with jitter. */
  firstRetryMs: number;
  maxRetryMs: number;
  /** 5xx refusals in a row after which a mail is given up as `failed`. */
  permanentAttempts: number;
  /** How long a sent mail's row (no body) is kept. */
  keepSentMs: number;
};

export const defaultMailOutboxConfig: MailOutboxConfig = {
  pollMs: 1_000,
  leaseMs: 120_000,
  batch: 20,
  firstRetryMs: 5_000,
  maxRetryMs: 10 * 60_000,
  permanentAttempts: 8,
  keepSentMs: 7 * 24 * 3_600_000,
};

type Row = Selectable<MailOutboxTable>;

/** The outboxes running in this process, woken when a mail is written. */
const running = new Set<() => void>();

/**
 * Writes a mail to the outbox, in the transaction (or database) given: pass the transaction of
 * the change the mail tells about. Instances in this process are woken at once; the others find
 * it at their next poll.
 */
export async function enqueueMail(db: CentralDb, mail: OutgoingMail): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto('mail_outbox')
    .values({
      id: randomUUID(),
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      state: 'waiting',
      created_at: now,
      next_attempt_at: now,
      claimed_until: null,
      claim_token: null,
      sent_at: null,
      last_error: null,
    })
    .execute();
  // After the caller's transaction has most likely committed; if not, the poll finds it.
  setTimeout(() => {
    for (const wake of running) wake();
  }, 5).unref();
}

export type MailOutboxStatus = {
  /** Mails not sent yet (retrying or about to be sent). */
  waiting: number;
  oldestWaitingAt: string | null;
  /** Why the latest try of a waiting mail failed. */
  lastError: string | null;
  /** Mails given up after repeated 5xx refusals. */
  failed: number;
};

export async function mailOutboxStatus(db: CentralDb): Promise<MailOutboxStatus> {
  const counts = await db
    .selectFrom('mail_outbox')
    .select(['state', (eb) => eb.fn.countAll<number | string>().as('count')])
    .select((eb) => eb.fn.min('created_at').as('oldest'))
    .where('state', 'in', ['waiting', 'failed'])
    .groupBy('state')
    .execute();
  const waiting = counts.find((row) => row.state === 'waiting');
  const failed = counts.find((row) => row.state === 'failed');
  const latest = await db
    .selectFrom('mail_outbox')
    .select('last_error')
    .where('state', '=', 'waiting')
    .where('last_error', 'is not', null)
    .orderBy('next_attempt_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    waiting: Number(waiting?.count ?? 0),
    oldestWaitingAt: waiting?.oldest ?? null,
    lastError: latest?.last_error ?? null,
    failed: Number(failed?.count ?? 0),
  };
}

export type MailOutbox = {
  /** Resolves once a pass has found no mail due now (mails waiting for a retry stay). */
  idle(): Promise<void>;
  /** Stops claiming; a try in progress finishes and is marked. */
  stop(): Promise<void>;
};

export function startMailOutbox({
  db,
  engine,
  mailer,
  config = defaultMailOutboxConfig,
}: {
  db: CentralDb;
  engine: Engine;
  mailer: Mailer;
  config?: MailOutboxConfig;
}): MailOutbox {
  let pass: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let prunedAt = 0;

  async function claim(): Promise<Row[]> {
    const now = new Date().toISOString();
    const due = () =>
      db
        .selectFrom('mail_outbox')
        .select('id')
        .where('state', '=', 'waiting')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]));
    // A read first: an idle poll never takes SQLite's write lock.
    if (!(await due().limit(1).executeTakeFirst())) return [];
    let pick = due().orderBy('next_attempt_at').limit(config.batch);
    if (engine === 'postgres') pick = pick.forUpdate().skipLocked();
    return db
      .updateTable('mail_outbox')
      .set((eb) => ({
        claimed_until: new Date(Date.now() + config.leaseMs).toISOString(),
        claim_token: randomUUID(),
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', pick)
      .where('state', '=', 'waiting')
      .returningAll()
      .execute();
  }

  function retryDelay(attempts: number): number {
    const base = Math.min(config.maxRetryMs, config.firstRetryMs * 2 ** (attempts - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  async function deliver(row: Row): Promise<void> {
    const mine = (query: ReturnType<typeof update>) =>
      query.where('id', '=', row.id).where('claim_token', '=', row.claim_token).execute();
    const update = () => db.updateTable('mail_outbox');
    try {
      await mailer.deliver({
        id: row.id,
        createdAt: row.created_at,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        html: row.html_body,
      });
    } catch (error) {
      const permanent = isPermanentRefusal(error);
      const giveUp = permanent && row.attempts >= config.permanentAttempts;
      const reason = error instanceof Error ? error.message : String(error);
      mailer.log.error({ err: error, id: row.id, attempts: row.attempts }, 'mail not sent yet');
      await mine(
        update().set({
          state: giveUp ? 'failed' : 'waiting',
          next_attempt_at: new Date(Date.now() + retryDelay(row.attempts)).toISOString(),
          claimed_until: null,
          claim_token: null,
          last_error: reason.slice(0, 500),
        }),
      );
      return;
    }
    await mine(
      update().set({
        state: 'sent',
        sent_at: new Date().toISOString(),
        text_body: '',
        html_body: '',
        claimed_until: null,
        claim_token: null,
        last_error: null,
      }),
    );
  }

  async function prune(): Promise<void> {
    if (Date.now() - prunedAt < 3_600_000) return;
    prunedAt = Date.now();
    await db
      .deleteFrom('mail_outbox')
      .where('state', '=', 'sent')
      .where('sent_at', '<', new Date(Date.now() - config.keepSentMs).toISOString())
      .execute();
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const claimed = await claim();
        if (claimed.length === 0) break;
        for (const row of claimed) await deliver(row);
      }
      await prune();
    } while (again && !stopped);
  }

  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (pass) {
      again = true;
      return pass;
    }
    pass = drain()
      .catch((error: unknown) => {
        // The database went away for a moment: the next poll tries again.
        mailer.log.error({ err: error }, 'mail outbox pass failed');
      })
      .finally(() => {
        pass = null;
      });
    return pass;
  }

  const wake = () => void kick();
  running.add(wake);
  const poll = setInterval(wake, config.pollMs);
  poll.unref();

  async function settled(): Promise<void> {
    while (pass) await pass;
  }

  const outbox: MailOutbox = {
    async idle() {
      // A pass already under way may have claimed before the latest mail was written.
      await settled();
      await kick();
      await settled();
    },
    async stop() {
      stopped = true;
      clearInterval(poll);
      running.delete(wake);
      detach();
      await settled();
    },
  };
  const detach = mailer.attach(outbox);
  return outbox;
}
