import { CentralHttpError } from '../http-errors.js';
import type { CentralHandlers } from '../routes.js';
import type { SuppliesContext } from '../supplies/context.js';
import { supplyMessages } from '../supplies/messages.js';
import { createHandoff, isPaymentsSite, redeemHandoff } from './handoff.js';

/** The header the payments site sends its shared secret in. */
export const paymentsSecretHeader = 'x-payments-secret';

export function paymentsHandlers(
  context: SuppliesContext,
): Pick<CentralHandlers, 'paymentsHandoff' | 'redeemPaymentsHandoff'> {
  return {
    paymentsHandoff: ({ session }) => createHandoff(context, session.account.id),

    async redeemPaymentsHandoff({ body, request }) {
      const header = request.headers[paymentsSecretHeader];
      if (!isPaymentsSite(context, Array.isArray(header) ? header[0] : header)) {
        throw new CentralHttpError(
          401,
          'payments_secret_required',
          supplyMessages.handoffSecretRequired,
        );
      }
      return redeemHandoff(context, body.token);
    },
  };
}
