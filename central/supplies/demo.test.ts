import { describe, expect, it } from 'vitest';
import { InvoiceLookup } from '../../src/contract/index.js';
import { createDatabase } from '../db/index.js';
import { startCentral } from '../server.js';
import { describeEachEngine, type TestLocation } from '../testing/engines.js';
import { addMonths, seedDemoIfEmpty } from './demo.js';
import { countRows, migratedDatabase } from './test-fixtures.js';

/** The demo as README.md lists it: what each proof shows at "Consultar factura sin cuenta". */
const demo = [
  {
    proof: { supplyOrInvoiceNumber: '100234', documentType: 'DNI', documentNumber: '20345678' },
    birthDate: '1985-04-12',
    shows: { supply: 'energia', state: 'activo', invoice: '0003-00011642', overdue: false },
  },
  {
    proof: {
      supplyOrInvoiceNumber: '0005-00004873',
      documentType: 'DNI',
      documentNumber: '20345678',
    },
    birthDate: '1985-04-12',
    shows: { supply: 'internet', state: 'activo', invoice: '0005-00004873', overdue: false },
  },
  {
    proof: { supplyOrInvoiceNumber: '200451', documentType: 'DNI', documentNumber: '17654321' },
    birthDate: '1962-09-30',
    shows: { supply: 'energia', state: 'baja', invoice: '0003-00009112', overdue: false },
  },
  {
    proof: { supplyOrInvoiceNumber: '200452', documentType: 'DNI', documentNumber: '17654321' },
    birthDate: '1962-09-30',
    shows: { supply: 'servicio-social', state: 'activo', invoice: '0007-00000902', overdue: true },
  },
];

describe('demo dates', () => {
  it('move by whole months, keeping the day where the month has it', () => {
    expect(addMonths('2026-03-10', 8)).toBe('2026-11-10');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
    expect(addMonths('2024-01-29', 1)).toBe('2024-02-29');
  });
});

describeEachEngine('demo master data', (engine) => {
  it('loads into an empty central with its newest period in the current month, once', async () => {
    const db = await migratedDatabase(engine);
    const now = new Date('2026-11-28T15:00:00Z');
    expect(await seedDemoIfEmpty(db, { now })).toEqual({
      customers: { added: 3, updated: 0 },
      supplies: { added: 5, updated: 0 },
      invoices: { added: 9, updated: 0 },
      linksRemoved: 0,
    });
    const invoice = await db
      .selectFrom('invoices')
      .selectAll()
      .where('number', '=', '0003-00011642')
      .executeTakeFirstOrThrow();
    expect([invoice.period, invoice.due_date]).toEqual(['2026-11', '2026-12-10']);
    const services = await db.selectFrom('supplies').select(['service', 'state']).execute();
    expect(new Set(services.map((s) => s.service))).toEqual(
      new Set(['energia', 'internet', 'servicio-social']),
    );
    expect(new Set(services.map((s) => s.state))).toEqual(
      new Set(['activo', 'baja', 'en-tramite']),
    );

    expect(await seedDemoIfEmpty(db, { now: new Date('2027-05-01T00:00:00Z') })).toBeNull();
    expect(await countRows(db)).toEqual({ customers: 3, supplies: 5, invoices: 9 });
  });

  async function customersAt(location: TestLocation) {
    const database = createDatabase(
      location.databaseUrl ? { databaseUrl: location.databaseUrl } : location,
    );
    try {
      return (await countRows(database.db)).customers;
    } finally {
      await database.destroy();
    }
  }

  it(`is seeded by startCentral by default only on SQLite`, async () => {
    const location = await engine.newLocation();
    const central = await startCentral({ ...location, port: 0 });
    await central.close();
    expect(await customersAt(location)).toBe(engine.name === 'sqlite' ? 3 : 0);

    const off = await engine.newLocation();
    await (await startCentral({ ...off, port: 0, seedDemo: false })).close();
    expect(await customersAt(off)).toBe(0);
  });

  it('shows at the kiosk what README.md says', async () => {
    const location = await engine.newLocation();
    const central = await startCentral({ ...location, port: 0, seedDemo: true });
    try {
      for (const { proof, birthDate, shows } of demo) {
        const response = await fetch(`${central.url}/api/v1/invoices/lookup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-kiosk-id': 'demo' },
          body: JSON.stringify({ ...proof, birthDate }),
        });
        expect(response.status).toBe(200);
        const { supply, invoice } = InvoiceLookup.parse(await response.json());
        expect({
          supply: supply.service,
          state: supply.state,
          invoice: invoice.number,
          overdue: invoice.overdue,
        }).toEqual(shows);
      }
      const none = await fetch(`${central.url}/api/v1/invoices/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-kiosk-id': 'demo' },
        body: JSON.stringify({
          supplyOrInvoiceNumber: '300789',
          documentType: 'CUIT',
          documentNumber: '27-34567890-0',
          birthDate: '1990-11-21',
        }),
      });
      expect(((await none.json()) as { code: string }).code).toBe('no_invoice');
    } finally {
      await central.close();
    }
  });
});
