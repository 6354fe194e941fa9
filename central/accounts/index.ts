import type { FastifyInstance } from 'fastify';
import type { Authenticate } from '../routes.js';
import type { AccountsContext } from './context.js';
import { accountHandlers } from './handlers.js';
import { registerAccountPages } from './pages.js';
import { auditAssistedCall } from '../staff/assisted.js';
import { authenticateRequest } from './sessions.js';
import { decoyHash } from './sign-in.js';

export { accountsConfig, defaultAccountsConfig } from './config.js';
export type { AccountsConfig, AccountsConfigOverride } from './config.js';
export type { AccountsContext } from './context.js';
export { argon2Hasher, currentParameters, type PasswordHasher } from './password-hashing.js';

/** Everything accounts add to the central: contract handlers, the session check, mail pages. */
export function accounts(context: AccountsContext) {
  // Made now, so the first sign-in with an unknown email is not slower than the next ones.
  void decoyHash(context.hasher).catch(() => {});
  const authenticate: Authenticate = async (request) => {
    const now = context.now();
    const operation = request.routeOptions.schema?.operationId ?? request.routeOptions.url ?? '';
    const session = await authenticateRequest(context.db, request, now, {
      ending: operation === 'signOut',
    });
    await auditAssistedCall(context.db, session, operation, now);
    return session;
  };
  return {
    handlers: accountHandlers(context),
    authenticate,
    registerPages: (app: FastifyInstance) => registerAccountPages(app, context),
  };
}
