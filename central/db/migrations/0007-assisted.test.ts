import { expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/engines.js';
import { schemaOf } from '../../testing/tables.js';
import { isUniqueViolation } from '../errors.js';
import { createMigrator } from '../migrate.js';

const now = '2026-01-01T00:00:00.000Z';

describeEachEngine('migration 0007-assisted', (engine) => {
  it('adds assisted sessions, tied to a session and a staff member, and removes them', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0007-assisted')).error).toBeUndefined();
    await db
      .insertInto('accounts')
      .values({
        id: 'a1',
        email: 'juan@example.com',
        password_hash: 'x',
        first_name: 'Juan',
        last_name: 'Gómez',
        document_type: 'DNI',
        document_number: '20345678',
        birth_date: '1985-04-12',
        phone: '03434567890',
        created_at: now,
        activated_at: now,
      })
      .execute();
    await db
      .insertInto('sessions')
      .values({
        token_hash: 't1',
        account_id: 'a1',
        kiosk: 'k1',
        created_at: now,
        expires_at: now,
        ended_at: null,
      })
      .execute();
    await db
      .insertInto('staff_members')
      .values({
        id: 's1',
        email: 'mostrador@copelco.example',
        name: 'Laura Díaz',
        role: 'staff',
        password_hash: 'x',
        created_at: now,
        disabled_at: null,
        pin_hash: null,
        badge_hash: null,
      } as never)
      .execute();
    const assisted = {
      token_hash: 't1',
      staff_id: 's1',
      kiosk_id: 'k1',
      reason: 'No tiene celular',
      created_at: now,
    };
    await db.insertInto('assisted_sessions').values(assisted).execute();
    expect((await schemaOf(db)).columns('assisted_sessions')).toEqual(Object.keys(assisted).sort());
    await expect(db.insertInto('assisted_sessions').values(assisted).execute()).rejects.toSatisfy(
      isUniqueViolation,
    );
    await expect(
      db
        .insertInto('assisted_sessions')
        .values({ ...assisted, token_hash: 'nadie' })
        .execute(),
    ).rejects.toThrow(/foreign/i);

    expect((await migrator.migrateTo('0006-fleet')).error).toBeUndefined();
    expect((await schemaOf(db)).names).not.toContain('assisted_sessions');
  });
});
