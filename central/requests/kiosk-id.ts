import type { FastifyRequest } from 'fastify';
import { kioskIdHeader } from '../../src/contract/index.js';

/** The kiosk id a call came from, as the kiosk sends it (null from elsewhere). */
export function kioskIdOf(request: FastifyRequest): string | null {
  const header = request.headers[kioskIdHeader];
  const id = (Array.isArray(header) ? header[0] : header)?.trim().slice(0, 64);
  return id || null;
}
