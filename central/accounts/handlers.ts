import type { CentralHandlers } from '../routes.js';
import { activate, resendActivation } from './activation.js';
import { toProfile } from './account-store.js';
import type { AccountsContext } from './context.js';
import { requestPasswordReset, resetPassword } from './password-reset.js';
import { countRegistration } from './registration-limit.js';
import { register } from './registration.js';
import { endSession } from './sessions.js';
import { signIn } from './sign-in.js';

export type AccountRoute =
  | 'register'
  | 'activate'
  | 'resendActivation'
  | 'signIn'
  | 'signOut'
  | 'me'
  | 'requestPasswordReset'
  | 'resetPassword';

/** The contract's account routes, each a thin call into its operation. */
export function accountHandlers(context: AccountsContext): Pick<CentralHandlers, AccountRoute> {
  return {
    async register({ body, request }) {
      await countRegistration(context, request);
      return register(context, body);
    },
    activate: ({ body }) => activate(context, body),
    resendActivation: ({ body }) => resendActivation(context, body),
    signIn: ({ body, request }) => signIn(context, body, request),
    async signOut({ body, session }) {
      await endSession(context.db, session.tokenHash, context.now(), body?.keepDeliveryTokens);
      return { ended: true as const };
    },
    me: ({ session }) => Promise.resolve(toProfile(session.account)),
    requestPasswordReset: ({ body }) => requestPasswordReset(context, body),
    resetPassword: ({ body }) => resetPassword(context, body),
  };
}
