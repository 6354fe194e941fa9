import type { Kysely, Migration } from 'kysely';

/**
 * The back office's "Bandeja" lists requests oldest first, all states or by type, and by the
 * branch of the kiosk they were filed at: indexes so that thousands of requests page as fast as
 * a dozen (`requests_state_created` already serves one state).
 */
export const bandeja: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('requests_created_number')
      .on('requests')
      .columns(['created_at', 'number'])
      .execute();
    await db.schema
      .createIndex('requests_type_created')
      .on('requests')
      .columns(['request_type_id', 'created_at'])
      .execute();
    await db.schema.createIndex('requests_kiosk').on('requests').column('kiosk_id').execute();
    await db.schema.createIndex('kiosks_branch').on('kiosks').column('branch').execute();
  },
  async down(db: Kysely<unknown>) {
    for (const index of [
      'kiosks_branch',
      'requests_kiosk',
      'requests_type_created',
      'requests_created_number',
    ]) {
      await db.schema.dropIndex(index).execute();
    }
  },
};
