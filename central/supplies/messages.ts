/** What the supplies, invoices and master data import say to people, in Spanish of Argentina. */

/** "30 segundos", "1 minuto", "15 minutos": a wait as a person reads it. */
function wait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 segundo' : `${seconds} segundos`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minuto' : `${minutes} minutos`;
}

const list = (values: readonly string[]) =>
  values.length === 1
    ? values[0]!
    : `${values.slice(0, -1).join(', ')} o ${values[values.length - 1]!}`;

const quoted = (values: readonly string[]) => values.map((value) => `«${value}»`).join(', ');

export const supplyMessages = {
  /** One answer whatever was wrong: it must not tell which of the data matched. */
  notMatched:
    'No encontramos un suministro con esos datos. Revisá el número de la factura, tu documento y tu fecha de nacimiento.',
  tooManyAttempts: (seconds: number) =>
    `Hubo demasiados intentos con datos que no coinciden. Esperá ${wait(seconds)} y probá de nuevo, o acercate al mostrador.`,
  supplyNotLinked: 'Ese suministro no está asociado a tu cuenta. Asocialo con «Asociar Cuenta».',
  noInvoice: 'Todavía no hay facturas de ese suministro.',
  handoffUsedOrExpired:
    'El enlace a Facturas y Pagos ya se usó o venció. Pedí uno nuevo desde el kiosco.',
  handoffSecretRequired: 'Falta la clave del sitio de pagos o no es la correcta.',
} as const;

/** Why a row of a billing system file was refused; each names the value at fault. */
export const importMessages = {
  notUtf8: 'El archivo no está en UTF-8. Exportalo de nuevo eligiendo la codificación UTF-8.',
  empty: 'El archivo está vacío: falta el encabezado.',
  unreadable: (detail: string) => `No se pudo leer el archivo como CSV: ${detail}.`,
  quoteNotClosed: 'Hay comillas que se abren y no se cierran.',
  unknownHeader: (expected: string) =>
    `El encabezado no es el de un archivo de clientes, suministros ni facturas. Se esperan las columnas: ${expected}.`,
  headerMismatch: (kind: string, missing: readonly string[], extra: readonly string[]) =>
    [
      `El encabezado parece de ${kind} pero no coincide.`,
      missing.length > 0 ? ` Faltan las columnas ${quoted(missing)}.` : '',
      extra.length > 0 ? ` Sobran las columnas ${quoted(extra)}.` : '',
    ].join(''),
  duplicateColumn: (column: string) => `La columna «${column}» está repetida en el encabezado.`,
  columnCount: (expected: number, got: number) =>
    `La fila tiene ${got} ${got === 1 ? 'columna' : 'columnas'} y el encabezado ${expected}.`,
  column: (column: string, reason: string) => `Columna «${column}»: ${reason}`,
  required: 'está vacía.',
  tooLong: (max: number) => `tiene más de ${max} caracteres.`,
  badDate: (value: string) => `«${value}» no es una fecha. Escribila como 25/05/1980 o 1980-05-25.`,
  futureBirthDate: (value: string) => `la fecha de nacimiento ${value} es futura.`,
  oldDate: (value: string) => `la fecha ${value} es anterior a 1900.`,
  badPeriod: (value: string) => `«${value}» no es un período. Escribilo como 2026-03 o 03/2026.`,
  badAmount: (value: string) =>
    `«${value}» no es un importe. Escribilo en pesos, sin signo, como 1234,56 o 1234.56.`,
  ambiguousAmount: (value: string) => {
    const [pesos = '', rest = ''] = value.replace(/^\$\s*/, '').split(/[.,]/);
    const mark = value.includes('.') ? 'el punto' : 'la coma';
    return `«${value}» es ambiguo: no se sabe si ${mark} separa los miles (${pesos}${rest} pesos) o los centavos. Escribilo con los centavos, como ${pesos}.${rest},00 o ${pesos}${rest},00.`;
  },
  amountTooLarge: (value: string) => `el importe ${value} es demasiado grande.`,
  badChoice: (value: string, what: string, allowed: readonly string[]) =>
    `«${value}» no es ${what}. Usá ${list(allowed)}.`,
  badSupplyNumber: (value: string) =>
    `«${value}» no es un número de suministro: son de 1 a 12 números.`,
  badInvoiceNumber: (value: string) =>
    `«${value}» no es un número de factura: letras, números y guiones, hasta 20 sin contar los guiones.`,
  badBarcode: (value: string) =>
    `«${value}» no es un código de barras de pago: son de 20 a 60 números.`,
  badNameCharacters: (value: string, characters: readonly string[]) =>
    `«${value}» tiene ${characters.length === 1 ? 'el carácter' : 'los caracteres'} ${list(characters.map((character) => `«${character}»`))}, que no ${characters.length === 1 ? 'va' : 'van'} en un nombre (letras, números, espacios, º, ª y . , ' - & ( ) /).`,
  nameWithoutLetters: (value: string) => `«${value}» no es un nombre: no tiene letras ni números.`,
  firstNameRequired:
    'está vacía, y un cliente con DNI, LE, LC, CI o pasaporte lleva nombre. Solo un CUIT (una empresa) puede ir sin nombre, con la razón social en «apellido».',
  barcodeRequired:
    'está vacía, y una factura pendiente necesita su código de barras para pagarla. Solo una factura pagada o anulada puede ir sin código.',
  duplicateCustomer: (document: string, firstAt: string) =>
    `El cliente ${document} está repetido: ya aparece en ${firstAt}.`,
  duplicateSupply: (number: string, firstAt: string) =>
    `El suministro ${number} está repetido: ya aparece en ${firstAt}.`,
  duplicateInvoice: (number: string, firstAt: string) =>
    `La factura ${number} está repetida: ya aparece en ${firstAt}.`,
  unknownHolder: (type: string, number: string) =>
    `el titular ${type} ${number} no es un cliente: no está en los archivos importados ni en la central.`,
  unknownSupply: (number: string) =>
    `el suministro ${number} no existe: no está en los archivos importados ni en la central.`,
  invoiceKeyTaken: (number: string, existing: string) =>
    `la factura ${number} es la misma que la ${existing} que ya está en la central, escrita de otra forma.`,
  at: (file: string, line: number) => `${file}, línea ${line}`,
} as const;

/** `npm run central -- import FILE...` */
export const importCommandMessages = {
  noFiles:
    'Indicá qué importar: npm run central -- import clientes.csv suministros.csv facturas.csv (o una carpeta con esos archivos).',
  notFound: (file: string) => `No encuentro «${file}».`,
  noCsvIn: (folder: string) => `La carpeta «${folder}» no tiene archivos .csv.`,
  reading: (files: readonly string[]) => `Importando ${files.join(', ')}…`,
  counts: (what: string, added: number, updated: number, feminine = false) => {
    const end = (count: number) => `${feminine ? 'a' : 'o'}${count === 1 ? '' : 's'}`;
    return `  ${what}: ${added} nuev${end(added)}, ${updated} actualizad${end(updated)}`;
  },
  linksRemoved: (count: number) =>
    `  ${count} ${count === 1 ? 'suministro cambió' : 'suministros cambiaron'} de titular: se ${count === 1 ? 'desvinculó' : 'desvincularon'} de las cuentas del titular anterior.`,
  done: 'Importación terminada.',
  refused: (count: number) =>
    `No se importó nada: ${count === 1 ? 'hay 1 problema' : `hay ${count} problemas`}. Corregí los archivos y volvé a importarlos.`,
  problem: (at: string, reason: string) => `  ${at}: ${reason}`,
} as const;
