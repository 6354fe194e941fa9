import type { Kysely, Migration } from 'kysely';

/**
 * Delivery tokens die with the session that minted them: each remembers its session (by the
 * session token's hash), when a sign-out named it as carrying a queued delivery, and when it was
 * killed (a sign-out that did not name it, a password reset). Tokens issued before this have no
 * session and live out their day as before.
 */
export const deliveryTokenSessions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('delivery_tokens').addColumn('session_hash', 'text').execute();
    await db.schema.alterTable('delivery_tokens').addColumn('named_at', 'text').execute();
    await db.schema.alterTable('delivery_tokens').addColumn('revoked_at', 'text').execute();
    await db.schema
      .createIndex('delivery_tokens_session')
      .on('delivery_tokens')
      .column('session_hash')
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('delivery_tokens_session').execute();
    for (const column of ['revoked_at', 'named_at', 'session_hash']) {
      await db.schema.alterTable('delivery_tokens').dropColumn(column).execute();
    }
  },
};
