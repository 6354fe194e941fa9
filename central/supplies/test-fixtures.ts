import { migrateToLatest, type CentralDb } from '../db/index.js';
import type { TestEngine } from '../testing/engines.js';
import type { MasterDataFile } from './csv-file.js';

/** A small, valid export of the billing system, as the tests change it line by line. */
export const customersCsv = [
  'tipo_documento;numero_documento;apellido;nombre;fecha_nacimiento',
  'DNI;30.123.456;Pérez;Ana María;25/05/1980',
  'CUIT;20-12345678-6;Gómez;Luis;1975-11-02',
];
export const suppliesCsv = [
  'numero;servicio;domicilio;estado;tipo_documento_titular;numero_documento_titular',
  '100234;Energía;San Martín 120, Colón;Activo;DNI;30123456',
  '100235;Internet;San Martín 120, Colón;En trámite;DNI;30123456',
  '200451;Servicio Social;Belgrano 45;baja;CUIT;20123456786',
];
export const invoicesCsv = [
  'numero;suministro;periodo;importe;vencimiento;estado;codigo_barras',
  '0003-00012345;100234;2026-09;18450,75;10/10/2026;pagada;00412345678901234567890123',
  '0003-00012399;100234;10/2026;1.234,50;2026-11-10;pendiente;00412345678901234567890199',
  'A-0001-00000077;200451;2026-10;999.9;2026-11-05;Anulada;00412345678901234567890177',
];

export const csv = (lines: string[]) => `${lines.join('\n')}\n`;

export function masterDataFiles(
  overrides: Partial<Record<'clientes.csv' | 'suministros.csv' | 'facturas.csv', string[]>> = {},
): MasterDataFile[] {
  return [
    { name: 'clientes.csv', content: csv(overrides['clientes.csv'] ?? customersCsv) },
    { name: 'suministros.csv', content: csv(overrides['suministros.csv'] ?? suppliesCsv) },
    { name: 'facturas.csv', content: csv(overrides['facturas.csv'] ?? invoicesCsv) },
  ];
}

/** `lines` with line `index` (0 is the header) replaced. */
export function withLine(lines: string[], index: number, line: string): string[] {
  return lines.map((current, at) => (at === index ? line : current));
}

export async function migratedDatabase(engine: TestEngine): Promise<CentralDb> {
  const { db } = await engine.openDatabase();
  await migrateToLatest(db);
  return db;
}

export async function countRows(db: CentralDb) {
  const count = async (table: 'customers' | 'supplies' | 'invoices') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    customers: await count('customers'),
    supplies: await count('supplies'),
    invoices: await count('invoices'),
  };
}

/** An activated account, as the accounts module would leave it. */
export async function insertAccount(db: CentralDb, id: string, documentNumber = '30123456') {
  await db
    .insertInto('accounts')
    .values({
      id,
      email: `${id}@example.com`,
      password_hash: 'not-used',
      first_name: 'Ana María',
      last_name: 'Pérez',
      document_type: 'DNI',
      document_number: documentNumber,
      birth_date: '1980-05-25',
      phone: '3447123456',
      activated_at: '2026-01-01T00:00:00.000Z',
      created_at: '2026-01-01T00:00:00.000Z',
    })
    .execute();
}
