import { KioskError } from '../kiosk/errors.js';

/** What the kiosk says to staff about the fleet and the staff panel, in Spanish of Argentina. */
export const fleetErrors = {
  notEnrolled: () =>
    new KioskError(
      'kiosk_not_enrolled',
      'Este kiosco no está dado de alta en la central. Pedile a Sistemas un código de alta.',
    ),
  revoked: () =>
    new KioskError(
      'kiosk_revoked',
      'Sistemas revocó la credencial de este kiosco. Pedile un código nuevo para darlo de alta otra vez.',
    ),
  alreadyEnrolled: () =>
    new KioskError('kiosk_already_enrolled', 'Este kiosco ya está dado de alta en la central.'),
  staffRequired: () =>
    new KioskError(
      'staff_session_required',
      'Ingresá con tu correo o credencial y tu PIN para usar el panel del personal.',
    ),
  itemNotFound: () =>
    new KioskError('outbox_item_not_found', 'No hay un envío pendiente con esa referencia.'),
  itemNotStuck: () =>
    new KioskError(
      'outbox_item_not_stuck',
      'Ese envío no está rechazado ni esperando credencial: la cola lo sigue intentando sola.',
    ),
} as const;

export const testPageText = {
  title: 'Prueba de impresión',
  ok: 'Si leés esto completo, la impresora funciona.',
  characters: 'Acentos y eñes: á é í ó ú ü ñ Ñ ¿? ¡!',
  kiosk: (name: string) => `Kiosco ${name}`,
  branch: (branch: string) => `Sucursal: ${branch}`,
  version: (version: string) => `Versión ${version}`,
} as const;
