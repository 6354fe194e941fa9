import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { createDatabase, SQLITE_FILE_NAME } from './database.js';

describeEachEngine('createDatabase', (engine) => {
  it('opens the engine the location asks for', async () => {
    const location = await engine.newLocation();
    const database = createDatabase(
      location.databaseUrl ? { databaseUrl: location.databaseUrl } : location,
    );
    expect(database.engine).toBe(engine.name);
    const { rows } = await sql<{ answer: number }>`select 1 as answer`.execute(database.db);
    expect(rows).toEqual([{ answer: 1 }]);

    if (engine.name === 'sqlite') {
      expect(existsSync(path.join(location.dataDir, SQLITE_FILE_NAME))).toBe(true);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
    }

    await database.destroy();
    await expect(sql`select 1`.execute(database.db)).rejects.toThrow(/destroyed/);
  });

  it('can be destroyed without ever being used, twice', async () => {
    const location = await engine.newLocation();
    const database = createDatabase(
      location.databaseUrl ? { databaseUrl: location.databaseUrl } : location,
    );
    await database.destroy();
    await database.destroy();
  });
});
