import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../database.js';
import { settings } from './0001-settings.js';
import { catalogCache } from './0002-catalog-cache.js';
import { outbox } from './0003-outbox.js';
import { requestDrafts } from './0004-request-drafts.js';
import { outboxSignOuts } from './0005-outbox-sign-outs.js';
import { kioskMigrations } from './index.js';

function columns(db: Database.Database, table: string) {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

describe('kiosk migrations', () => {
  it('are listed in order, one per file, numbered 1..n', () => {
    expect(kioskMigrations.map((m) => m.version)).toEqual(kioskMigrations.map((_, i) => i + 1));
  });

  it('0001-settings creates a key/value table with a unique key', () => {
    const db = new Database(':memory:');
    migrate(db, [settings]);
    expect(columns(db, 'settings')).toEqual(['key', 'value', 'updated_at']);
    const insert = db.prepare('INSERT INTO settings VALUES (?, ?, ?)');
    insert.run('kiosk-id', '"k1"', '2026-01-01T00:00:00.000Z');
    expect(() => insert.run('kiosk-id', '"k2"', '2026-01-01T00:00:00.000Z')).toThrow(/UNIQUE/);
    db.close();
  });

  it('0002-catalog-cache keeps exactly one cached catalogue', () => {
    const db = new Database(':memory:');
    migrate(db, [settings, catalogCache]);
    expect(columns(db, 'catalog_cache')).toEqual(['id', 'etag', 'body', 'synced_at']);
    const insert = db.prepare('INSERT INTO catalog_cache VALUES (?, ?, ?, ?)');
    insert.run(1, '"a"', '{}', '2026-01-01T00:00:00.000Z');
    expect(() => insert.run(2, '"b"', '{}', '2026-01-01T00:00:00.000Z')).toThrow(/CHECK/);
    db.close();
  });

  it('0003-outbox numbers items without reuse and keeps attachments with their item', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [settings, catalogCache, outbox]);
    const insert = db.prepare(
      `INSERT INTO outbox_items (idempotency_key, kind, reference, owner, payload, state,
         next_attempt_at, created_at) VALUES (?, 'request', ?, 'o', x'00', 'waiting', 't', 't')`,
    );
    const first = insert.run('k1', 'r1').lastInsertRowid;
    db.prepare(
      `INSERT INTO outbox_attachments (sequence, position, requirement_id, file_name, sha256, size, pages)
       VALUES (?, 0, 'dni', 'f1', 'h', 1, 1)`,
    ).run(first);
    expect(() => insert.run('k1', 'r2')).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM outbox_items WHERE sequence = ?').run(first);
    expect(db.prepare('SELECT count(*) AS n FROM outbox_attachments').get()).toEqual({ n: 0 });
    expect(insert.run('k2', 'r2').lastInsertRowid).toBe(Number(first) + 1);
    // Only a delivered item may lose its payload.
    expect(() =>
      db.prepare("UPDATE outbox_items SET payload = NULL WHERE idempotency_key = 'k2'").run(),
    ).toThrow(/CHECK/);
    db.close();
  });

  it('0004-request-drafts keys drafts by session and carries their files along', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [settings, catalogCache, outbox, requestDrafts]);
    expect(columns(db, 'request_drafts')).toEqual([
      'session_id',
      'owner',
      'expires_at',
      'body',
      'updated_at',
    ]);
    db.prepare("INSERT INTO request_drafts VALUES ('s1', 'o', 't', x'00', 't')").run();
    db.prepare("INSERT INTO request_draft_files VALUES ('s1', 'f1', x'00')").run();
    db.prepare("UPDATE request_drafts SET session_id = 's2'").run();
    expect(db.prepare('SELECT session_id FROM request_draft_files').get()).toEqual({
      session_id: 's2',
    });
    db.prepare('DELETE FROM request_drafts').run();
    expect(db.prepare('SELECT count(*) AS n FROM request_draft_files').get()).toEqual({ n: 0 });
    db.close();
  });

  it('0005-outbox-sign-outs keeps one waiting sign-out per session, and the spare tokens', () => {
    const db = new Database(':memory:');
    migrate(db, [settings, catalogCache, outbox, requestDrafts, outboxSignOuts]);
    expect(columns(db, 'outbox_sign_outs')).toEqual([
      'id',
      'session_id',
      'payload',
      'after_sequence',
      'attempts',
      'next_attempt_at',
      'last_error',
      'created_at',
    ]);
    const insert = db.prepare(
      "INSERT INTO outbox_sign_outs (session_id, payload, after_sequence, next_attempt_at, created_at) VALUES (?, x'00', 0, 't', 't')",
    );
    insert.run('s1');
    expect(() => insert.run('s1')).toThrow(/UNIQUE/);
    expect(columns(db, 'outbox_spares')).toEqual([
      'session_id',
      'purpose',
      'credential',
      'created_at',
    ]);
    db.close();
  });
});
