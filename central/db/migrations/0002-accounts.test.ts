import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/engines.js';
import { schemaOf } from '../../testing/tables.js';
import { isUniqueViolation } from '../errors.js';
import { createMigrator } from '../migrate.js';

const now = '2026-01-01T00:00:00.000Z';
const account = {
  id: 'a1',
  email: 'ana@example.com',
  password_hash: '$argon2id$...',
  first_name: 'Ana',
  last_name: 'Pérez',
  document_type: 'DNI',
  document_number: '30123456',
  birth_date: '1980-05-25',
  phone: '3514567890',
  activated_at: null,
  created_at: now,
};
const code = {
  id: 'c1',
  account_id: 'a1',
  purpose: 'activation' as const,
  code_hash: 'h',
  link_token_hash: 'l1',
  expires_at: now,
  used_at: null,
  revoked_at: null,
  created_at: now,
};

describeEachEngine('migration 0002-accounts', (engine) => {
  it('creates accounts, codes, sessions and throttle counters with their constraints, and drops them', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0002-accounts')).error).toBeUndefined();

    const { columns } = await schemaOf(db);
    expect(columns('accounts')).toEqual(Object.keys(account).sort());
    expect(columns('verification_codes')).toEqual([...Object.keys(code), 'failed_attempts'].sort());
    expect(columns('sessions')).toEqual(
      ['account_id', 'created_at', 'ended_at', 'expires_at', 'kiosk', 'token_hash'].sort(),
    );
    expect(columns('throttle_counters')).toEqual(
      ['blocked_until', 'count', 'key', 'window_start'].sort(),
    );

    await db.insertInto('accounts').values(account).execute();
    const sameEmail = db
      .insertInto('accounts')
      .values({ ...account, id: 'a2', document_number: '30999999' })
      .execute();
    await expect(sameEmail).rejects.toSatisfy(isUniqueViolation);
    const sameDocument = db
      .insertInto('accounts')
      .values({ ...account, id: 'a3', email: 'otra@example.com' })
      .execute();
    await expect(sameDocument).rejects.toSatisfy(isUniqueViolation);
    // The same number under another document type is another document.
    await db
      .insertInto('accounts')
      .values({ ...account, id: 'a4', email: 'le@example.com', document_type: 'LE' })
      .execute();

    await db.insertInto('verification_codes').values(code).execute();
    const stored = await db
      .selectFrom('verification_codes')
      .select('failed_attempts')
      .executeTakeFirstOrThrow();
    expect(stored.failed_attempts).toBe(0);
    await expect(
      db
        .insertInto('verification_codes')
        .values({ ...code, id: 'c2', purpose: 'otra' as 'activation', link_token_hash: 'l2' })
        .execute(),
    ).rejects.toThrow(/check/i);
    await expect(
      db
        .insertInto('verification_codes')
        .values({ ...code, id: 'c3', account_id: 'nadie', link_token_hash: 'l3' })
        .execute(),
    ).rejects.toThrow(/foreign key/i);

    await db
      .insertInto('sessions')
      .values({
        token_hash: 't',
        account_id: 'a1',
        kiosk: '127.0.0.1 k1',
        created_at: now,
        expires_at: now,
        ended_at: null,
      })
      .execute();
    // Deleting an account takes its codes and sessions with it.
    await db.deleteFrom('accounts').where('id', '=', 'a1').execute();
    expect(await db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('verification_codes').selectAll().execute()).toEqual([]);

    await db
      .insertInto('throttle_counters')
      .values({ key: 'k', window_start: now, count: 1, blocked_until: null })
      .execute();
    await expect(
      db
        .insertInto('throttle_counters')
        .values({ key: 'k', window_start: now, count: 1, blocked_until: null })
        .execute(),
    ).rejects.toSatisfy(isUniqueViolation);

    expect((await migrator.migrateTo('0001-catalog')).error).toBeUndefined();
    const left = (await db.introspection.getTables()).map((t) => t.name);
    for (const table of ['accounts', 'verification_codes', 'sessions', 'throttle_counters']) {
      expect(left).not.toContain(table);
    }
    expect(left).toContain('request_types');
    await sql`select 1`.execute(db);
  });
});
