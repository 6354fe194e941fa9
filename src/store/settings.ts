import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from './database.js';

/** Kiosk-wide values that must survive a restart (never anything of a customer). */
export function createSettings(db: SqliteDatabase, now: () => Date = () => new Date()) {
  const select = db.prepare<[string], { value: string }>(
    'SELECT value FROM settings WHERE key = ?',
  );
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );

  function get(key: string): string | null {
    const row = select.get(key);
    if (!row) return null;
    const value: unknown = JSON.parse(row.value);
    return typeof value === 'string' ? value : null;
  }

  function set(key: string, value: string) {
    upsert.run(key, JSON.stringify(value), now().toISOString());
  }

  return {
    get,
    set,
    /** This kiosk's own id, made once and kept: the central counts attempts per kiosk with it. */
    kioskId(): string {
      const existing = get('kioskId');
      if (existing) return existing;
      const id = randomUUID();
      set('kioskId', id);
      return id;
    },
  };
}

export type KioskSettings = ReturnType<typeof createSettings>;
