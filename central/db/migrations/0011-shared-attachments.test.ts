import { expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/engines.js';
import { schemaOf } from '../../testing/tables.js';
import { createMigrator } from '../migrate.js';

describeEachEngine('migration 0011-shared-attachments', (engine) => {
  it('adds the tables of chunks and files kept in the database, and takes them away again', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0011-shared-attachments')).error).toBeUndefined();
    const at = '2026-01-01T00:00:00.000Z';
    await db
      .insertInto('attachment_blobs')
      .values({ sha256: 'ab', size: 3, bytes: Buffer.from('pdf'), created_at: at })
      .execute();
    const blob = await db.selectFrom('attachment_blobs').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.from(blob.bytes).toString()).toBe('pdf');
    expect((await schemaOf(db)).columns('upload_chunks')).toEqual([
      'bytes',
      'position',
      'upload_id',
    ]);

    expect((await migrator.migrateTo('0010-staff-roles')).error).toBeUndefined();
    const names = (await schemaOf(db)).names;
    expect(names).not.toContain('attachment_blobs');
    expect(names).not.toContain('upload_chunks');
  });
});
