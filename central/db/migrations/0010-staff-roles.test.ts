import { expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/engines.js';
import { schemaOf } from '../../testing/tables.js';
import { createMigrator } from '../migrate.js';

const now = '2026-01-01T00:00:00.000Z';
const member = {
  id: 's1',
  email: 'mostrador@copelco.example',
  name: 'Laura Díaz',
  role: 'staff',
  password_hash: 'x',
  created_at: now,
  disabled_at: null,
};

describeEachEngine('migration 0010-staff-roles', (engine) => {
  it('gives every member of before the role mostrador, and takes only staff roles', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0009-mail-outbox')).error).toBeUndefined();
    await db.insertInto('staff_members').values(member).execute();
    await db
      .insertInto('staff_members')
      .values({ ...member, id: 's2', email: 'it@copelco.example' })
      .execute();
    expect((await migrator.migrateTo('0010-staff-roles')).error).toBeUndefined();

    const roles = await db
      .selectFrom('staff_member_roles')
      .select(['staff_id', 'role', 'granted_at'])
      .orderBy('staff_id')
      .execute();
    expect(roles).toEqual([
      { staff_id: 's1', role: 'mostrador', granted_at: now },
      { staff_id: 's2', role: 'mostrador', granted_at: now },
    ]);
    expect((await schemaOf(db)).columns('staff_members')).not.toContain('role');
    await db
      .insertInto('staff_member_roles')
      .values({ staff_id: 's2', role: 'sistemas', granted_at: now })
      .execute();
    await expect(
      db
        .insertInto('staff_member_roles')
        .values({ staff_id: 's2', role: 'staff', granted_at: now })
        .execute(),
    ).rejects.toThrow(/check/i);
    await expect(
      db
        .insertInto('staff_member_roles')
        .values({ staff_id: 's2', role: 'sistemas', granted_at: now })
        .execute(),
    ).rejects.toThrow();

    expect((await migrator.migrateTo('0009-mail-outbox')).error).toBeUndefined();
    expect((await schemaOf(db)).columns('staff_members')).toContain('role');
    expect((await schemaOf(db)).names).not.toContain('staff_member_roles');
  });
});
