import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { importMasterData } from './import.js';
import { csv } from './test-fixtures.js';
import { runCentralCli, scratchFolder } from './test-cli.js';
import { startSuppliesApp, type SuppliesApp } from './test-app.js';

/**
 * A billing clerk's export with what real ones carry: companies (CUIT, a business name with
 * digits and «º», no first name), a paid invoice whose barcode the billing system dropped.
 */
const companyCustomers = [
  'tipo_documento;numero_documento;apellido;nombre;fecha_nacimiento',
  'CUIT;30-70912345-5;Panadería 9 de Julio S.R.L.;;14/03/1998',
  'CUIT;33-71234567-0;Cooperativa de Trabajo 1º de Mayo Ltda.;;2001-05-01',
  'DNI;28.765.432;Núñez;María ª;1981-02-03',
];
const companySupplies = [
  'numero;servicio;domicilio;estado;tipo_documento_titular;numero_documento_titular',
  '700100;Energía;Ruta 14 km 3, Colón;Activo;CUIT;30709123455',
  '700101;Internet;Belgrano 1º piso, Colón;Activo;CUIT;33712345670',
];
const companyInvoices = [
  'numero;suministro;periodo;importe;vencimiento;estado;codigo_barras',
  '0009-00000101;700100;2026-09;154.320,10;10/10/2026;Pagada;',
  '0009-00000102;700100;2026-10;161.005,00;10/11/2026;Pendiente;00470010070010000900000101161005000',
];
const companyFiles = () => [
  { name: 'clientes.csv', content: csv(companyCustomers) },
  { name: 'suministros.csv', content: csv(companySupplies) },
  { name: 'facturas.csv', content: csv(companyInvoices) },
];

const folder = scratchFolder('ventanilla-company-import-');

describeEachEngine('the billing import with companies', (engine) => {
  it('imports companies and a paid invoice without a barcode from the command line', async () => {
    const location = await engine.newLocation();
    const env = { DATA_DIR: location.dataDir, DATABASE_URL: location.databaseUrl ?? '' };
    const export_ = path.join(folder, `empresas-${engine.name}`);
    mkdirSync(export_, { recursive: true });
    for (const file of companyFiles()) writeFileSync(path.join(export_, file.name), file.content);

    const result = await runCentralCli(['import', export_], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Clientes: 3 nuevos, 0 actualizados');
    expect(result.stdout).toContain('Suministros: 2 nuevos, 0 actualizados');
    expect(result.stdout).toContain('Facturas: 2 nuevas, 0 actualizadas');
  });

  it('reports all of a row’s faults in one pass, each saying what is wrong in the value', async () => {
    const location = await engine.newLocation();
    const env = { DATA_DIR: location.dataDir, DATABASE_URL: location.databaseUrl ?? '' };
    const bad = path.join(folder, `mal-${engine.name}`);
    mkdirSync(bad, { recursive: true });
    const files = {
      'clientes.csv': [
        ...companyCustomers,
        // A person without a first name, a name with an e-mail sign, a bad DNI: one row.
        'DNI;123;Gómez@;;1990-01-01',
      ],
      'suministros.csv': companySupplies,
      'facturas.csv': [
        ...companyInvoices,
        // An ambiguous amount, a pending invoice without a barcode and an unknown supply.
        '0009-00000103;999999;2026-10;1.234;10/11/2026;Pendiente;',
      ],
    };
    for (const [name, lines] of Object.entries(files)) {
      writeFileSync(path.join(bad, name), csv(lines));
    }
    const result = await runCentralCli(['import', bad], env);
    expect(result.code).toBe(1);
    const at = (file: string, line: number) => `${path.join(bad, file)}, línea ${line}`;
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      'No se importó nada: hay 6 problemas. Corregí los archivos y volvé a importarlos.',
      `  ${at('clientes.csv', 5)}: Columna «apellido»: «Gómez@» tiene el carácter «@», que no va en un nombre (letras, números, espacios, º, ª y . , ' - & ( ) /).`,
      `  ${at('clientes.csv', 5)}: Columna «numero_documento»: El DNI tiene de 7 a 8 números. Revisá el que ingresaste.`,
      `  ${at('clientes.csv', 5)}: Columna «nombre»: está vacía, y un cliente con DNI, LE, LC, CI o pasaporte lleva nombre. Solo un CUIT (una empresa) puede ir sin nombre, con la razón social en «apellido».`,
      `  ${at('facturas.csv', 4)}: Columna «importe»: «1.234» es ambiguo: no se sabe si el punto separa los miles (1234 pesos) o los centavos. Escribilo con los centavos, como 1.234,00 o 1234,00.`,
      `  ${at('facturas.csv', 4)}: Columna «codigo_barras»: está vacía, y una factura pendiente necesita su código de barras para pagarla. Solo una factura pagada o anulada puede ir sin código.`,
      `  ${at('facturas.csv', 4)}: Columna «suministro»: el suministro 999999 no existe: no está en los archivos importados ni en la central.`,
    ]);
  });
});

describeEachEngine('a company at ASOCIAR CUENTA', (engine) => {
  let h: SuppliesApp;
  beforeAll(async () => {
    h = await startSuppliesApp(engine);
    const imported = await importMasterData(h.db, companyFiles());
    expect(imported.ok).toBe(true);
  });

  it('links a supply with the CUIT and sees its paid invoice without a barcode', async () => {
    const owner = await h.signIn();
    const proof = {
      supplyOrInvoiceNumber: '0009-00000101',
      documentType: 'CUIT',
      documentNumber: '30-70912345-5',
      birthDate: '1998-03-14',
    };
    const linked = await h.post('/api/v1/me/supplies', proof, owner);
    expect(linked).toMatchObject({ status: 201, body: { number: '700100' } });
    // The newest by period is the pending one, with its barcode.
    const last = await h.get('/api/v1/me/supplies/700100/invoices/latest', owner);
    expect(last).toMatchObject({
      status: 200,
      body: { number: '0009-00000102', state: 'pendiente' },
    });
    expect(last.body.paymentBarcode).toMatch(/^\d{35}$/);
  });

  it('answers a paid invoice without a barcode at "Consultar factura sin cuenta"', async () => {
    // The pending invoice was paid and the billing system sent it again without its barcode.
    const paid = await importMasterData(h.db, [
      {
        name: 'facturas.csv',
        content: csv([
          companyInvoices[0]!,
          '0009-00000102;700100;2026-10;161.005,00;10/11/2026;Pagada;',
        ]),
      },
    ]);
    expect(paid.ok).toBe(true);
    const lookup = await h.post('/api/v1/invoices/lookup', {
      supplyOrInvoiceNumber: '700100',
      documentType: 'CUIT',
      documentNumber: '30709123455',
      birthDate: '1998-03-14',
    });
    expect(lookup).toMatchObject({
      status: 200,
      body: { invoice: { number: '0009-00000102', state: 'pagada', paymentBarcode: null } },
    });
  });
});
