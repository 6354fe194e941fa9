import type { SqliteDatabase } from './database.js';

export type OutboxState = 'waiting' | 'rejected' | 'needs-auth' | 'delivered';
export type OutboxKind = 'request' | 'answer';

export type OutboxRow = {
  sequence: number;
  idempotencyKey: string;
  kind: OutboxKind;
  reference: string;
  owner: string;
  /** Sealed; null once delivered. */
  payload: Buffer | null;
  credential: Buffer | null;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  requestNumber: string | null;
  requestId: string | null;
  createdAt: string;
  deliveredAt: string | null;
};

export type OutboxAttachmentRow = {
  position: number;
  requirementId: string;
  fileName: string;
  sha256: string;
  size: number;
  pages: number;
  uploaded: boolean;
};

export type NewOutboxItem = {
  idempotencyKey: string;
  kind: OutboxKind;
  owner: string;
  payload: Buffer;
  createdAt: string;
  attachments: Omit<OutboxAttachmentRow, 'position' | 'uploaded'>[];
};

/** A customer's sign-out waiting for the central. */
export type OutboxSignOutRow = {
  id: number;
  sessionId: string;
  /** Sealed: the session's token. */
  payload: Buffer;
  afterSequence: number;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
};

const signOutColumns = `id, session_id AS sessionId, payload, after_sequence AS afterSequence,
  attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError, created_at AS createdAt`;

const columns = `sequence, idempotency_key AS idempotencyKey, kind, reference, owner, payload,
  credential, state, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError,
  request_number AS requestNumber, request_id AS requestId, created_at AS createdAt,
  delivered_at AS deliveredAt`;

/** The outbox's rows; sealing, files and delivery live in src/outbox/. */
export function createOutboxStore(db: SqliteDatabase) {
  const insertItem = db.prepare(
    `INSERT INTO outbox_items (idempotency_key, kind, reference, owner, payload, state,
       next_attempt_at, created_at)
     VALUES (@idempotencyKey, @kind, @idempotencyKey, @owner, @payload, 'waiting', @createdAt, @createdAt)`,
  );
  const setReference = db.prepare('UPDATE outbox_items SET reference = ? WHERE sequence = ?');
  const insertAttachment = db.prepare(
    `INSERT INTO outbox_attachments (sequence, position, requirement_id, file_name, sha256, size, pages)
     VALUES (@sequence, @position, @requirementId, @fileName, @sha256, @size, @pages)`,
  );
  const one = db.prepare<[number], OutboxRow>(
    `SELECT ${columns} FROM outbox_items WHERE sequence = ?`,
  );
  const update = (sql: string) =>
    db.prepare(`UPDATE outbox_items SET ${sql} WHERE sequence = @sequence`);
  const retry = update(
    'attempts = attempts + 1, next_attempt_at = @nextAttemptAt, last_error = @error',
  );
  const settle = update(
    "state = @state, attempts = attempts + 1, last_error = @error, credential = CASE WHEN @state = 'needs-auth' THEN NULL ELSE credential END",
  );

  return {
    /**
     * Adds an item and its attachments in one transaction (the caller may wrap it in a larger
     * one); the reference is `<prefix>-<sequence>`, known only once the row has its number.
     */
    enqueue(item: NewOutboxItem, referencePrefix: string): { sequence: number; reference: string } {
      const run = db.transaction(() => {
        const sequence = Number(insertItem.run(item).lastInsertRowid);
        const reference = `${referencePrefix}-${String(sequence).padStart(6, '0')}`;
        setReference.run(reference, sequence);
        item.attachments.forEach((attachment, position) =>
          insertAttachment.run({ ...attachment, sequence, position }),
        );
        return { sequence, reference };
      });
      return run();
    },
    get: (sequence: number) => one.get(sequence) ?? null,
    byReference: (reference: string) =>
      db
        .prepare<[string], OutboxRow>(`SELECT ${columns} FROM outbox_items WHERE reference = ?`)
        .get(reference) ?? null,
    /** Items to try now, oldest first. */
    due: (now: string) =>
      db
        .prepare<[string], OutboxRow>(
          `SELECT ${columns} FROM outbox_items WHERE state = 'waiting' AND next_attempt_at <= ?
           ORDER BY sequence`,
        )
        .all(now),
    nextAttemptAt: () =>
      (
        db
          .prepare<[], { at: string | null }>(
            `SELECT min(at) AS at FROM (
               SELECT next_attempt_at AS at FROM outbox_items WHERE state = 'waiting'
               UNION ALL SELECT next_attempt_at FROM outbox_sign_outs)`,
          )
          .get() ?? { at: null }
      ).at,
    /** Items not yet delivered of one customer (by pseudonym), for "Mis trámites". */
    pendingOf: (owner: string) =>
      db
        .prepare<[string], OutboxRow>(
          `SELECT ${columns} FROM outbox_items WHERE owner = ? AND state != 'delivered'
           ORDER BY sequence`,
        )
        .all(owner),
    /** Items waiting for a delivery credential that only the customer's session can get. */
    needingAuthOf: (owner: string) =>
      db
        .prepare<[string], OutboxRow>(
          `SELECT ${columns} FROM outbox_items WHERE owner = ? AND state = 'needs-auth' ORDER BY sequence`,
        )
        .all(owner),
    attachments: (sequence: number) =>
      db
        .prepare<[number], Omit<OutboxAttachmentRow, 'uploaded'> & { uploaded: number }>(
          `SELECT position, requirement_id AS requirementId, file_name AS fileName, sha256, size,
             pages, uploaded FROM outbox_attachments WHERE sequence = ? ORDER BY position`,
        )
        .all(sequence)
        .map((row) => ({ ...row, uploaded: row.uploaded === 1 })),
    fileNames: () =>
      db
        .prepare<[], { fileName: string }>('SELECT file_name AS fileName FROM outbox_attachments')
        .all()
        .map((row) => row.fileName),
    markUploaded: (sequence: number, position: number) =>
      db
        .prepare('UPDATE outbox_attachments SET uploaded = 1 WHERE sequence = ? AND position = ?')
        .run(sequence, position),
    setCredential(sequence: number, credential: Buffer, requestNumber: string | null) {
      update(
        "credential = @credential, request_number = coalesce(@requestNumber, request_number), state = CASE WHEN state = 'needs-auth' THEN 'waiting' ELSE state END",
      ).run({ sequence, credential, requestNumber });
    },
    scheduleRetry: (sequence: number, nextAttemptAt: string, error: string) =>
      retry.run({ sequence, nextAttemptAt, error }),
    settle: (sequence: number, state: 'rejected' | 'needs-auth', error: string) =>
      settle.run({ sequence, state, error }),
    /** Makes a needs-auth item due again (a new credential came, or staff asked). */
    wake: (sequence: number, now: string) =>
      db
        .prepare(
          `UPDATE outbox_items SET state = 'waiting', next_attempt_at = ?
           WHERE sequence = ? AND state = 'needs-auth'`,
        )
        .run(now, sequence),
    /** Delivered: keep the reference and the central's number; drop the data and the files' rows. */
    delivered(sequence: number, result: { requestId: string; number: string; at: string }) {
      db.transaction(() => {
        update(
          `state = 'delivered', payload = NULL, credential = NULL, last_error = NULL,
           request_id = @requestId, request_number = @number, delivered_at = @at,
           attempts = attempts + 1`,
        ).run({ sequence, ...result });
        db.prepare('DELETE FROM outbox_attachments WHERE sequence = ?').run(sequence);
      })();
    },
    /** The link is back: whatever waits for a retry may go now. */
    wakeWaiting(now: string) {
      db.prepare(
        "UPDATE outbox_items SET next_attempt_at = ? WHERE state = 'waiting' AND next_attempt_at > ?",
      ).run(now, now);
      db.prepare('UPDATE outbox_sign_outs SET next_attempt_at = ? WHERE next_attempt_at > ?').run(
        now,
        now,
      );
    },
    /** Items not delivered that hold a delivery credential (sealed), for a sign-out to name. */
    holdingCredentials: () =>
      db
        .prepare<[], Pick<OutboxRow, 'sequence' | 'idempotencyKey' | 'credential'>>(
          `SELECT sequence, idempotency_key AS idempotencyKey, credential FROM outbox_items
           WHERE state != 'delivered' AND credential IS NOT NULL ORDER BY sequence`,
        )
        .all(),
    lastSequence: () =>
      (
        db
          .prepare<[], { last: number | null }>('SELECT max(sequence) AS last FROM outbox_items')
          .get() ?? {
          last: null,
        }
      ).last ?? 0,
    spares: {
      put: (sessionId: string, purpose: string, credential: Buffer, at: string) =>
        db
          .prepare(
            'INSERT OR REPLACE INTO outbox_spares (session_id, purpose, credential, created_at) VALUES (?, ?, ?, ?)',
          )
          .run(sessionId, purpose, credential, at),
      /** Takes the spare out (the caller stores it with its item in the same transaction). */
      take(sessionId: string, purpose: string): Buffer | null {
        const row = db
          .prepare<[string, string], { credential: Buffer }>(
            'DELETE FROM outbox_spares WHERE session_id = ? AND purpose = ? RETURNING credential',
          )
          .get(sessionId, purpose);
        return row?.credential ?? null;
      },
      has: (sessionId: string, purpose: string) =>
        db
          .prepare('SELECT 1 FROM outbox_spares WHERE session_id = ? AND purpose = ?')
          .get(sessionId, purpose) !== undefined,
      /** `null`: every session's (at start: no session outlives the core's memory). */
      forget: (sessionId: string | null) =>
        sessionId === null
          ? db.prepare('DELETE FROM outbox_spares').run()
          : db.prepare('DELETE FROM outbox_spares WHERE session_id = ?').run(sessionId),
    },
    signOuts: {
      /** A sign-out to deliver (one per session: a second one for the same session is a no-op). */
      add(row: { sessionId: string; payload: Buffer; afterSequence: number; at: string }) {
        const added = db
          .prepare(
            `INSERT INTO outbox_sign_outs (session_id, payload, after_sequence, next_attempt_at, created_at)
             VALUES (@sessionId, @payload, @afterSequence, @at, @at) ON CONFLICT (session_id) DO NOTHING`,
          )
          .run(row);
        return Number(added.changes) === 1 ? Number(added.lastInsertRowid) : null;
      },
      get: (id: number) =>
        db
          .prepare<[number], OutboxSignOutRow>(
            `SELECT ${signOutColumns} FROM outbox_sign_outs WHERE id = ?`,
          )
          .get(id) ?? null,
      due: (now: string) =>
        db
          .prepare<[string], OutboxSignOutRow>(
            `SELECT ${signOutColumns} FROM outbox_sign_outs WHERE next_attempt_at <= ? ORDER BY id`,
          )
          .all(now),
      done: (id: number) => db.prepare('DELETE FROM outbox_sign_outs WHERE id = ?').run(id),
      scheduleRetry: (id: number, nextAttemptAt: string, error: string) =>
        db
          .prepare(
            'UPDATE outbox_sign_outs SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?',
          )
          .run(nextAttemptAt, error, id),
      count: () =>
        (
          db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox_sign_outs').get() ?? {
            n: 0,
          }
        ).n,
    },
    status() {
      return db
        .prepare<
          [],
          { waiting: number; rejected: number; needsAuth: number; oldestWaitingAt: string | null }
        >(
          `SELECT count(*) FILTER (WHERE state = 'waiting') AS waiting,
             count(*) FILTER (WHERE state = 'rejected') AS rejected,
             count(*) FILTER (WHERE state = 'needs-auth') AS needsAuth,
             min(created_at) FILTER (WHERE state IN ('waiting', 'needs-auth')) AS oldestWaitingAt
           FROM outbox_items`,
        )
        .get()!;
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;
