import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { createDatabase } from '../db/index.js';
import { describeEachEngine } from '../testing/engines.js';
import { defaultDemoDir } from './demo.js';
import { runCentralCli as run, scratchFolder } from './test-cli.js';
import { countRows, csv, invoicesCsv, withLine } from './test-fixtures.js';

const folder = scratchFolder('ventanilla-import-');

describeEachEngine('npm run central -- import', (engine) => {
  it('imports a folder of CSV files, then updates on a second run', async () => {
    const location = await engine.newLocation();
    const env = { DATA_DIR: location.dataDir, DATABASE_URL: location.databaseUrl ?? '' };
    const first = await run(['import', defaultDemoDir], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Clientes: 3 nuevos, 0 actualizados');
    expect(first.stdout).toContain('Suministros: 5 nuevos, 0 actualizados');
    expect(first.stdout).toContain('Facturas: 9 nuevas, 0 actualizadas');
    expect(first.stdout).toContain('Importación terminada.');

    const again = await run(['import', path.join(defaultDemoDir, 'facturas.csv')], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Facturas: 0 nuevas, 9 actualizadas');

    const database = createDatabase(
      location.databaseUrl ? { databaseUrl: location.databaseUrl } : location,
    );
    try {
      expect(await countRows(database.db)).toEqual({ customers: 3, supplies: 5, invoices: 9 });
    } finally {
      await database.destroy();
    }
  });

  it('lists every bad row with its file and line, imports nothing and exits with 1', async () => {
    const location = await engine.newLocation();
    const env = { DATA_DIR: location.dataDir, DATABASE_URL: location.databaseUrl ?? '' };
    const bad = path.join(folder, `facturas-${engine.name}.csv`);
    writeFileSync(
      bad,
      csv(
        withLine(
          [...invoicesCsv, '0003-1;100234;2026-10;doce;2026-11-10;pendiente;00412345678901234567'],
          2,
          '0003-00012399;100234;2026-10;1,5;2026-11-31;pendiente;00412345678901234567890199',
        ),
      ),
    );
    const result = await run(['import', bad], env);
    expect(result.code).toBe(1);
    // Rows 3 and 5 also name a supply that is nowhere: all of a row's faults at once.
    expect(result.stderr).toContain('No se importó nada: hay 6 problemas.');
    expect(result.stderr).toContain(`${bad}, línea 5: Columna «suministro»: el suministro 100234`);
    expect(result.stderr).toContain(`${bad}, línea 3: Columna «vencimiento»: «2026-11-31»`);
    expect(result.stderr).toContain(`${bad}, línea 5: Columna «importe»: «doce»`);
    // The supplies these invoices name are in no file and not in the central.
    expect(result.stderr).toContain(`${bad}, línea 2: Columna «suministro»: el suministro 100234`);
  });

  it('says what to import when given nothing or a missing file', async () => {
    const location = await engine.newLocation();
    const env = { DATA_DIR: location.dataDir, DATABASE_URL: location.databaseUrl ?? '' };
    const none = await run(['import'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Indicá qué importar');
    const missing = await run(['import', path.join(folder, 'no-existe.csv')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No encuentro');
  });
});
