import type { VerificationPurpose } from '../db/schema.js';
import { CentralHttpError } from '../http-errors.js';
import { messages } from '../messages.js';
import type { CodeCheck } from './verification-codes.js';

/** The refusal of a typed code, next to the code field. */
export function codeRefusal(
  purpose: VerificationPurpose,
  outcome: Exclude<CodeCheck['outcome'], 'accepted'>,
): CentralHttpError {
  const { invalidCode, codeExpired, codeUsed, codeExhausted } = messages.accounts;
  switch (outcome) {
    case 'invalid':
      return new CentralHttpError(400, 'invalid_code', invalidCode[purpose], { field: 'code' });
    case 'expired':
      return new CentralHttpError(400, 'code_expired', codeExpired[purpose], { field: 'code' });
    case 'used':
      return new CentralHttpError(400, 'code_used', codeUsed[purpose], { field: 'code' });
    case 'exhausted':
      return new CentralHttpError(400, 'code_exhausted', codeExhausted[purpose], { field: 'code' });
    default:
      return unreachable(outcome);
  }
}

function unreachable(value: never): never {
  throw new Error(`Unhandled code outcome: ${String(value)}`);
}
