import { expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/engines.js';
import { schemaOf } from '../../testing/tables.js';
import { createMigrator } from '../migrate.js';

describeEachEngine('migration 0009-mail-outbox', (engine) => {
  it('adds the mail outbox, new mails waiting with no attempt, and takes it away again', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0009-mail-outbox')).error).toBeUndefined();
    const at = '2026-01-01T00:00:00.000Z';
    await db
      .insertInto('mail_outbox')
      .values({
        id: 'm1',
        to_address: 'ana@example.com',
        subject: 'Aviso',
        text_body: 'Hola',
        html_body: '<p>Hola</p>',
        state: 'waiting',
        created_at: at,
        next_attempt_at: at,
        claimed_until: null,
        claim_token: null,
        sent_at: null,
        last_error: null,
      })
      .execute();
    const row = await db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(Number(row.attempts)).toBe(0);

    expect((await migrator.migrateTo('0008-update-channel')).error).toBeUndefined();
    expect((await schemaOf(db)).names).not.toContain('mail_outbox');
  });
});
