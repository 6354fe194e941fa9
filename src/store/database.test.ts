import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../testing/use-temp-dir.js';
import { integrityCheck, migrate, openDatabase } from './database.js';
import { kioskMigrations } from './migrations/index.js';

const temp = useTempDir();

describe('openDatabase', () => {
  it('opens in WAL with synchronous=FULL and brings the schema to the latest version', () => {
    const db = openDatabase(path.join(temp.dir, 'a.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 2 = FULL
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(kioskMigrations.length);
    expect(integrityCheck(db)).toBe('ok');
    db.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    const file = path.join(temp.dir, 'b.sqlite');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(kioskMigrations.length);
    db.close();
  });

  it('refuses a database written by a newer version of the app', () => {
    const file = path.join(temp.dir, 'c.sqlite');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(/newer than this app/);
  });

  it('rolls back a migration that fails halfway and keeps the previous version', () => {
    const db = new Database(path.join(temp.dir, 'd.sqlite'));
    const broken = {
      version: 1,
      name: 'broken',
      up(target: Database.Database) {
        target.exec('CREATE TABLE half (x TEXT)');
        target.exec('THIS IS NOT SQL');
      },
    };
    expect(() => migrate(db, [broken])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").all();
    expect(tables).toEqual([]);
    db.close();
  });

  it('refuses migrations that are not numbered 1..n', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'gap', up: () => {} }])).toThrow(/numbered/);
    db.close();
  });
});
