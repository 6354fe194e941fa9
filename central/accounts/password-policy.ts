import { CentralHttpError } from '../http-errors.js';
import { messages } from '../messages.js';
import { isCommonPassword } from './common-passwords.js';

/**
 * The contract already checked the length (8 to 128 characters, no composition rules, as OWASP
 * advises); the central adds what the kiosk cannot carry: the list of common passwords.
 */
export function refuseCommonPassword(password: string): void {
  if (isCommonPassword(password)) {
    throw new CentralHttpError(400, 'common_password', messages.accounts.commonPassword, {
      field: 'password',
    });
  }
}
