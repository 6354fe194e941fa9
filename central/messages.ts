/** How the form fields of the contract are named to people. */
const fieldLabels: Readonly<Record<string, string>> = {
  email: 'correo electrónico',
  password: 'contraseña',
  firstName: 'nombre',
  lastName: 'apellido',
  documentType: 'tipo de documento',
  documentNumber: 'número de documento',
  birthDate: 'fecha de nacimiento',
  phone: 'teléfono',
  code: 'código',
};

/** "30 segundos", "1 minuto", "15 minutos": a wait as a person reads it. */
function wait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 segundo' : `${seconds} segundos`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minuto' : `${minutes} minutos`;
}

/** Everything the central says to people, in Spanish of Argentina, in one place. */
export const messages = {
  badRequest: 'Los datos enviados no son válidos.',
  badField: (field: string) => `El dato «${fieldLabels[field] ?? field}» no es válido.`,
  notFound: 'No existe ese recurso.',
  requestTypeNotFound: 'No existe ese tipo de trámite.',
  methodNotAllowed: 'Ese recurso no acepta esta operación.',
  uriTooLong: 'La dirección pedida es demasiado larga.',
  payloadTooLarge: 'Lo que enviaste es demasiado grande.',
  unsupportedMediaType: 'La central no acepta ese formato de datos.',
  catalogEmpty: 'La cooperativa todavía no cargó su catálogo de trámites.',
  databaseUnavailable: 'La base de datos de la central no responde.',
  internal: 'Hubo un error en la central. Probá de nuevo en unos minutos.',
  accounts: {
    commonPassword: 'Esa contraseña es muy común y fácil de adivinar. Elegí otra.',
    invalidCode: {
      activation:
        'El código no es correcto. Revisalo en el correo; si te equivocaste varias veces, pedí otro con «Reenviar».',
      password_reset:
        'El código no es correcto. Revisalo en el correo; si te equivocaste varias veces, pedí otro con «¿Olvidó su contraseña?».',
    },
    codeExpired: {
      activation: 'El código venció. Pedí otro con «Reenviar».',
      password_reset: 'El código venció. Pedí otro con «¿Olvidó su contraseña?».',
    },
    codeExhausted: {
      activation:
        'Este código ya no sirve: se ingresó mal 5 veces. Pedí uno nuevo con «Reenviar» y usá el del correo nuevo.',
      password_reset:
        'Este código ya no sirve: se ingresó mal 5 veces. Tocá «Volver», pedí otro código y usá el del correo nuevo.',
    },
    codeUsed: {
      activation: 'Ese código ya se usó. Si ya activaste tu cuenta, iniciá sesión.',
      password_reset:
        'Ese código ya se usó. Si querés cambiar la contraseña otra vez, pedí otro código.',
    },
    resendCooldown: (seconds: number) =>
      `Ya te mandamos un correo. Esperá ${wait(seconds)} para pedir otro.`,
    invalidCredentials: 'El correo o la contraseña no son correctos.',
    notActivated:
      'Tu cuenta todavía no está activada. Ingresá el código que te mandamos por correo.',
    tooManyAttempts: (seconds: number) =>
      `Hubo demasiados intentos fallidos. Esperá ${wait(seconds)} y probá de nuevo, o usá «¿Olvidó su contraseña?».`,
    sessionRequired: 'Iniciá sesión para seguir.',
    sessionExpired: 'Tu sesión terminó. Iniciá sesión de nuevo.',
  },
  openApi: {
    ok: 'Respuesta correcta',
    clientError: 'Pedido inválido o recurso inexistente: { code, message }',
    serverError: 'Error de la central: { code, message }',
    deliveryAuth: 'Bearer <sesión del cliente> o Delivery <credencial de envío>',
  },
  apiTitle: 'Ventanilla · API central',
  apiDescription:
    'API central de Ventanilla: catálogo de trámites, marca y parámetros de la cooperativa.',
  cli: {
    usage: [
      'Uso: npm run central [-- <comando>]',
      '',
      'Comandos:',
      '  serve     inicia la API central (es el comando si no indicás ninguno)',
      '  import    importa clientes, suministros y facturas del sistema de facturación:',
      '            import clientes.csv suministros.csv facturas.csv (o una carpeta)',
      '  staff     agrega personal de la cooperativa con sus roles (mostrador, revisor,',
      '            sistemas, admin): staff add CORREO NOMBRE --role ROL... (pide la',
      '            contraseña, o la toma de STAFF_PASSWORD); cambia los roles:',
      '            staff roles CORREO --role ROL...; el PIN y la',
      '            credencial para los kioscos: staff pin CORREO, staff badge CORREO CÓDIGO',
      '  kiosk     la flota: kiosk enrol-code --branch "SUCURSAL" (código de alta',
      '            de un solo uso, vale 24 horas), kiosk revoke ID, kiosk list',
      '  help      muestra esta ayuda',
      '',
      'Variables de entorno:',
      '  PORT          puerto (8080)',
      '  HOST          dirección (127.0.0.1)',
      '  DATA_DIR      carpeta de datos (./data)',
      '  DATABASE_URL  PostgreSQL; sin ella, SQLite en DATA_DIR',
      '  SMTP_URL      servidor de correo (smtp://usuario:clave@host:587); sin él, los',
      '                correos quedan como archivos .eml en DATA_DIR/mail',
      '  PUBLIC_URL    dirección pública de la central para los enlaces de los correos',
      '                (la propia si no se indica)',
      '  MAIL_FROM     remitente (COPELCO <no-responder@copelco.example>)',
      '  DEMO_DATA     1: carga los datos de demostración si la central no tiene clientes',
      '  PAYMENTS_HANDOFF_SECRET  clave que el sitio de pagos manda para canjear los',
      '                enlaces de «Facturas y Pagos» (sin ella no se pueden canjear)',
      '  STAFF_PASSWORD  contraseña para «staff add» (si no está, se pide en la terminal)',
      '  STAFF_PIN     PIN para «staff pin» (si no está, se pide en la terminal)',
      '  REQUIRE_ENROLLED_KIOSKS  1: rechaza los kioscos sin credencial (así por omisión',
      '                con DATABASE_URL); 0: los acepta, como la central embebida',
    ].join('\n'),
    unknownCommand: (command: string) => `No conozco el comando «${command}».`,
    badEnvironment: (detail: string) => `La configuración no es válida:\n${detail}`,
    listening: (url: string, where: string) => `Central escuchando en ${url} (${where})`,
    sqliteAt: (file: string) => `SQLite en ${file}`,
    mailTo: (where: string) => `Correos: ${where}`,
    postgres: 'PostgreSQL',
    stopping: 'Cerrando la central…',
    failed: (detail: string) => `No se pudo iniciar la central: ${detail}`,
  },
} as const;
