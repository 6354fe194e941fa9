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

describeEachEngine('migration 0005-staff', (engine) => {
  it('creates staff members, their sessions and the audit log, and drops them', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0005-staff')).error).toBeUndefined();
    expect((await schemaOf(db)).columns('staff_members')).toEqual(Object.keys(member).sort());

    await db.insertInto('staff_members').values(member).execute();
    await expect(
      db
        .insertInto('staff_members')
        .values({ ...member, id: 's2' })
        .execute(),
    ).rejects.toSatisfy(isUniqueViolation);
    await expect(
      db
        .insertInto('staff_members')
        .values({ ...member, id: 's3', email: 'it@copelco.example', role: 'dios' } as never)
        .execute(),
    ).rejects.toThrow(/check/i);
    await db
      .insertInto('staff_sessions')
      .values({
        token_hash: 'h',
        staff_id: 's1',
        kiosk: '127.0.0.1 kiosco-1',
        created_at: now,
        expires_at: now,
        ended_at: null,
      })
      .execute();
    const entry = {
      id: 'e1',
      staff_id: 's1',
      kiosk_id: 'kiosco-1',
      account_id: null,
      request_id: null,
      action: 'sign-in',
      detail: null,
      at: now,
    };
    await db.insertInto('staff_audit').values(entry).execute();
    // The log names a real staff member.
    await expect(
      db
        .insertInto('staff_audit')
        .values({ ...entry, id: 'e2', staff_id: 'nadie' })
        .execute(),
    ).rejects.toThrow(/foreign/i);

    const down = await migrator.migrateTo('0004-requests');
    expect(down.error).toBeUndefined();
    const left = (await schemaOf(db)).names;
    for (const table of ['staff_members', 'staff_sessions', 'staff_audit']) {
      expect(left).not.toContain(table);
    }
    expect(left).toContain('requests');
  });
});
