import { expect, it } from 'vitest';
import { insertAccount } from '../../supplies/test-fixtures.js';
import { describeEachEngine } from '../../testing/engines.js';
import { schemaOf } from '../../testing/tables.js';
import { isUniqueViolation } from '../errors.js';
import { createMigrator } from '../migrate.js';

const now = '2026-01-01T00:00:00.000Z';
const upload = {
  id: 'u1',
  account_id: 'a1',
  sha256: 'f'.repeat(64),
  size: 10,
  received_bytes: 0,
  pages: null,
  created_at: now,
  expires_at: now,
  completed_at: null,
};
const request = {
  id: 'r1',
  number: 'T-2026-000001',
  request_type_id: 'alta-energia',
  title: 'Solicitud Alta Energía',
  account_id: 'a1',
  supply_number: null,
  kiosk_id: 'kiosco-1',
  fields: '{}',
  state: 'enviado',
  pending_step_id: null,
  created_at: now,
  updated_at: now,
};
const history = {
  request_id: 'r1',
  position: 0,
  state: 'enviado',
  message: 'Recibimos tu trámite.',
  step_id: null,
  actor: 'system',
  staff_id: null,
  at: now,
};

describeEachEngine('migration 0004-requests', (engine) => {
  it('creates uploads, requests and their history, tokens and idempotency keys, and drops them', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0004-requests')).error).toBeUndefined();
    const { columns } = await schemaOf(db);
    expect(columns('uploads')).toEqual(Object.keys(upload).sort());
    expect(columns('requests')).toEqual(Object.keys(request).sort());
    expect(columns('request_history')).toEqual(Object.keys(history).sort());

    await insertAccount(db, 'a1');
    await db.insertInto('uploads').values(upload).execute();
    // One upload per file and account: announcing the file again resumes the same one.
    await expect(
      db
        .insertInto('uploads')
        .values({ ...upload, id: 'u2' })
        .execute(),
    ).rejects.toSatisfy(isUniqueViolation);
    // The offset never passes the file's size.
    await expect(
      db
        .insertInto('uploads')
        .values({ ...upload, id: 'u3', sha256: 'e'.repeat(64), received_bytes: 11 })
        .execute(),
    ).rejects.toThrow(/check/i);

    await db.insertInto('requests').values(request).execute();
    await expect(
      db
        .insertInto('requests')
        .values({ ...request, id: 'r2' })
        .execute(),
    ).rejects.toSatisfy(isUniqueViolation);
    await expect(
      db
        .insertInto('requests')
        .values({ ...request, id: 'r3', number: 'T-2026-000003', state: 'perdido' })
        .execute(),
    ).rejects.toThrow(/check/i);
    await db.insertInto('request_history').values(history).execute();
    // Two changes racing for the same place in the history: one fails.
    await expect(db.insertInto('request_history').values(history).execute()).rejects.toSatisfy(
      isUniqueViolation,
    );

    const key = {
      account_id: 'a1',
      key: '6f1c7d1e-8a53-4a4e-9d7e-0c8f6c1b2a3d',
      operation: 'submitRequest',
      fingerprint: 'x',
      claim_id: 'c1',
      claimed_at: now,
      response_status: null,
      response_body: null,
      completed_at: null,
    };
    await db.insertInto('idempotency_keys').values(key).execute();
    await expect(
      db
        .insertInto('idempotency_keys')
        .values({ ...key, claim_id: 'c2' })
        .execute(),
    ).rejects.toSatisfy(isUniqueViolation);

    await db.insertInto('request_numbers').values({ year: 2026, last_number: 1 }).execute();

    const down = await migrator.migrateTo('0003-supplies');
    expect(down.error).toBeUndefined();
    const left = (await schemaOf(db)).names;
    for (const table of [
      'uploads',
      'request_numbers',
      'requests',
      'delivery_tokens',
      'request_attachments',
      'request_history',
      'notifications',
      'idempotency_keys',
    ]) {
      expect(left).not.toContain(table);
    }
    expect(left).toContain('supplies');
  });
});
