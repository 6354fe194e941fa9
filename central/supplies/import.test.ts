import { beforeEach, expect, it } from 'vitest';
import type { CentralDb } from '../db/index.js';
import { describeEachEngine } from '../testing/engines.js';
import { importMasterData } from './import.js';
import {
  countRows,
  csv,
  insertAccount,
  invoicesCsv,
  masterDataFiles,
  migratedDatabase,
  suppliesCsv,
  withLine,
} from './test-fixtures.js';

const now = new Date('2026-11-20T12:00:00Z');

describeEachEngine('importMasterData', (engine) => {
  let db: CentralDb;
  beforeEach(async () => {
    db = await migratedDatabase(engine);
  });

  it('imports customers, supplies and invoices with canonical values', async () => {
    const result = await importMasterData(db, masterDataFiles(), { now });
    expect(result).toEqual({
      ok: true,
      summary: {
        customers: { added: 2, updated: 0 },
        supplies: { added: 3, updated: 0 },
        invoices: { added: 3, updated: 0 },
        linksRemoved: 0,
      },
    });
    const customer = await db
      .selectFrom('customers')
      .selectAll()
      .where('document_type', '=', 'CUIT')
      .executeTakeFirstOrThrow();
    expect(customer).toMatchObject({
      document_number: '20123456786',
      last_name: 'Gómez',
      birth_date: '1975-11-02',
    });
    const supplies = await db.selectFrom('supplies').selectAll().orderBy('number').execute();
    expect(supplies.map((s) => [s.number, s.service, s.state])).toEqual([
      ['100234', 'energia', 'activo'],
      ['100235', 'internet', 'en-tramite'],
      ['200451', 'servicio-social', 'baja'],
    ]);
    const invoices = await db.selectFrom('invoices').selectAll().orderBy('number').execute();
    expect(
      invoices.map((i) => [i.number, i.number_key, i.period, Number(i.amount_cents), i.due_date]),
    ).toEqual([
      ['0003-00012345', '000300012345', '2026-09', 1845075, '2026-10-10'],
      ['0003-00012399', '000300012399', '2026-10', 123450, '2026-11-10'],
      ['A-0001-00000077', 'A000100000077', '2026-10', 99990, '2026-11-05'],
    ]);
    expect(invoices[2]?.state).toBe('anulada');
  });

  it('reads comma-separated files with a BOM and columns in any order', async () => {
    const files = [
      {
        name: 'clientes.csv',
        content: new TextEncoder().encode(
          '\uFEFFnombre,apellido,tipo_documento,numero_documento,fecha_nacimiento\r\n' +
            '"Ana María","Pérez",dni,30123456,1980-05-25\r\n',
        ),
      },
    ];
    const result = await importMasterData(db, files, { now });
    expect(result.ok).toBe(true);
    expect(await countRows(db)).toEqual({ customers: 1, supplies: 0, invoices: 0 });
  });

  it('updates on re-import instead of adding rows', async () => {
    await importMasterData(db, masterDataFiles(), { now });
    const result = await importMasterData(
      db,
      masterDataFiles({
        'facturas.csv': withLine(
          invoicesCsv,
          2,
          '0003-00012399;100234;2026-10;1.234,50;2026-11-10;pagada;00412345678901234567890199',
        ),
      }),
      { now },
    );
    expect(result).toMatchObject({
      ok: true,
      summary: { customers: { added: 0, updated: 2 }, invoices: { added: 0, updated: 3 } },
    });
    expect(await countRows(db)).toEqual({ customers: 2, supplies: 3, invoices: 3 });
    const invoice = await db
      .selectFrom('invoices')
      .select('state')
      .where('number', '=', '0003-00012399')
      .executeTakeFirstOrThrow();
    expect(invoice.state).toBe('pagada');
  });

  it('accepts rows that refer to customers and supplies already in the central', async () => {
    await importMasterData(db, masterDataFiles(), { now });
    const result = await importMasterData(
      db,
      [
        {
          name: 'facturas.csv',
          content: csv([
            invoicesCsv[0]!,
            '0003-00012500;100235;2026-10;500;2026-11-10;pendiente;00412345678901234567890500',
          ]),
        },
      ],
      { now },
    );
    expect(result).toMatchObject({ ok: true, summary: { invoices: { added: 1, updated: 0 } } });
  });

  it('unlinks a supply from accounts when it changes holder', async () => {
    await importMasterData(db, masterDataFiles(), { now });
    await insertAccount(db, 'a1');
    await db
      .insertInto('account_supplies')
      .values({ account_id: 'a1', supply_number: '100234', linked_at: now.toISOString() })
      .execute();
    const result = await importMasterData(
      db,
      masterDataFiles({
        'suministros.csv': withLine(
          suppliesCsv,
          1,
          '100234;Energía;San Martín 120, Colón;Activo;CUIT;20123456786',
        ),
      }),
      { now },
    );
    expect(result).toMatchObject({ ok: true, summary: { linksRemoved: 1 } });
    expect(await db.selectFrom('account_supplies').selectAll().execute()).toEqual([]);
  });
});
