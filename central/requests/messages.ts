import { attachmentLimits, type RequestState } from '../../src/contract/index.js';

/** What requests, uploads and the staff API say to people, in Spanish of Argentina. */

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export { stateLabels } from '../../src/domain/request-states.js';

export const uploadMessages = {
  notFound: 'No encontramos ese adjunto. Volvé a enviarlo desde el principio.',
  expired: 'El envío de ese adjunto quedó incompleto demasiado tiempo. Volvé a enviarlo.',
  unavailable: 'La central no tiene dónde guardar adjuntos. Avisale al personal de la sucursal.',
  offsetMismatch: (offset: number) =>
    `La central tiene ${offset} bytes de este adjunto: seguí desde ahí.`,
  checksumMismatch: 'Ese tramo del adjunto llegó dañado y se descartó. Volvé a enviarlo.',
  emptyChunk: 'El tramo del adjunto llegó vacío.',
  chunkTooLarge: `Cada tramo de un adjunto puede tener hasta ${megabytes(attachmentLimits.maxChunkBytes)}.`,
  longerThanAnnounced: 'El adjunto es más largo de lo anunciado; se descartó ese tramo.',
  tooManyOpen: (limit: number) =>
    `Ya tenés ${limit} adjuntos a medio enviar. Esperá a que terminen (o a que venzan) antes de enviar otro.`,
  tooManyBytes: (limit: number) =>
    `Los adjuntos a medio enviar de tu cuenta ya suman hasta ${megabytes(limit)}. Esperá a que terminen antes de enviar otro.`,
  sizeConflict:
    'Ya hay un envío de ese mismo archivo con otro tamaño. Revisá el archivo y volvé a enviarlo.',
  hashMismatch:
    'El adjunto completo no coincide con el que se anunció (su huella sha-256 es otra) y se descartó. Volvé a enviarlo.',
  notPdf: (found: string) =>
    `Solo se aceptan adjuntos en PDF, y este archivo ${found}. El kiosco convierte las fotos en PDF: volvé a sacarlas.`,
  unreadablePdf: 'El adjunto empieza como un PDF pero no se puede leer. Volvé a generarlo.',
  sniffed: {
    jpeg: 'es una imagen JPEG',
    png: 'es una imagen PNG',
    html: 'es una página web (HTML)',
    unknown: 'no es un PDF',
  },
} as const;

export const requestMessages = {
  unknownType: 'No existe ese tipo de trámite.',
  notFound: 'No encontramos ese trámite.',
  supplyRequired: (title: string) =>
    `Para la «${title}» elegí un suministro de energía activo asociado a tu cuenta.`,
  supplyNotLinked: 'Ese suministro no está asociado a tu cuenta. Asocialo con «Asociar Cuenta».',
  supplyNotEligible: (title: string) =>
    `La «${title}» solo se puede pedir desde un suministro de energía activo. Elegí otro suministro o consultá en el mostrador.`,
  unknownStep: (stepId: string) => `El trámite no tiene un paso «${stepId}».`,
  unknownField: (label: string) => `El dato «${label}» no corresponde a este paso.`,
  unknownRequirement: (id: string) => `El trámite no pide el adjunto «${id}».`,
  attachmentMissing: (title: string) => `Falta adjuntar «${title}».`,
  attachmentRepeated: (title: string) => `El mismo archivo está dos veces en «${title}».`,
  uploadIncomplete: (title: string) =>
    `Un archivo de «${title}» todavía no terminó de llegar a la central.`,
  notObserved: 'Este trámite no está esperando una respuesta tuya.',
  wrongStep: (title: string) => `El paso que tenés que rehacer es «${title}».`,
  answerMissing: 'Mandá los datos o los archivos del paso que tenés que rehacer.',
  invalidTransition: (from: string, to: string) => `Un trámite «${from}» no puede pasar a «${to}».`,
  stepRequired: 'Para observar un trámite indicá el paso que el cliente tiene que rehacer.',
  stepNotExpected: 'Solo una observación indica un paso para rehacer.',
  stepNotRedoable: (stepId: string) => `El paso «${stepId}» no se puede rehacer.`,
  concurrentChange: 'Otro cambio de este trámite llegó al mismo tiempo. Volvé a cargarlo.',
  submitted: 'Recibimos tu trámite. Te avisamos por correo cuando cambie de estado.',
  answered: 'Recibimos tu respuesta. Tu trámite volvió a revisión.',
} as const;

export const idempotencyMessages = {
  reused:
    'Esa clave de envío ya se usó para otro pedido. Cada envío distinto necesita una clave nueva.',
  inFlight: 'Ese envío todavía se está procesando. Esperá unos segundos y consultá de nuevo.',
} as const;

export const deliveryMessages = {
  invalid: 'La credencial de envío no es válida o venció. Iniciá sesión de nuevo.',
  used: 'La credencial de envío ya se usó. Iniciá sesión de nuevo.',
  wrongPurpose: 'La credencial de envío no sirve para esta operación.',
  required: 'Los trámites se envían con una credencial de envío: pedila con la sesión.',
  tooMany:
    'Esta sesión ya tiene varias credenciales de envío sin usar. Enviá los trámites pendientes antes de pedir otra.',
} as const;

export const staffMessages = {
  invalidCredentials: 'El correo o la contraseña no son correctos.',
  sessionRequired: 'Iniciá sesión como personal de la cooperativa.',
  sessionExpired: 'Tu sesión de personal terminó. Iniciá sesión de nuevo.',
  requestMoved: (state: string) =>
    `Otra persona ya movió este trámite: ahora está «${state}». Revisá su historial antes de seguir.`,
  attachmentNotFound: 'Ese trámite no tiene ese adjunto.',
  fileMissing: 'El archivo del adjunto no está en la central.',
  forbiddenRole: (roles: readonly string[]) =>
    `Tu usuario no tiene permiso para esto: hace falta el rol ${roles.map((role) => `«${role}»`).join(' o ')}. Si lo necesitás, pedíselo a Administración.`,
} as const;

/** What the customer has to do next, by the state a change left the request in. */
export const nextSteps: Readonly<Record<RequestState, (stepTitle: string | null) => string>> = {
  enviado: () => 'No tenés que hacer nada por ahora: te avisamos cuando lo revisemos.',
  'en-revision': () => 'No tenés que hacer nada por ahora: te avisamos cuando terminemos.',
  observado: (step) =>
    `Acercate a un kiosco, iniciá sesión y en «Mis trámites» tocá la lupa para rehacer el paso «${step ?? ''}».`,
  aprobado: () => 'No tenés que hacer nada más: te avisamos cuando esté finalizado.',
  rechazado: () =>
    'Si tenés dudas, consultá en el mostrador de cualquier sucursal con el número de trámite.',
  finalizado: () => 'Tu trámite terminó. Gracias por usar la Oficina Virtual.',
};
