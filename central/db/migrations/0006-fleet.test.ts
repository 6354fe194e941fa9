import { expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/engines.js';
import { schemaOf } from '../../testing/tables.js';
import { isUniqueViolation } from '../errors.js';
import { createMigrator } from '../migrate.js';

const now = '2026-01-01T00:00:00.000Z';
const member = {
  id: 's1',
  email: 'mostrador@copelco.example',
  name: 'Laura Díaz',
  role: 'staff',
  password_hash: '$argon2id$...',
  created_at: now,
  disabled_at: null,
};
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
const session = {
  token_hash: 't0',
  staff_id: 's1',
  kiosk: '127.0.0.1 k1',
  created_at: now,
  expires_at: now,
  ended_at: null,
};

describeEachEngine('migration 0006-fleet', (engine) => {
  it('adds kiosks, codes, heartbeats, PINs, badges and kiosk-scoped sessions, and removes them', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0005-staff')).error).toBeUndefined();
    // A session made before this migration keeps working: its scope is the staff API's.
    await db.insertInto('staff_members').values(member).execute();
    await db.insertInto('staff_sessions').values(session).execute();
    expect((await migrator.migrateTo('0006-fleet')).error).toBeUndefined();

    const schema = await schemaOf(db);
    expect(schema.columns('kiosks')).toEqual(Object.keys(kiosk).sort());
    expect(schema.columns('kiosk_heartbeats')).toEqual(['id', 'kiosk_id', 'received_at', 'report']);
    expect(schema.columns('staff_members')).toEqual(
      [...Object.keys(member), 'pin_hash', 'badge_hash'].sort(),
    );
    const old = await db
      .selectFrom('staff_sessions')
      .select(['scope', 'kiosk_id', 'last_used_at'])
      .executeTakeFirstOrThrow();
    expect(old).toEqual({ scope: 'central', kiosk_id: null, last_used_at: null });
    await expect(
      db
        .insertInto('staff_sessions')
        .values({ ...session, token_hash: 't1', scope: 'todo' })
        .execute(),
    ).rejects.toThrow(/check/i);

    // One badge per member; members without one are fine.
    await db
      .insertInto('staff_members')
      .values({ ...member, id: 's2', email: 'b@c.example' })
      .execute();
    await db
      .updateTable('staff_members')
      .set({ badge_hash: 'b1' })
      .where('id', '=', 's1')
      .execute();
    await expect(
      db.updateTable('staff_members').set({ badge_hash: 'b1' }).where('id', '=', 's2').execute(),
    ).rejects.toSatisfy(isUniqueViolation);

    await db.insertInto('kiosks').values(kiosk).execute();
    await expect(
      db
        .insertInto('kiosks')
        .values({ ...kiosk, id: 'k2' })
        .execute(),
    ).rejects.toSatisfy(isUniqueViolation);
    await db
      .insertInto('kiosk_heartbeats')
      .values({ id: 'hb1', kiosk_id: 'k1', received_at: now, report: '{}' })
      .execute();
    await expect(
      db
        .insertInto('kiosk_heartbeats')
        .values({ id: 'hb2', kiosk_id: 'nadie', received_at: now, report: '{}' })
        .execute(),
    ).rejects.toThrow(/foreign/i);
    await db
      .insertInto('kiosk_enrolment_codes')
      .values({
        code_hash: 'c1',
        branch: 'Sucursal Centro',
        created_at: now,
        expires_at: now,
        created_by: null,
        used_at: null,
        used_by: null,
      })
      .execute();

    expect((await migrator.migrateTo('0005-staff')).error).toBeUndefined();
    const left = await schemaOf(db);
    for (const table of ['kiosks', 'kiosk_heartbeats', 'kiosk_enrolment_codes']) {
      expect(left.names).not.toContain(table);
    }
    expect(left.columns('staff_members')).toEqual(Object.keys(member).sort());
    expect(left.columns('staff_sessions')).toEqual(Object.keys(session).sort());
  });
});
