import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Catalog, RequestType } from '../../src/contract/catalog.js';
import type { Invoice, Supply } from '../../src/contract/supplies.js';
import type { SessionView } from '../../src/contract/kiosk-api.js';
import { catalogFixture } from '../../src/testing/catalog-fixture.js';
import { refusal, type Script } from './scripted-kiosk-core.js';

/**
 * The README's demo customers, supplies and invoices, as the scripted core answers them, with the
 * current month as March 2026 (the tests' clock).
 */
export const testClock = new Date('2026-03-16T12:00:00-03:00');

export interface DemoHolder {
  documentType: string;
  documentNumber: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** As typed at the kiosk. */
  typedBirthDate: string;
  session: SessionView;
}

/** A holder as the README's table lists them: "DNI 20345678", "12/04/1985". */
function holder(document: string, birth: string, session: SessionView): DemoHolder {
  const [documentType = '', documentNumber = ''] = document.split(' ');
  const [day, month, year] = birth.split('/');
  const birthDate = `${year}-${month}-${day}`;
  return {
    documentType,
    documentNumber,
    birthDate,
    typedBirthDate: birth.replaceAll('/', ''),
    session,
  };
}

export const maria = holder('DNI 20345678', '12/04/1985', {
  firstName: 'María Laura',
  lastName: 'Gómez',
  email: 'maria.gomez@example.com',
});
export const juan = holder('DNI 17654321', '30/09/1962', {
  firstName: 'Juan Carlos',
  lastName: 'Pereyra',
  email: 'juan.pereyra@example.com',
});
export const ana = holder('CUIT 27345678900', '21/11/1990', {
  firstName: 'Ana Sofía',
  lastName: 'Ruiz',
  email: 'ana.ruiz@example.com',
});

interface DemoSupply {
  supply: Supply;
  holder: DemoHolder;
  invoice: Invoice | null;
  /** Older invoice numbers that prove the supply as well. */
  otherInvoices: string[];
}

const invoice = (
  supplyNumber: string,
  fields: Omit<Invoice, 'supplyNumber' | 'paymentBarcode'> & { paymentBarcode?: string },
): Invoice => ({ supplyNumber, paymentBarcode: '0041'.padEnd(35, '0'), ...fields });

export const demoSupplies: Record<string, DemoSupply> = {
  '100234': {
    supply: {
      number: '100234',
      service: 'energia',
      address: 'Av. San Martín 1234, Colón',
      state: 'activo',
    },
    holder: maria,
    invoice: invoice('100234', {
      number: '0003-00011642',
      period: '2026-03',
      amountCents: 1_987_540,
      dueDate: '2026-04-10',
      state: 'pendiente',
      overdue: false,
      paymentBarcode: '00410010023400030001164200019875405',
    }),
    otherInvoices: ['0003-00010231'],
  },
  '100235': {
    supply: {
      number: '100235',
      service: 'internet',
      address: 'Av. San Martín 1234, Colón',
      state: 'activo',
    },
    holder: maria,
    invoice: invoice('100235', {
      number: '0005-00004873',
      period: '2026-03',
      amountCents: 1_599_900,
      dueDate: '2026-04-10',
      state: 'pendiente',
      overdue: false,
    }),
    otherInvoices: [],
  },
  '200451': {
    supply: { number: '200451', service: 'energia', address: 'Belgrano 455, Colón', state: 'baja' },
    holder: juan,
    invoice: invoice('200451', {
      number: '0003-00009112',
      period: '2025-12',
      amountCents: 1_231_020,
      dueDate: '2026-01-15',
      state: 'pagada',
      overdue: false,
    }),
    otherInvoices: [],
  },
  '200452': {
    supply: {
      number: '200452',
      service: 'servicio-social',
      address: 'Belgrano 455, Colón',
      state: 'activo',
    },
    holder: juan,
    invoice: invoice('200452', {
      number: '0007-00000902',
      period: '2026-01',
      amountCents: 425_000,
      dueDate: '2026-02-10',
      state: 'pendiente',
      overdue: true,
    }),
    otherInvoices: [],
  },
  '300789': {
    supply: {
      number: '300789',
      service: 'internet',
      address: 'Urquiza 78, Colón',
      state: 'en-tramite',
    },
    holder: ana,
    invoice: null,
    otherInvoices: [],
  },
};

/** The proof as the core receives it (the contract has dropped dots and dashes). */
export function proofOf(number: string, holder: DemoHolder) {
  const { documentType, documentNumber, birthDate } = holder;
  return { supplyOrInvoiceNumber: number, documentType, documentNumber, birthDate };
}

export const notMatched =
  'No encontramos un suministro con esos datos. Revisá el número de la factura, tu documento y tu fecha de nacimiento.';

const compact = (number: string) => number.replace(/[\s.-]/g, '');

/** The supply that the proof names, when every datum matches; as the central checks it. */
function proven(input: {
  supplyOrInvoiceNumber: string;
  documentType: string;
  documentNumber: string;
  birthDate: string;
}): DemoSupply | null {
  const wanted = compact(input.supplyOrInvoiceNumber);
  const found = Object.values(demoSupplies).find(
    (demo) =>
      demo.supply.number === wanted ||
      [demo.invoice?.number ?? '', ...demo.otherInvoices].some((n) => compact(n) === wanted),
  );
  if (!found) return null;
  const { holder } = found;
  const same =
    holder.documentType === input.documentType &&
    holder.documentNumber === input.documentNumber &&
    holder.birthDate === input.birthDate;
  return same ? found : null;
}

/**
 * A signed-in customer with `linked` supplies: linking, the list and the last invoices answer
 * from the demo table; a mismatch gets the central's one refusal.
 */
export function demoSupplyScript(holder: DemoHolder, linked: string[]): Script {
  const mine = [...linked];
  return {
    'session:signIn': () => Promise.resolve(holder.session),
    'supplies:list': () =>
      Promise.resolve({ supplies: mine.map((number) => demoSupplies[number]!.supply) }),
    'supplies:link': (input) => {
      const found = proven(input);
      if (!found) return refusal('supply_not_matched', notMatched);
      if (!mine.includes(found.supply.number)) mine.push(found.supply.number);
      return Promise.resolve(found.supply);
    },
    'invoice:latest': ({ supplyNumber }) =>
      Promise.resolve(demoSupplies[supplyNumber]?.invoice ?? null),
    'invoice:lookup': (input) => {
      const found = proven(input);
      if (!found) return refusal('supply_not_matched', notMatched);
      if (!found.invoice)
        return refusal('no_invoice', 'Todavía no hay facturas de ese suministro.');
      return Promise.resolve({ supply: found.supply, invoice: found.invoice });
    },
  };
}

/** The cooperative's branding and four request types (resources/), as a customer sees them. */
export function demoCatalog(): Catalog {
  const read = (file: string) => readFileSync(path.resolve('resources', file), 'utf8');
  const requestTypes = RequestType.array().parse(JSON.parse(read('catalog/request-types.json')));
  const { branding: brandingFile } = JSON.parse(read('branding/copelco.json')) as {
    branding: Record<string, string> & { logoFile: string };
  };
  const { logoFile, ...branding } = brandingFile;
  const fixture = catalogFixture();
  return Catalog.parse({
    ...fixture,
    branding: { ...branding, logoSvg: read(`branding/${logoFile}`) },
    requestTypes,
  });
}
