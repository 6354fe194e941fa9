import { expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/engines.js';
import { schemaOf } from '../../testing/tables.js';
import { createMigrator } from '../migrate.js';

const now = '2026-01-01T00:00:00.000Z';
const kiosk = {
  id: 'k1',
  branch: 'Sucursal Centro',
  credential_hash: 'h1',
  enrolled_at: now,
  revoked_at: null,
  revoked_by: null,
  revoke_reason: null,
  last_seen_at: null,
  last_heartbeat: null,
};

describeEachEngine('migration 0008-update-channel', (engine) => {
  it('gives every kiosk, enrolled before or after, the stable channel until IT says otherwise', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0007-assisted')).error).toBeUndefined();
    await db.insertInto('kiosks').values(kiosk).execute();
    expect((await migrator.migrateTo('0008-update-channel')).error).toBeUndefined();
    await db
      .insertInto('kiosks')
      .values({ ...kiosk, id: 'k2', credential_hash: 'h2' })
      .execute();
    const channels = await db
      .selectFrom('kiosks')
      .select(['id', 'update_channel'])
      .orderBy('id')
      .execute();
    expect(channels).toEqual([
      { id: 'k1', update_channel: 'stable' },
      { id: 'k2', update_channel: 'stable' },
    ]);

    expect((await migrator.migrateTo('0007-assisted')).error).toBeUndefined();
    expect((await schemaOf(db)).columns('kiosks')).toEqual(Object.keys(kiosk).sort());
  });
});
