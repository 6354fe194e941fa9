import { beforeEach, expect, it } from 'vitest';
import type { CentralDb } from '../db/index.js';
import { describeEachEngine } from '../testing/engines.js';
import { importMasterData } from './import.js';
import {
  countRows,
  csv,
  customersCsv,
  invoicesCsv,
  masterDataFiles,
  migratedDatabase,
  suppliesCsv,
  withLine,
} from './test-fixtures.js';

const now = new Date('2026-11-20T12:00:00Z');

describeEachEngine('importMasterData refusals', (engine) => {
  let db: CentralDb;
  beforeEach(async () => {
    db = await migratedDatabase(engine);
  });

  /** Imports the fixture with one file changed and expects it refused with nothing written. */
  async function refused(overrides: Parameters<typeof masterDataFiles>[0]) {
    const result = await importMasterData(db, masterDataFiles(overrides), { now });
    expect(await countRows(db)).toEqual({ customers: 0, supplies: 0, invoices: 0 });
    if (result.ok) throw new Error('expected the import to be refused');
    return result.problems;
  }

  it('refuses a bad document: DNI length and CUIT check digit', async () => {
    const problems = await refused({
      'clientes.csv': [
        ...customersCsv,
        'CUIT;20-30111222-5;Gómez;Luis;1975-11-02',
        'DNI;123;Paz;Inés;1990-01-01',
      ],
    });
    expect(problems).toEqual([
      {
        file: 'clientes.csv',
        line: 4,
        reason: expect.stringMatching(
          /^Columna «numero_documento»: El CUIT no es válido/,
        ) as unknown,
      },
      {
        file: 'clientes.csv',
        line: 5,
        reason:
          'Columna «numero_documento»: El DNI tiene de 7 a 8 números. Revisá el que ingresaste.',
      },
    ]);
  });

  it('refuses a bad date', async () => {
    const problems = await refused({
      'clientes.csv': [
        ...withLine(customersCsv, 1, 'DNI;30123456;Pérez;Ana;31/02/1980'),
        'DNI;40111222;Paz;Inés;01/01/2980',
      ],
    });
    expect(problems).toEqual([
      {
        file: 'clientes.csv',
        line: 2,
        reason:
          'Columna «fecha_nacimiento»: «31/02/1980» no es una fecha. Escribila como 25/05/1980 o 1980-05-25.',
      },
      {
        file: 'clientes.csv',
        line: 4,
        reason: 'Columna «fecha_nacimiento»: la fecha de nacimiento 2980-01-01 es futura.',
      },
    ]);
  });

  it('refuses a bad amount', async () => {
    const problems = await refused({
      'facturas.csv': withLine(
        invoicesCsv,
        1,
        '0003-00012345;100234;2026-09;18.450;10/10/2026;pagada;00412345678901234567890123',
      ),
    });
    expect(problems).toEqual([
      {
        file: 'facturas.csv',
        line: 2,
        reason:
          'Columna «importe»: «18.450» es ambiguo: no se sabe si el punto separa los miles (18450 pesos) o los centavos. Escribilo con los centavos, como 18.450,00 o 18450,00.',
      },
    ]);
  });

  it('refuses an unknown state', async () => {
    const problems = await refused({
      'suministros.csv': withLine(
        suppliesCsv,
        3,
        '200451;Servicio Social;Belgrano 45;cortado;CUIT;20123456786',
      ),
    });
    expect(problems).toEqual([
      {
        file: 'suministros.csv',
        line: 4,
        reason:
          'Columna «estado»: «cortado» no es un estado de suministro. Usá activo, baja o en trámite.',
      },
    ]);
  });

  it('refuses a reference to a supply or holder that exists nowhere', async () => {
    const problems = await refused({
      'suministros.csv': withLine(
        suppliesCsv,
        2,
        '100235;Internet;San Martín 120;activo;DNI;11222333',
      ),
      'facturas.csv': withLine(
        invoicesCsv,
        3,
        'A-0001-00000077;999999;2026-10;999.9;2026-11-05;anulada;00412345678901234567890177',
      ),
    });
    expect(problems).toEqual([
      {
        file: 'suministros.csv',
        line: 3,
        reason:
          'Columna «numero_documento_titular»: el titular DNI 11222333 no es un cliente: no está en los archivos importados ni en la central.',
      },
      {
        file: 'facturas.csv',
        line: 4,
        reason:
          'Columna «suministro»: el suministro 999999 no existe: no está en los archivos importados ni en la central.',
      },
    ]);
  });

  it('refuses a number repeated in the file, naming the first line', async () => {
    const problems = await refused({
      'suministros.csv': [...suppliesCsv, '100.234;Internet;Otra 1;activo;DNI;30123456'],
      'facturas.csv': [
        ...invoicesCsv,
        '0003 0001 2345;100234;2026-09;1;10/10/2026;pagada;00412345678901234567890123',
      ],
    });
    expect(problems).toEqual([
      {
        file: 'suministros.csv',
        line: 5,
        reason: 'El suministro 100234 está repetido: ya aparece en suministros.csv, línea 2.',
      },
      {
        file: 'facturas.csv',
        line: 5,
        reason: 'La factura 0003 0001 2345 está repetida: ya aparece en facturas.csv, línea 2.',
      },
    ]);
  });

  it('refuses a wrong header, saying which columns are missing or extra', async () => {
    const problems = await refused({
      'suministros.csv': withLine(
        suppliesCsv,
        0,
        'numero;servicio;direccion;estado;tipo_documento_titular;numero_documento_titular',
      ),
      'facturas.csv': ['fecha;monto', '2026-01-01;100'],
    });
    expect(problems).toEqual([
      {
        file: 'suministros.csv',
        line: 1,
        reason:
          'El encabezado parece de suministros pero no coincide. Faltan las columnas «domicilio». Sobran las columnas «direccion».',
      },
      {
        file: 'facturas.csv',
        line: 1,
        reason: expect.stringMatching(
          /^El encabezado no es el de un archivo de clientes, suministros ni facturas\. Se esperan las columnas: clientes: tipo_documento;/,
        ) as unknown,
      },
    ]);
  });

  it('reports every bad row of every file at once, and rows with a wrong column count', async () => {
    const problems = await refused({
      'clientes.csv': [...customersCsv, 'DNI;40111222;Paz', 'RUT;1;Paz;Inés;hoy'],
      'facturas.csv': withLine(
        invoicesCsv,
        2,
        '0003-00012399;100234;2026-13;-5;2026-11-10;vencida;123',
      ),
    });
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual([
      'clientes.csv:4',
      'clientes.csv:5',
      'clientes.csv:5',
      'facturas.csv:3',
      'facturas.csv:3',
      'facturas.csv:3',
      'facturas.csv:3',
    ]);
    expect(problems[0]?.reason).toBe('La fila tiene 3 columnas y el encabezado 5.');
    expect(problems[1]?.reason).toMatch(/«RUT» no es un tipo de documento/);
  });

  it('refuses a file that is not UTF-8 or has an unclosed quote', async () => {
    const latin1 = Uint8Array.from([...new TextEncoder().encode(csv(customersCsv)), 0xf1, 0x0a]);
    const result = await importMasterData(db, [
      { name: 'clientes.csv', content: latin1 },
      { name: 'suministros.csv', content: csv([...suppliesCsv, '"300;energia']) },
    ]);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          file: 'clientes.csv',
          line: 1,
          reason: expect.stringMatching(/no está en UTF-8/) as unknown,
        },
        { file: 'suministros.csv', line: 5, reason: expect.stringMatching(/comillas/) as unknown },
      ],
    });
  });
});
