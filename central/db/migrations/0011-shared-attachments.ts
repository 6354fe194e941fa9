import { PostgresAdapter, type Kysely, type Migration } from 'kysely';

/**
 * Attachments kept in the database, for a central on PostgreSQL, which may run as several
 * instances behind a load balancer: the chunks of an upload in progress (`upload_chunks`, one row
 * per chunk, written in the same transaction that moves the upload's offset) and complete files
 * (`attachment_blobs`, content-addressed by sha-256). The embedded SQLite central keeps using its
 * folder and leaves these tables empty.
 */
export const sharedAttachments: Migration = {
  async up(db: Kysely<unknown>) {
    const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
    await db.schema
      .createTable('upload_chunks')
      .addColumn('upload_id', 'text', (column) =>
        column.notNull().references('uploads.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (column) => column.notNull())
      .addColumn('bytes', bytes, (column) => column.notNull())
      .addPrimaryKeyConstraint('upload_chunks_pk', ['upload_id', 'position'])
      .execute();
    await db.schema
      .createTable('attachment_blobs')
      .addColumn('sha256', 'text', (column) => column.primaryKey())
      .addColumn('size', 'integer', (column) => column.notNull())
      .addColumn('bytes', bytes, (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('attachment_blobs').execute();
    await db.schema.dropTable('upload_chunks').execute();
  },
};
