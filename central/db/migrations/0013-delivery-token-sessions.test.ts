import { expect, it } from 'vitest';
import { insertAccount } from '../../supplies/test-fixtures.js';
import { describeEachEngine } from '../../testing/engines.js';
import { schemaOf } from '../../testing/tables.js';
import { createMigrator } from '../migrate.js';

const now = '2026-01-01T00:00:00.000Z';
const token = {
  token_hash: 't1',
  account_id: 'a1',
  purpose: 'request',
  request_id: null,
  request_number: 'T-2026-000001',
  kiosk: 'kiosco-1',
  created_at: now,
  expires_at: now,
  used_at: null,
  used_key: null,
};

describeEachEngine('migration 0013-delivery-token-sessions', (engine) => {
  it('gives delivery tokens their session, naming and death; older tokens have none', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0012-bandeja')).error).toBeUndefined();
    await insertAccount(db, 'a1');
    // Written as the code before this migration wrote it.
    await db.insertInto('delivery_tokens').values(token).execute();
    expect((await migrator.migrateTo('0013-delivery-token-sessions')).error).toBeUndefined();
    const row = await db.selectFrom('delivery_tokens').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ session_hash: null, named_at: null, revoked_at: null });

    expect((await migrator.migrateTo('0012-bandeja')).error).toBeUndefined();
    expect((await schemaOf(db)).columns('delivery_tokens')).toEqual(Object.keys(token).sort());
  });
});
