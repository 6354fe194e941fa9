import type { FastifyRequest } from 'fastify';
import { CentralHttpError } from '../http-errors.js';
import type { AccountsContext } from './context.js';
import { blockedFor, recordFailure } from './counters.js';
import { kioskOf } from './throttle.js';

const hourMs = 3_600_000;

const wait = (seconds: number) => Math.ceil(seconds / 60);

/**
 * Counts a registration from its source (the client's address, and the enrolled kiosk its
 * credential proved): past the hourly limit it answers 429 `too_many_registrations`.
 */
export async function countRegistration(
  context: AccountsContext,
  request: FastifyRequest,
): Promise<void> {
  const key = `register:source:${kioskOf(request).kiosk}`;
  const now = context.now();
  const blocked = await blockedFor(context.db, [key], now);
  if (blocked > 0) {
    throw new CentralHttpError(
      429,
      'too_many_registrations',
      `Desde acá se crearon demasiadas cuentas en poco tiempo. Esperá ${wait(blocked)} minutos y probá de nuevo, o pedile ayuda al personal de la sucursal.`,
      { retryAfterSeconds: blocked },
    );
  }
  await recordFailure(
    context.db,
    key,
    {
      windowMs: hourMs,
      limit: context.config.throttle.registrationsPerHour,
      blockMs: (_over, windowEnd) => windowEnd.getTime() - now.getTime(),
    },
    now,
  );
}
