import type { SqliteDatabase } from './database.js';

export type DraftRow = { sessionId: string; owner: string; expiresAt: string; body: Buffer };

/** Requests in progress (sealed by the caller), one per customer session. */
export function createDraftStore(db: SqliteDatabase) {
  const select = db.prepare<[string], DraftRow>(
    `SELECT session_id AS sessionId, owner, expires_at AS expiresAt, body
     FROM request_drafts WHERE session_id = ?`,
  );
  const upsert = db.prepare(
    `INSERT INTO request_drafts (session_id, owner, expires_at, body, updated_at)
     VALUES (@sessionId, @owner, @expiresAt, @body, @now)
     ON CONFLICT (session_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  );
  const selectFile = db.prepare<[string, string], { body: Buffer }>(
    'SELECT body FROM request_draft_files WHERE session_id = ? AND file_id = ?',
  );

  return {
    get: (sessionId: string) => select.get(sessionId) ?? null,
    put: (row: DraftRow, now: string) => upsert.run({ ...row, now }),
    putFile: (sessionId: string, fileId: string, body: Buffer) =>
      db
        .prepare(
          'INSERT OR REPLACE INTO request_draft_files (session_id, file_id, body) VALUES (?, ?, ?)',
        )
        .run(sessionId, fileId, body),
    getFile: (sessionId: string, fileId: string) => selectFile.get(sessionId, fileId)?.body ?? null,
    deleteFile: (sessionId: string, fileId: string) =>
      db
        .prepare('DELETE FROM request_draft_files WHERE session_id = ? AND file_id = ?')
        .run(sessionId, fileId),
    /** Removes the draft and its files; true when there was one. */
    delete: (sessionId: string) =>
      db.prepare('DELETE FROM request_drafts WHERE session_id = ?').run(sessionId).changes > 0,
    /**
     * A new sign-in: drafts of anyone else and expired ones go (one customer at a kiosk), and the
     * same customer's live draft, left by a crash, moves to the new session.
     */
    handOver(owner: string, sessionId: string, expiresAt: string, now: string): boolean {
      return db.transaction(() => {
        db.prepare('DELETE FROM request_drafts WHERE owner != ? OR expires_at <= ?').run(
          owner,
          now,
        );
        const moved = db
          .prepare(
            `UPDATE request_drafts SET session_id = ?, expires_at = ?
             WHERE session_id = (SELECT session_id FROM request_drafts WHERE owner = ?
                                 ORDER BY updated_at DESC LIMIT 1)`,
          )
          .run(sessionId, expiresAt, owner);
        db.prepare('DELETE FROM request_drafts WHERE owner = ? AND session_id != ?').run(
          owner,
          sessionId,
        );
        return moved.changes > 0;
      })();
    },
    purgeExpired: (now: string) =>
      db.prepare('DELETE FROM request_drafts WHERE expires_at <= ?').run(now).changes,
  };
}

export type DraftStore = ReturnType<typeof createDraftStore>;
