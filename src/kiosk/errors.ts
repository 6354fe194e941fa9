import type { ApiError } from '../contract/index.js';

/** An error meant to cross to the renderer: a code for programs, a Spanish message for people. */
export class KioskError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** The form field the message belongs to, so the screen shows it next to that field. */
    readonly field?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'KioskError';
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field && { field: this.field }),
      ...(this.retryAfterSeconds !== undefined && { retryAfterSeconds: this.retryAfterSeconds }),
    };
  }
}

export const kioskErrors = {
  unknownMethod: () =>
    new KioskError('unknown_method', 'La pantalla pidió una operación que no existe.'),
  badInput: () => new KioskError('bad_input', 'Los datos enviados no son válidos.'),
  foreignSender: () =>
    new KioskError('foreign_sender', 'Pedido rechazado: no viene de la aplicación.'),
  centralUnreachable: () =>
    new KioskError(
      'central_unreachable',
      'No pudimos comunicarnos con la cooperativa. Probá de nuevo en un momento o pedí ayuda en el mostrador.',
    ),
  sessionRequired: () =>
    new KioskError('session_required', 'Tu sesión terminó. Iniciá sesión de nuevo para seguir.'),
  internal: () =>
    new KioskError(
      'internal',
      'Algo salió mal en el kiosco. Probá de nuevo o pedí ayuda en el mostrador.',
    ),
} as const;
