import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { createDatabase } from '../../central/db/index.js';
import type { TestLocation } from '../../central/testing/engines.js';
import { attachmentFiles, type AttachmentFiles } from '../../central/uploads/file-store.js';
import { kioskDatabase, readLedger, type LedgerItem } from './commit-ledger.js';

/** What a customer was told at "Enviar": the receipt's reference and number. */
export type Told = { reference: string; number: string | null };

type KioskRow = {
  sequence: number;
  reference: string;
  state: string;
  lastError: string | null;
  requestId: string | null;
  requestNumber: string | null;
};

/**
 * "Nothing lost", checked the same way after every fault run:
 * - the kiosk's SQLite file passes `PRAGMA integrity_check`;
 * - every item the kiosk committed (the ledger) is delivered: the outbox is empty, and no sealed
 *   attachment file is left;
 * - each is at the central exactly once: its idempotency key recorded with the request it made,
 *   that request's number the kiosk's, and the account has no request besides these;
 * - each attachment at the central is the committed one: same hashes, and the stored file hashes
 *   to its name with the committed size;
 * - every receipt a customer got names one of these, with the number the request kept.
 * Answers how many requests and attachments it checked.
 */
export async function expectNothingLost(input: {
  kioskDir: string;
  central: TestLocation;
  told: readonly Told[];
}): Promise<{ requests: number; attachments: number }> {
  const problems: string[] = [];
  const kiosk = new Database(kioskDatabase(input.kioskDir));
  let ledger: LedgerItem[];
  let rows: KioskRow[];
  try {
    const integrity = kiosk.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`kiosk integrity_check: ${String(integrity)}`);
    ledger = readLedger(kiosk);
    rows = kiosk
      .prepare<[], KioskRow>(
        `SELECT sequence, reference, state, last_error AS lastError, request_id AS requestId,
           request_number AS requestNumber FROM outbox_items ORDER BY sequence`,
      )
      .all();
  } finally {
    kiosk.close();
  }
  const rowOf = new Map(rows.map((row) => [row.sequence, row]));
  for (const row of rows) {
    if (row.state !== 'delivered') {
      problems.push(`outbox ${row.reference} is ${row.state}: ${row.lastError ?? ''}`);
    }
  }
  const sealed = filesIn(path.join(input.kioskDir, 'outbox'));
  if (sealed.length) problems.push(`sealed files left in the outbox: ${sealed.join(', ')}`);

  const central = createDatabase(
    input.central.databaseUrl
      ? { databaseUrl: input.central.databaseUrl }
      : { dataDir: input.central.dataDir },
  );
  // The central's own store: the data folder on SQLite, the database's rows on PostgreSQL.
  const store = attachmentFiles(central.engine, central.db, input.central.dataDir);
  let attachments = 0;
  try {
    const keys = ledger.map((item) => item.idempotencyKey);
    const recorded = keys.length
      ? await central.db
          .selectFrom('idempotency_keys')
          .selectAll()
          .where('key', 'in', keys)
          .execute()
      : [];
    const accounts = new Set(recorded.map((row) => row.account_id));
    const requests = accounts.size
      ? await central.db
          .selectFrom('requests')
          .select(['id', 'number', 'account_id'])
          .where('account_id', 'in', [...accounts])
          .execute()
      : [];
    const files = requests.length
      ? await central.db
          .selectFrom('request_attachments')
          .select(['request_id', 'sha256', 'size'])
          .where(
            'request_id',
            'in',
            requests.map((request) => request.id),
          )
          .execute()
      : [];

    for (const item of ledger) {
      const row = rowOf.get(item.sequence);
      const at = `item ${row?.reference ?? item.sequence}`;
      const keyRows = recorded.filter((entry) => entry.key === item.idempotencyKey);
      if (keyRows.length !== 1 || keyRows[0]?.completed_at === null) {
        problems.push(`${at}: ${keyRows.length} completed idempotency records at the central`);
        continue;
      }
      const answered = JSON.parse(keyRows[0]?.response_body ?? '{}') as { id?: string };
      const request = requests.find((candidate) => candidate.id === answered.id);
      if (!request) {
        problems.push(`${at}: its request ${answered.id} is not at the central`);
        continue;
      }
      if (row?.requestId !== request.id || row.requestNumber !== request.number) {
        problems.push(`${at}: kiosk has ${row?.requestNumber}, central ${request.number}`);
      }
      const stored = files.filter((file) => file.request_id === request.id);
      const expected = item.attachments.map((a) => `${a.sha256}:${a.size}`).sort();
      const actual = stored.map((file) => `${file.sha256}:${file.size}`).sort();
      if (expected.join() !== actual.join()) {
        problems.push(
          `${at}: attachments ${actual.join()} at the central, ${expected.join()} committed`,
        );
      }
      for (const file of stored) problems.push(...(await checkStoredFile(store, file)));
      attachments += stored.length;
    }
    if (requests.length !== ledger.length) {
      problems.push(`${requests.length} requests at the central for ${ledger.length} committed`);
    }
  } finally {
    await central.destroy();
  }

  for (const told of input.told) {
    const row = rows.find((candidate) => candidate.reference === told.reference);
    if (!row || !ledger.some((item) => item.sequence === row.sequence)) {
      problems.push(`receipt ${told.reference} names nothing the kiosk committed`);
    } else if (told.number !== null && told.number !== row.requestNumber) {
      problems.push(`receipt ${told.reference} printed ${told.number}, kept ${row.requestNumber}`);
    }
  }
  expect(problems).toEqual([]);
  return { requests: ledger.length, attachments };
}

async function checkStoredFile(
  store: AttachmentFiles,
  file: { sha256: string; size: number },
): Promise<string[]> {
  let bytes: Buffer;
  try {
    bytes = await store.read(file.sha256);
  } catch {
    return [`attachment ${file.sha256} has no file at the central`];
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  return hash === file.sha256 && bytes.length === file.size
    ? []
    : [`attachment ${file.sha256} at the central hashes to ${hash} (${bytes.length} bytes)`];
}

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
