import { CentralError } from '../sync/central-client.js';
import { KioskError, kioskErrors } from './errors.js';

/**
 * What the customer is told when a call to the central fails: the central's own Spanish message
 * (and the field it is about) when it refused, one plain sentence when it could not be reached.
 * Anything else is a fault of ours and is left to the dispatcher's generic message.
 */
export function fromCentral(error: unknown): unknown {
  if (!(error instanceof CentralError)) return error;
  if (error.kind === 'network' || error.kind === 'timeout') return kioskErrors.centralUnreachable();
  if (error.kind === 'http' && error.body) {
    const { code, message, field, retryAfterSeconds } = error.body;
    return new KioskError(code, message, field, retryAfterSeconds);
  }
  return error;
}

/** Runs a call to the central and turns its failure into what the customer can read. */
export async function centralCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw fromCentral(error);
  }
}
